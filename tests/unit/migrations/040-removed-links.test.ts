import { describe, expect, it } from 'vitest';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 40: removed links kept as a mark', () => {
  it('adds deleted_at to links, keeping every existing link live', () => {
    const { db, upgrade } = databaseAt(30);
    db.exec(`
      INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
        VALUES ('d1', '${'e'.repeat(64)}', 'text', 'Letter', 'letter.txt', 10, 1, 1, 'a', 'T', 'text/1');
      INSERT INTO highlights (id, document_id, author, created_at, updated_at, color) VALUES ('h1', 'd1', 'T', 'a', 'a', 'blue');
      INSERT INTO allegations (id, code, title, status, position, created_at, updated_at) VALUES ('a1', 'A1', 'T', 'open', 1, 'a', 'a');
      INSERT INTO links (highlight_id, allegation_id, stance, rationale, author, created_at, updated_at)
        VALUES ('h1', 'a1', 'supports', 'why', 'T', 'a', 'b');
    `);
    expect(columnsOf(db, 'links')).not.toContain('deleted_at');
    expect(upgrade()).toContain(40);
    expect(db.prepare('SELECT stance, rationale, updated_at, deleted_at FROM links').all()).toEqual([
      { stance: 'supports', rationale: 'why', updated_at: 'b', deleted_at: null },
    ]);
  });
});
