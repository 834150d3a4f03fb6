import { spawnSync } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

describe('durable saves', () => {
  it('a highlight the engine has confirmed survives the process being killed at once', async () => {
    const s = newCase();
    const [doc] = await importFiles(s, [
      writePdf(tempDir(), 'a.pdf', { pages: [{ lines: ['The ministry approved the export.'] }] }),
    ]);
    const caseDir = s.store.dir;
    const child = spawnSync(
      process.execPath,
      [path.resolve('tests/fixtures/highlight-then-die.ts'), caseDir, doc!.documentId!, 'approved the export'],
      {
        encoding: 'utf8',
      },
    );
    expect(child.signal).toBe('SIGKILL');
    const highlightId = child.stdout.trim();
    expect(highlightId).toMatch(/^[0-9a-f-]{36}$/);
    const db = new BetterSqlite3(path.join(caseDir, 'case.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT note, author FROM highlights WHERE id = ?').get(highlightId);
      expect(row).toEqual({ note: 'must survive', author: 'Durability Test' });
      expect(db.prepare('SELECT exact FROM highlight_targets WHERE highlight_id = ?').get(highlightId)).toEqual({
        exact: 'approved the export',
      });
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
