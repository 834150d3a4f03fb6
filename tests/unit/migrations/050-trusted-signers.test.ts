import { describe, expect, it } from 'vitest';
import { databaseAt } from './at-version.ts';

describe('migration 50: trusted signers', () => {
  it('keeps the case as it was and adds an empty list that takes only 64 lowercase hex digits and a name', () => {
    const { db, upgrade } = databaseAt(40);
    db.exec(`
      INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
        VALUES ('d1', '${'a'.repeat(64)}', 'text', 'Letter', 'letter.txt', 10, 1, 1, 'a', 'T', 'text/1');
      INSERT INTO allegations (id, code, title, status, position, created_at, updated_at) VALUES ('a1', 'A1', 'T', 'open', 1, 'a', 'a');
    `);
    const tables = () =>
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables()).not.toContain('trusted_signers');
    expect(upgrade()).toContain(50);
    expect(db.prepare('SELECT id, title FROM documents').all()).toEqual([{ id: 'd1', title: 'Letter' }]);
    expect(db.prepare('SELECT code FROM allegations').all()).toEqual([{ code: 'A1' }]);
    expect(db.prepare('SELECT * FROM trusted_signers').all()).toEqual([]);

    const add = db.prepare(`INSERT INTO trusted_signers (fingerprint, name, added_at, added_by) VALUES (?, ?, 'at', 'T')`);
    add.run('0123456789abcdef'.repeat(4), 'A. Colleague');
    expect(() => add.run('0123456789ABCDEF'.repeat(4), 'Upper case')).toThrow(/CHECK/);
    expect(() => add.run('abc', 'Too short')).toThrow(/CHECK/);
    expect(() => add.run('g'.repeat(64), 'Not hex')).toThrow(/CHECK/);
    expect(() => add.run('f'.repeat(64), '  ')).toThrow(/CHECK/);
    expect(() => add.run('0123456789abcdef'.repeat(4), 'Twice')).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT fingerprint, name FROM trusted_signers').all()).toEqual([
      { fingerprint: '0123456789abcdef'.repeat(4), name: 'A. Colleague' },
    ]);
  });
});
