import { describe, expect, it } from 'vitest';
import { databaseAt } from './at-version.ts';

describe('migration 30: allegations and stance links', () => {
  it('keeps highlights, adds allegations with one live code each, and only the five stances', () => {
    const { db, upgrade } = databaseAt(20);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('d1', ?, 'text', 'Letter', 'letter.txt', 10, 1, 1, 'a', 'T', 'text/1')`,
    ).run('d'.repeat(64));
    db.prepare(
      `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color) VALUES ('h1', 'd1', 'T', 'a', 'a', 'pink')`,
    ).run();
    expect(upgrade()).toContain(30);
    expect(db.prepare('SELECT id, color FROM highlights').all()).toEqual([{ id: 'h1', color: 'pink' }]);
    const allegation = db.prepare(
      `INSERT INTO allegations (id, code, title, status, position, created_at, updated_at, deleted_at) VALUES (?, ?, 'T', 'open', 1, 'a', 'a', ?)`,
    );
    allegation.run('a1', 'A1', null);
    expect(() => allegation.run('a2', 'a1', null)).toThrow(/UNIQUE/);
    allegation.run('a3', 'A1', '2024-01-01T00:00:00Z');
    const link = db.prepare(
      `INSERT INTO links (highlight_id, allegation_id, stance, author, created_at, updated_at) VALUES ('h1', ?, ?, 'T', 'a', 'a')`,
    );
    link.run('a1', 'denies');
    expect(() => link.run('a3', 'maybe')).toThrow(/CHECK/);
    expect(db.prepare('SELECT allegation_id, stance FROM links').all()).toEqual([{ allegation_id: 'a1', stance: 'denies' }]);
  });
});
