import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../shared/ipc/contract.ts';
import {
  addSection,
  moveDocument,
  moveSection,
  newPlanBody,
  removeSection,
  sortSection,
  stampPreview,
  stepDocument,
} from '../../shared/court/plan-edit.ts';

const plan = () => {
  const body = addSection(newPlanBody('R'));
  return {
    ...body,
    sections: [
      { title: 'A', documentIds: ['a1', 'a2', 'a3'] },
      { title: 'B', documentIds: ['b1'] },
    ],
  };
};
const layout = (b: ReturnType<typeof plan>) => b.sections.map((s) => `${s.title}:${s.documentIds.join(',')}`);

describe('court plan edits (the view’s drag and keyboard moves)', () => {
  it('moves a document within a section and into another, wherever it was', () => {
    expect(layout(moveDocument(plan(), 'a1', { section: 0, index: 3 }))).toEqual(['A:a2,a3,a1', 'B:b1']);
    expect(layout(moveDocument(plan(), 'a3', { section: 0, index: 0 }))).toEqual(['A:a3,a1,a2', 'B:b1']);
    expect(layout(moveDocument(plan(), 'a2', { section: 1, index: 0 }))).toEqual(['A:a1,a3', 'B:a2,b1']);
    expect(layout(moveDocument(plan(), 'new', { section: 1, index: 9 }))).toEqual(['A:a1,a2,a3', 'B:b1,new']);
  });

  it('steps a document up and down, crossing into the neighbouring section at an edge', () => {
    expect(layout(stepDocument(plan(), 'a2', -1))).toEqual(['A:a2,a1,a3', 'B:b1']);
    expect(layout(stepDocument(plan(), 'a2', 1))).toEqual(['A:a1,a3,a2', 'B:b1']);
    expect(layout(stepDocument(plan(), 'a3', 1))).toEqual(['A:a1,a2', 'B:a3,b1']);
    expect(layout(stepDocument(plan(), 'b1', -1))).toEqual(['A:a1,a2,a3,b1', 'B:']);
    expect(layout(stepDocument(plan(), 'a1', -1))).toEqual(['A:a1,a2,a3', 'B:b1']);
  });

  it('moves and removes sections, keeping at least one', () => {
    expect(layout(moveSection(plan(), 1, 0))).toEqual(['B:b1', 'A:a1,a2,a3']);
    expect(layout(moveSection(plan(), 0, 2))).toEqual(['B:b1', 'A:a1,a2,a3']);
    const one = removeSection(plan(), 0);
    expect(layout(one)).toEqual(['B:b1']);
    expect(removeSection(one, 0)).toBe(one);
  });

  it('sorts a section by date (undated last) or title, and previews the stamp', () => {
    const docs = new Map(
      [
        ['a1', 'Zeta', '2024-03-01'],
        ['a2', 'Alpha', null],
        ['a3', 'Mid', '2024-01-01'],
      ].map(([id, title, date]) => [id!, { documentId: id, title, date } as unknown as DocumentSummary]),
    );
    const titleOf = (id: string) => docs.get(id)!.title;
    expect(layout(sortSection(plan(), 0, 'date', docs, titleOf))[0]).toBe('A:a3,a1,a2');
    expect(layout(sortSection(plan(), 0, 'title', docs, titleOf))[0]).toBe('A:a2,a3,a1');
    expect(stampPreview('EXH-', 5)).toBe('EXH-00001');
    expect(stampPreview('', 1, 12)).toBe('12');
  });
});
