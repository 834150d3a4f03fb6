import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { callTyped } from '../../electron/services/router.ts';
import { importFiles, newCase, tempDir, writeFile } from './helpers.ts';

async function caseWithHistory() {
  const s = newCase();
  const dir = tempDir();
  const results = await importFiles(s, [writeFile(dir, 'a.txt', 'first'), writeFile(dir, 'b.txt', 'second')]);
  await callTyped(s.router, 'documents.setProvenance', {
    documentId: results[0]!.documentId!,
    provenance: { source: 'UN OHCHR' },
  });
  return s;
}

/** Tamper the way someone with the file and a SQLite shell would: drop the guards, edit rows. */
function tamper(dbFile: string, sql: string): void {
  const raw = new BetterSqlite3(dbFile);
  raw.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit log', () => {
  it('records who did what, with a verified hash chain', async () => {
    const s = await caseWithHistory();
    const rows = s.store.db.prepare('SELECT seq, actor, action, entity FROM audit ORDER BY seq').all();
    expect(rows).toEqual([
      { seq: 1, actor: 'Test Reviewer', action: 'case.create', entity: 'case' },
      { seq: 2, actor: 'Test Reviewer', action: 'document.import', entity: 'document' },
      { seq: 3, actor: 'Test Reviewer', action: 'document.import', entity: 'document' },
      { seq: 4, actor: 'Test Reviewer', action: 'document.provenance', entity: 'document' },
    ]);
    expect(verifyAudit(s.store.db)).toEqual({ ok: true, rows: 4, firstBroken: null });
  });

  it('refuses updates and deletes through the database', async () => {
    const s = await caseWithHistory();
    expect(() => s.store.db.exec("UPDATE audit SET actor = 'someone else'")).toThrow(/append-only/);
    expect(() => s.store.db.exec('DELETE FROM audit WHERE seq = 2')).toThrow(/append-only/);
  });

  it('names the first row whose contents were edited', async () => {
    const s = await caseWithHistory();
    const file = path.join(s.store.dir, 'case.sqlite');
    tamper(file, `UPDATE audit SET payload = '{"source":"someone else"}' WHERE seq = 3`);
    expect(verifyAudit(s.store.db)).toEqual({
      ok: false,
      rows: 3,
      firstBroken: { seq: 3, reason: 'its contents were changed after it was written' },
    });
  });

  it('names the gap where a row was deleted', async () => {
    const s = await caseWithHistory();
    tamper(path.join(s.store.dir, 'case.sqlite'), 'DELETE FROM audit WHERE seq = 2');
    expect(verifyAudit(s.store.db).firstBroken).toEqual({ seq: 3, reason: 'row 2 is missing (found 3 next)' });
  });

  it('detects a row rewritten with a freshly computed hash (the chain link breaks)', async () => {
    const s = await caseWithHistory();
    const file = path.join(s.store.dir, 'case.sqlite');
    // Forge row 2 consistently with itself but not with row 1.
    tamper(file, `UPDATE audit SET prev_hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    expect(verifyAudit(s.store.db).firstBroken).toEqual({ seq: 2, reason: 'its link to the previous row does not match' });
  });
});
