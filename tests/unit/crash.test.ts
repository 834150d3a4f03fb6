import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { initCase } from '../../electron/services/case/case.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { tempDir, writePdf } from './helpers.ts';

/** Resolve once `check` is true, polling the case as another process writes it. */
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('crash safety', () => {
  it('an import killed mid-way leaves only whole documents, each with its original and its audit row', async () => {
    const dir = tempDir();
    const caseDir = path.join(dir, 'case');
    initCase(caseDir, 'T').close();
    const rand = seededRandom(11);
    for (let i = 0; i < 12; i++)
      writePdf(dir, `in/doc${String(i).padStart(2, '0')}.pdf`, {
        pages: Array.from({ length: 30 }, () => ({ lines: fillerLines(rand, 30) })),
      });
    const child = spawn(
      process.execPath,
      [path.resolve('electron/cli/exhibit.ts'), '--case', caseDir, '--json', 'import', path.join(dir, 'in')],
      {
        stdio: 'ignore',
        env: { ...process.env, EXHIBIT_REVIEWER: 'T' },
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    const db = new BetterSqlite3(path.join(caseDir, 'case.sqlite'), { readonly: true });
    const docs = () => (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    await until(() => docs() >= 2, 'two documents to be stored');
    child.kill('SIGKILL');
    await exited;
    db.close();

    const after = new BetterSqlite3(path.join(caseDir, 'case.sqlite'));
    const stored = after.prepare('SELECT id, sha256, page_count FROM documents').all() as {
      id: string;
      sha256: string;
      page_count: number;
    }[];
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.length).toBeLessThan(12);
    for (const d of stored) {
      const pages = (after.prepare('SELECT count(*) AS n FROM pages WHERE document_id = ?').get(d.id) as { n: number }).n;
      expect(pages).toBe(d.page_count);
      const blob = fs.readFileSync(blobPath(caseDir, d.sha256));
      expect(createHash('sha256').update(blob).digest('hex')).toBe(d.sha256);
    }
    const imports = (after.prepare("SELECT count(*) AS n FROM audit WHERE action = 'document.import'").get() as { n: number }).n;
    expect(imports).toBe(stored.length);
    expect(verifyAudit(after).ok).toBe(true);
    after.close();
  });
});
