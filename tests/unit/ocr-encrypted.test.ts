/**
 * The scanned pages of an encrypted PDF are read with the password the reviewer gave at
 * import, held in memory for the session and never stored. After a restart, a page queued
 * again fails saying what brings it back (run OCR with the password), and does once given.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { tempDir } from './helpers.ts';

const PASSWORD = 'rapporteur-2021';
const LINES = ['The Company rejects the allegations of the Special Rapporteurs', 'in their letter of 2 September.'];

describe('scanned pages of an encrypted PDF', () => {
  it('are read with the import password this session, and after a restart once it is given again', async () => {
    const dir = tempDir();
    const plain = path.join(dir, 'plain.pdf');
    fs.writeFileSync(plain, (await scanPdf(dir, { lines: LINES })).pdf);
    const file = path.join(dir, 'reply-locked.pdf');
    execFileSync('qpdf', ['--encrypt', PASSWORD, 'owner-secret', '256', '--', plain, file]);
    const caseDir = path.join(dir, 'case');
    const home = { configDir: path.join(dir, 'config'), dataDir: path.join(dir, 'data') };
    const open = (create: boolean) =>
      openServices({ caseDir, create, actor: () => 'Reviewer', pool: { size: 1, ocr: { size: 1 } }, ...home });

    let s = open(true);
    const [result] = await callTyped(s.router, 'import.start', { jobId: 'locked', paths: [file], password: PASSWORD });
    expect(result!.status).toBe('imported');
    const documentId = result!.documentId!;
    await s.ocr.idle();
    let [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: 1, done: 1, failed: 0 });
    const hits = await callTyped(s.router, 'search.query', { query: '"rejects the allegations"' });
    expect(hits.results.map((h) => [h.documentId, h.page])).toEqual([[documentId, 1]]);
    // The password is nowhere in the case.
    await s.close();
    for (const name of fs.readdirSync(caseDir).filter((n) => n.endsWith('.db') || n.endsWith('-wal')))
      expect(fs.readFileSync(path.join(caseDir, name)).includes(PASSWORD), name).toBe(false);

    // A restart forgets it: reading the page again fails, saying what brings it back.
    s = open(false);
    await callTyped(s.router, 'ocr.run', { documentId, force: true });
    await s.ocr.idle();
    [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ failed: 1 });
    expect(status!.errors[0]!.reason).toMatch(
      /encrypted PDF and its password was not given.*run OCR on the document again with its password/,
    );

    // Given again: read.
    await callTyped(s.router, 'ocr.run', { documentId, password: PASSWORD });
    await s.ocr.idle();
    [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: 1, done: 1, failed: 0 });
    await s.close();
  }, 120_000);
});
