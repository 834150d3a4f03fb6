/** `exhibit court-bundle` through the real CLI: sections in the order given, the JSON result, the default by date, usage errors. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { DEFAULT_COURT_OPTIONS } from '../../shared/ipc/contract.ts';
import { exhibit, tempDir, writePdf } from './helpers.ts';
import { pdfjsPages, qpdfCheck } from './court-helpers.ts';

describe('exhibit court-bundle', () => {
  it('builds sections in the order given and prints where each document lands', async () => {
    const dir = tempDir();
    const caseDir = path.join(dir, 'case');
    const home = tempDir('exhibit-home-');
    const c = (...args: string[]) => exhibit(['--case', caseDir, ...args], { HOME: home });
    c('init', caseDir);
    const letter = (name: string, date: string, line: string, pages = 1) =>
      writePdf(dir, name, {
        info: { title: name.replace('.pdf', ''), creationDate: date },
        pages: Array.from({ length: pages }, (_, i) => ({ lines: [`${line} page ${i + 1}`] })),
      });
    const [late, early, middle] = c(
      '--json',
      'import',
      letter('late.pdf', 'D:20230101000000Z', 'Late letter', 2),
      letter('early.pdf', 'D:20200101000000Z', 'Early letter'),
      letter('middle.pdf', 'D:20210101000000Z', 'Middle letter', 3),
    ).lines();

    const out = path.join(dir, 'bundle.pdf');
    const docx = path.join(dir, 'index.docx');
    const r = c(
      '--json',
      'court-bundle',
      '--out',
      out,
      '--title',
      'Hearing bundle',
      '--prefix',
      'B-',
      '--digits',
      '3',
      '--stamp-position',
      'top-right',
      '--index-docx',
      docx,
      '--section',
      'Replies',
      '--doc',
      middle.documentId.slice(0, 8),
      '--doc',
      late.documentId,
      '--section',
      'Claims',
      '--doc',
      early.documentId,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = r.lines()[0];
    expect(result).toMatchObject({ out, pages: 1 + 1 + 6, indexDocx: docx });
    expect(result.entries).toEqual([
      { section: 'Replies', documentId: middle.documentId, title: 'middle', firstPage: 3, lastPage: 5 },
      { section: 'Replies', documentId: late.documentId, title: 'late', firstPage: 6, lastPage: 7 },
      { section: 'Claims', documentId: early.documentId, title: 'early', firstPage: 8, lastPage: 8 },
    ]);
    expect(fs.existsSync(docx)).toBe(true);
    expect(qpdfCheck(out).ok).toBe(true);
    const { texts, labels } = await pdfjsPages(out);
    expect(labels).toEqual(Array.from({ length: 8 }, (_, i) => `B-00${i + 1}`));
    expect(texts[2]).toContain('Middle letter page 1');
    expect(texts[2]).toContain('B-003');

    // Without --section: every document, by date.
    const all = c('--json', 'court-bundle', '--out', path.join(dir, 'all.pdf'), '--highlights', '--notes');
    expect(all.code, all.stderr).toBe(0);
    expect(all.lines()[0].entries.map((e: { title: string }) => e.title)).toEqual(['early', 'middle', 'late']);

    // Usage and input errors: nothing written.
    const orphan = c('court-bundle', '--out', path.join(dir, 'x.pdf'), '--doc', early.documentId);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('--section');
    const unknown = c('court-bundle', '--out', path.join(dir, 'x.pdf'), '--section', 'S', '--doc', 'ffffffffff');
    expect(unknown.code).toBe(1);
    const badPos = c('court-bundle', '--out', path.join(dir, 'x.pdf'), '--stamp-position', 'middle');
    expect(badPos.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });

  it('builds from a plan saved in the case (--plan NAME), its sections and options as saved', async () => {
    const dir = tempDir();
    const caseDir = path.join(dir, 'case');
    const home = tempDir('exhibit-home-');
    const c = (...args: string[]) => exhibit(['--case', caseDir, ...args], { HOME: home });
    c('init', caseDir);
    const [a, b] = c(
      '--json',
      'import',
      writePdf(dir, 'a.pdf', { info: { title: 'Alpha' }, pages: [{ lines: ['Alpha letter'] }] }),
      writePdf(dir, 'b.pdf', { info: { title: 'Bravo' }, pages: [{ lines: ['Bravo letter'] }, { lines: ['Bravo two'] }] }),
    ).lines();
    // The plan as the app saves it, through the same channel.
    const s = openServices({
      caseDir,
      pool: { size: 1 },
      actor: () => 'Test Reviewer',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
    });
    try {
      await callTyped(s.router, 'court.savePlan', {
        name: 'Hearing of 3 March',
        plan: {
          cover: { title: 'Hearing of 3 March', date: '2026-03-03', preparedBy: 'R. Okafor' },
          sections: [
            { title: 'Replies', documentIds: [b.documentId] },
            { title: 'Claims', documentIds: [a.documentId] },
          ],
          options: { ...DEFAULT_COURT_OPTIONS, prefix: 'TAB-', digits: 2 },
        },
      });
    } finally {
      s.close();
    }
    const out = path.join(dir, 'planned.pdf');
    const r = c('--json', 'court-bundle', '--out', out, '--plan', 'Hearing of 3 March');
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines()[0].entries).toEqual([
      { section: 'Replies', documentId: b.documentId, title: 'Bravo', firstPage: 3, lastPage: 4 },
      { section: 'Claims', documentId: a.documentId, title: 'Alpha', firstPage: 5, lastPage: 5 },
    ]);
    const { labels } = await pdfjsPages(out);
    expect(labels).toEqual(['TAB-01', 'TAB-02', 'TAB-03', 'TAB-04', 'TAB-05']);

    const missing = c('court-bundle', '--out', path.join(dir, 'y.pdf'), '--plan', 'No such plan');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such plan');
    expect(fs.existsSync(path.join(dir, 'y.pdf'))).toBe(false);
  });
});
