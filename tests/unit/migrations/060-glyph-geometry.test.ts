import { describe, expect, it } from 'vitest';
import { unmeasuredDocuments } from '../../../electron/services/geometry/remeasure.ts';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 60: glyph geometry version per document', () => {
  it('leaves PDFs imported before it unmeasured (so opening re-measures them) and text letters out of it', () => {
    const { db, upgrade } = databaseAt(40);
    const doc = db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES (?, ?, ?, ?, ?, 10, 1, 1, '2024-01-01T00:00:00Z', 'T', 'pdfjs-dist 5')`,
    );
    doc.run('p1', 'a'.repeat(64), 'pdf', 'Reply', 'reply.pdf');
    doc.run('t1', 'b'.repeat(64), 'text', 'Letter', 'letter.txt');
    expect(columnsOf(db, 'documents')).not.toContain('geometry');
    expect(upgrade()).toContain(60);
    expect(db.prepare('SELECT id, title, geometry FROM documents ORDER BY id').all()).toEqual([
      { id: 'p1', title: 'Reply', geometry: null },
      { id: 't1', title: 'Letter', geometry: null },
    ]);
    expect(unmeasuredDocuments(db)).toEqual([{ documentId: 'p1', sha256: 'a'.repeat(64), title: 'Reply' }]);
  });
});
