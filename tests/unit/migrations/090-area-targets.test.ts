import { describe, expect, it } from 'vitest';
import { getHighlight, listHighlights } from '../../../electron/services/highlights/highlights.ts';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 90: area targets', () => {
  it('keeps every target as a passage of text (no area), and stores an area from then on', () => {
    const { db, upgrade } = databaseAt(80);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('d1', ?, 'pdf', 'Reply', 'reply.pdf', 10, 1, 1, '2024-01-01T00:00:00Z', 'T', 'pdfjs-dist 5')`,
    ).run('a'.repeat(64));
    db.prepare(
      `INSERT INTO pages (document_id, page_index, width, height, text, search_text, items)
       VALUES ('d1', 0, 612, 792, 'The modern terminal confirmed', 'the modern terminal confirmed', ?)`,
    ).run(JSON.stringify({ view: [0, 0, 612, 792], items: [[0, 29, 12, 0, 0, 12, 72, 700, 160, 12]] }));
    db.prepare(
      `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color) VALUES ('h1', 'd1', 'T', 'a', 'a', 'yellow')`,
    ).run();
    db.prepare(
      `INSERT INTO highlight_targets (highlight_id, ordinal, page_index, rects, exact, prefix, suffix, start_offset, end_offset, anchor, drifted)
       VALUES ('h1', 0, 0, '[[72,700,150,712]]', 'modern terminal', 'The ', ' confirmed', 4, 19, 'ok', 'moved')`,
    ).run();
    expect(columnsOf(db, 'highlight_targets')).not.toContain('area');
    expect(upgrade()).toEqual([90, 100]);
    expect(db.prepare('SELECT exact, rects, anchor, drifted, area FROM highlight_targets').all()).toEqual([
      { exact: 'modern terminal', rects: '[[72,700,150,712]]', anchor: 'ok', drifted: 'moved', area: null },
    ]);
    expect(getHighlight(db, 'h1').targets[0]).toMatchObject({ area: null, quote: { exact: 'modern terminal' } });

    // A target holding an area reads back with it, and is ok whatever its page's text says.
    db.prepare(`UPDATE highlight_targets SET area = '[70,690,200,715]', rects = '[[70,690,200,715]]', exact = 'gone'`).run();
    const [listed] = listHighlights(db, 'd1');
    expect(listed!.targets[0]).toMatchObject({ area: [70, 690, 200, 715], rects: [[70, 690, 200, 715]], anchor: 'ok' });
  });
});
