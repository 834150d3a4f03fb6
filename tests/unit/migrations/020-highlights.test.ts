import { describe, expect, it } from 'vitest';
import { databaseAt } from './at-version.ts';

describe('migration 20: highlights and their targets', () => {
  it('adds highlights beside existing documents, keeping them, and refuses an unknown anchor state', () => {
    const { db, upgrade } = databaseAt(10);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('d1', ?, 'text', 'Letter', 'letter.txt', 10, 1, 1, '2024-01-01T00:00:00Z', 'T', 'text/1')`,
    ).run('c'.repeat(64));
    expect(upgrade()).toContain(20);
    expect(db.prepare('SELECT id, title FROM documents').all()).toEqual([{ id: 'd1', title: 'Letter' }]);
    db.prepare(
      `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color) VALUES ('h1', 'd1', 'T', 'a', 'a', 'yellow')`,
    ).run();
    const target = db.prepare(
      `INSERT INTO highlight_targets (highlight_id, ordinal, page_index, rects, exact, prefix, suffix, start_offset, end_offset, anchor)
       VALUES ('h1', ?, 0, '[]', 'Dear', '', ' r', 0, 4, ?)`,
    );
    target.run(0, 'ok');
    expect(() => target.run(1, 'moved')).toThrow(/CHECK/);
    expect(db.prepare('SELECT exact, anchor FROM highlight_targets').all()).toEqual([{ exact: 'Dear', anchor: 'ok' }]);
  });
});
