import { describe, expect, it } from 'vitest';
import { getHighlight } from '../../../electron/services/highlights/highlights.ts';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 90: area targets', () => {
  it('keeps existing targets as text targets (no area) and reads an area back as a rectangle', () => {
    const { db, upgrade } = databaseAt(80);
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
    expect(columnsOf(db, 'highlight_targets')).not.toContain('area');
    expect(upgrade()).toEqual([90]);
    expect(getHighlight(db, 'h1').targets[0]).toMatchObject({ quote: { exact: 'modern terminal' }, area: null });

    db.prepare(`UPDATE highlight_targets SET area = '[72,600,300,712]'`).run();
    expect(getHighlight(db, 'h1').targets[0]!.area).toEqual([72, 600, 300, 712]);
  });
});
