import { describe, expect, it } from 'vitest';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 70: image documents and the OCR queue', () => {
  it('keeps every document, page and highlight through the rebuilt documents table, and accepts images', () => {
    const { db, upgrade } = databaseAt(60);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by,
         extractor_version, geometry, source)
       VALUES ('p1', ?, 'pdf', 'Reply', 'reply.pdf', 10, 1, 0, '2024-01-01T00:00:00Z', 'T', 'pdfjs-dist 5', 2, 'Ministry')`,
    ).run('a'.repeat(64));
    db.prepare(
      `INSERT INTO pages (document_id, page_index, width, height, text, search_text, items)
       VALUES ('p1', 0, 612, 792, '', '', '{"view":[0,0,612,792],"items":[]}')`,
    ).run();
    db.prepare(
      `INSERT INTO highlights (id, document_id, color, created_at, author, updated_at)
       VALUES ('h1', 'p1', 'yellow', '2024-01-02T00:00:00Z', 'T', '2024-01-02T00:00:00Z')`,
    ).run();
    const image = db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('i1', ?, 'image', 'Fax', 'fax.tiff', 10, 1, 0, '2024-01-01T00:00:00Z', 'T', 'sharp')`,
    );
    expect(() => image.run('b'.repeat(64))).toThrow(/CHECK constraint failed/);

    expect(upgrade()).toContain(70);
    expect(db.prepare('SELECT id, kind, title, geometry, source, ocr_paused FROM documents').all()).toEqual([
      { id: 'p1', kind: 'pdf', title: 'Reply', geometry: 2, source: 'Ministry', ocr_paused: 0 },
    ]);
    expect(db.prepare('SELECT document_id, page_index FROM pages').all()).toEqual([{ document_id: 'p1', page_index: 0 }]);
    expect(db.prepare('SELECT id, document_id FROM highlights').all()).toEqual([{ id: 'h1', document_id: 'p1' }]);
    image.run('b'.repeat(64));
    expect(columnsOf(db, 'ocr_pages')).toContain('word_confidence');
    // The references still hold: removing a document takes its pages with it, as before.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(
      `INSERT INTO ocr_pages (document_id, page_index, state, languages, updated_at) VALUES ('i1', 0, 'queued', 'eng', 'now')`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO ocr_pages (document_id, page_index, state, languages, updated_at) VALUES ('zz', 0, 'queued', 'eng', 'now')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM documents WHERE id = 'i1'").run();
    expect(db.prepare('SELECT count(*) FROM ocr_pages').pluck().get()).toBe(0);
  });
});
