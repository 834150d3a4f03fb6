import { describe, expect, it } from 'vitest';
import { getHighlight } from '../../../electron/services/highlights/highlights.ts';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 80: drift marks on highlight targets', () => {
  it('keeps existing targets as they were, unmarked, and refuses an unknown kind of drift', () => {
    const { db, upgrade } = databaseAt(70);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('d1', ?, 'pdf', 'Scan', 'scan.pdf', 10, 1, 1, '2024-01-01T00:00:00Z', 'T', 'pdfjs-dist 5')`,
    ).run('a'.repeat(64));
    db.prepare(
      `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color) VALUES ('h1', 'd1', 'T', 'a', 'a', 'yellow')`,
    ).run();
    db.prepare(
      `INSERT INTO highlight_targets (highlight_id, ordinal, page_index, rects, exact, prefix, suffix, start_offset, end_offset, anchor)
       VALUES ('h1', 0, 0, '[[72,700,150,712]]', 'modern terminal', 'The ', ' confirmed', 4, 19, 'ok')`,
    ).run();
    expect(columnsOf(db, 'highlight_targets')).not.toContain('drifted');
    expect(upgrade()).toEqual([80, 90, 100]);
    expect(
      db
        .prepare('SELECT exact, start_offset, anchor, drifted, drifted_from, drifted_score, drifted_at FROM highlight_targets')
        .all(),
    ).toEqual([
      {
        exact: 'modern terminal',
        start_offset: 4,
        anchor: 'ok',
        drifted: null,
        drifted_from: null,
        drifted_score: null,
        drifted_at: null,
      },
    ]);
    expect(getHighlight(db, 'h1').targets[0]).toMatchObject({ quote: { exact: 'modern terminal' }, drifted: null });

    const mark = db.prepare(
      `UPDATE highlight_targets SET drifted = ?, drifted_from = 'modern terminal', drifted_score = 0.9, drifted_at = 'b'`,
    );
    mark.run('approximate');
    expect(getHighlight(db, 'h1').targets[0]!.drifted).toEqual({
      kind: 'approximate',
      previousQuote: 'modern terminal',
      score: 0.9,
      at: 'b',
    });
    expect(() => mark.run('lost')).toThrow(/CHECK/);
  });
});
