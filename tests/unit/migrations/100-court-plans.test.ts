import { describe, expect, it } from 'vitest';
import { DEFAULT_COURT_OPTIONS } from '../../../shared/ipc/contract.ts';
import { listPlans, savePlan } from '../../../electron/services/court/plans.ts';
import { columnsOf, databaseAt } from './at-version.ts';

describe('migration 100: court bundle plans', () => {
  it('adds an empty table of plans beside the rows already there, with live names unique ignoring case', () => {
    const { db, upgrade } = databaseAt(90);
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, imported_at, imported_by, extractor_version)
       VALUES ('d1', ?, 'pdf', 'Reply', 'reply.pdf', 10, 1, 1, '2024-01-01T00:00:00Z', 'T', 'pdfjs-dist 5')`,
    ).run('a'.repeat(64));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'court_plans'").get()).toBeUndefined();
    expect(upgrade()).toEqual([100]);
    expect(columnsOf(db, 'court_plans')).toEqual(['id', 'name', 'body', 'created_at', 'updated_at', 'deleted_at']);
    expect(db.prepare('SELECT id, title FROM documents').all()).toEqual([{ id: 'd1', title: 'Reply' }]);
    expect(listPlans(db)).toEqual([]);

    const plan = {
      cover: { title: 'Bundle', date: null, preparedBy: '' },
      sections: [{ title: 'Letters', documentIds: ['d1'] }],
      options: DEFAULT_COURT_OPTIONS,
    };
    const saved = savePlan(db, { name: 'Hearing', plan }, 'T');
    expect(db.prepare('SELECT id, name, body, deleted_at FROM court_plans').all()).toEqual([
      { id: saved.planId, name: 'Hearing', body: JSON.stringify(plan), deleted_at: null },
    ]);
    const insert = db.prepare(
      "INSERT INTO court_plans (id, name, body, created_at, updated_at, deleted_at) VALUES (?, ?, '{}', 'a', 'a', ?)",
    );
    expect(() => insert.run('p2', 'HEARING', null)).toThrow(/UNIQUE/);
    // A deleted plan does not hold its name.
    expect(() => insert.run('p3', 'HEARING', 'b')).not.toThrow();
  });
});
