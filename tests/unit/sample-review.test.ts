/**
 * The shipped sample case opens with a review: allegations, passages of both sample
 * documents highlighted where their quotes are, and links taking every stance, so the
 * ledger, the matrix and the response map have something to show. A review whose quote is
 * not on its page leaves the sample with its documents only and names the quote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { STANCES } from '../../shared/stances.ts';
import { newCase, tempDir, writeFile } from './helpers.ts';

const SHIPPED = path.resolve('resources', 'sample');

describe('the sample case', () => {
  it('opens with three allegations, anchored highlights of both documents and links of every stance', async () => {
    const s = newCase();
    const info = await callTyped(s.router, 'case.openSample', {});
    // The review file is read, not imported as a document.
    expect(info.documents).toBe(2);
    const docs = await callTyped(s.router, 'documents.list', {});
    const letter = docs.find((d) => d.kind === 'text')!;
    const report = docs.find((d) => d.kind === 'pdf')!;

    const allegations = await callTyped(s.router, 'allegations.list', {});
    expect(allegations.map((a) => [a.code, a.status])).toEqual([
      ['A1', 'disputed'],
      ['A2', 'corroborated'],
      ['A3', 'open'],
    ]);

    // Every highlight sits on the words it quotes, in the text the engine extracted.
    const highlights = await callTyped(s.router, 'highlights.list', {});
    expect(highlights).toHaveLength(9);
    for (const h of highlights) {
      for (const t of h.targets) {
        expect(t.anchor, h.quote).toBe('ok');
        const page = await callTyped(s.router, 'documents.page', { documentId: h.documentId, page: t.page });
        expect(page.text.slice(t.position.start, t.position.end)).toBe(t.quote.exact);
      }
    }
    expect(new Set(highlights.map((h) => h.documentId))).toEqual(new Set([letter.documentId, report.documentId]));

    // The matrix: A1 supported by the report, denied and contradicted by the letter; A2 admitted and explained.
    const matrix = await callTyped(s.router, 'matrix.get', {});
    const cell = (code: string, documentId: string) => {
      const a = matrix.allegations.find((x) => x.code === code)!;
      return matrix.cells.find((c) => c.allegationId === a.allegationId && c.documentId === documentId)?.counts;
    };
    expect(cell('A1', report.documentId)).toMatchObject({ supports: 2 });
    expect(cell('A1', letter.documentId)).toMatchObject({ denies: 1, contradicts: 1 });
    expect(cell('A2', report.documentId)).toMatchObject({ supports: 1 });
    expect(cell('A2', letter.documentId)).toMatchObject({ admits: 1, context: 1 });
    expect(cell('A3', letter.documentId)).toBeUndefined();
    const used = new Set(matrix.cells.flatMap((c) => STANCES.filter((st) => c.counts[st] > 0)));
    expect([...used].sort()).toEqual([...STANCES].sort());

    // The response map of the letter: A1 and A2 answered, A3 not.
    const map = await callTyped(s.router, 'responseMap.get', { documentId: letter.documentId });
    expect(map.map((e) => [e.code, e.addressed, e.stances, e.passages])).toEqual([
      ['A1', true, ['contradicts', 'denies'], 2],
      ['A2', true, ['context', 'admits'], 2],
      ['A3', false, [], 0],
    ]);
    // One highlight waits in the unlinked queue, with its note.
    const unlinked = await callTyped(s.router, 'highlights.unlinked', {});
    expect(unlinked.map((h) => h.note)).toEqual([expect.stringContaining('consent')]);

    // The review is recorded under its own reviewer, the documents under the user who opened the sample.
    const actors = s.store.db.prepare('SELECT action, actor FROM audit ORDER BY seq').all() as {
      action: string;
      actor: string;
    }[];
    expect(actors.filter((r) => r.action === 'document.import').every((r) => r.actor === 'Test Reviewer')).toBe(true);
    const review = actors.filter((r) => /^(allegation|highlight|link)\./.test(r.action));
    expect(review).toHaveLength(3 + 9 + 8);
    expect(review.every((r) => r.actor === 'Sample reviewer (fictional)')).toBe(true);
  });

  it('keeps the documents and names the quote when the review does not fit them', async () => {
    const sample = tempDir('exhibit-sample-');
    for (const f of fs.readdirSync(SHIPPED)) fs.copyFileSync(path.join(SHIPPED, f), path.join(sample, f));
    const review = JSON.parse(fs.readFileSync(path.join(SHIPPED, 'sample-review.json'), 'utf8')) as {
      highlights: { quote: string }[];
    };
    review.highlights[3]!.quote = 'words the report never says';
    writeFile(sample, 'sample-review.json', JSON.stringify(review));
    const home = tempDir('exhibit-user-');
    const s = openServices({
      caseDir: path.join(tempDir(), 'default'),
      create: true,
      actor: () => 'T',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      sampleDir: sample,
    });
    try {
      await expect(callTyped(s.router, 'case.openSample', {})).rejects.toThrow(/words the report never says/);
      expect(await callTyped(s.router, 'documents.list', {})).toHaveLength(2);
      expect(await callTyped(s.router, 'allegations.list', {})).toEqual([]);
      expect(await callTyped(s.router, 'highlights.list', {})).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
