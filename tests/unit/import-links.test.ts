/**
 * Symbolic links in a folder being imported: a link to a file inside the folder is
 * imported (once, when the file is also there directly); every other link is listed as
 * skipped with a reason naming it, through the router and through the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { count, exhibit, importFiles, newCase, tempDir, writePdf } from './helpers.ts';

/**
 * chosen/                     the folder the reviewer picks
 *   letters/reply.pdf         a PDF, also reached by reply-link.pdf
 *   letters/back -> ..        a folder link back up (a loop)
 *   .originals/annex.pdf      hidden, so reached only by annex.pdf
 *   annex.pdf -> .originals/annex.pdf
 *   reply-link.pdf -> letters/reply.pdf
 *   outside.pdf -> ../elsewhere/secret.pdf
 *   gone.pdf -> nowhere.pdf   dangling
 *   elsewhere -> ../elsewhere a folder outside
 *   ring-a.pdf <-> ring-b.pdf two links pointing at each other
 */
function linkedFolder() {
  const dir = tempDir();
  const chosen = path.join(dir, 'chosen');
  const reply = writePdf(chosen, 'letters/reply.pdf', { pages: [{ lines: ['We reply to the rapporteurs'] }] });
  writePdf(chosen, '.originals/annex.pdf', { pages: [{ lines: ['Annex on export licences'] }, { lines: ['Table'] }] });
  const secret = writePdf(dir, 'elsewhere/secret.pdf', { pages: [{ lines: ['A private diary entry'] }] });
  const link = (name: string, target: string) => {
    fs.symlinkSync(target, path.join(chosen, name));
    return path.join(chosen, name);
  };
  return {
    dir,
    chosen,
    reply,
    secret,
    annex: link('annex.pdf', '.originals/annex.pdf'),
    replyLink: link('reply-link.pdf', 'letters/reply.pdf'),
    outside: link('outside.pdf', '../elsewhere/secret.pdf'),
    gone: link('gone.pdf', 'nowhere.pdf'),
    back: link('letters/back', '..'),
    elsewhere: link('elsewhere', '../elsewhere'),
    ringA: link('ring-a.pdf', 'ring-b.pdf'),
    ringB: link('ring-b.pdf', 'ring-a.pdf'),
  };
}

describe('links in an imported folder', () => {
  it('imports links to files inside the folder once and lists every other link as skipped, naming it', async () => {
    const s = newCase();
    const f = linkedFolder();
    const results = await importFiles(s, [f.chosen]);
    const brief = results.map((r) => [r.path, r.status, r.errorCode]);
    expect(brief).toEqual([
      [f.annex, 'imported', null],
      [f.elsewhere, 'skipped', 'link-folder'],
      [f.gone, 'skipped', 'link-dangling'],
      [f.back, 'skipped', 'link-loop'],
      [f.reply, 'imported', null],
      [f.outside, 'skipped', 'link-outside'],
      [f.ringA, 'skipped', 'link-loop'],
      [f.ringB, 'skipped', 'link-loop'],
    ]);
    const reason = (file: string) => results.find((r) => r.path === file)!.error;
    expect(reason(f.outside)).toBe(
      `${f.outside}: a link to ${fs.realpathSync(f.secret)}, outside the folder being imported; skipped`,
    );
    expect(reason(f.gone)).toBe(`${f.gone}: a link to nowhere.pdf, which does not exist; skipped`);
    expect(reason(f.back)).toMatch(new RegExp(`^${f.back}: a link back to .*chosen, a folder that holds it \\(a loop\\)`));
    expect(reason(f.elsewhere)).toMatch(new RegExp(`^${f.elsewhere}: a link to the folder .*elsewhere; links to folders`));
    expect(reason(f.ringA)).toBe(`${f.ringA}: a link in a loop of links; skipped`);

    // The annex came in through its link with its pages; the diary outside never did.
    expect(results[0]).toMatchObject({ pages: 2, documentId: expect.any(String) });
    expect(count(s, 'documents')).toBe(2);
    const diary = await callTyped(s.router, 'search.query', { query: 'diary' });
    expect(diary.total).toBe(0);
    const annex = await callTyped(s.router, 'search.query', { query: 'licences' });
    expect(annex.results.map((r) => r.title)).toEqual(['annex']);
  });

  it('lists a file named twice, or named and found in its folder, once', async () => {
    const s = newCase();
    const f = linkedFolder();
    const results = await importFiles(s, [f.replyLink, f.reply, path.join(f.chosen, 'letters')]);
    expect(results.map((r) => [r.path, r.status])).toEqual([
      [f.replyLink, 'imported'],
      [f.back, 'skipped'],
    ]);
  });

  it('follows a link the reviewer names directly, wherever it points', async () => {
    const s = newCase();
    const f = linkedFolder();
    const [r] = await importFiles(s, [f.outside]);
    expect(r).toMatchObject({ path: f.outside, status: 'imported', pages: 1 });
  });
});

describe('exhibit import with links', () => {
  it('prints skipped links with their reasons, in text and as JSON lines, and exits 0', () => {
    const f = linkedFolder();
    const caseDir = path.join(f.dir, 'case');
    exhibit(['init', caseDir]);
    const json = exhibit(['--case', caseDir, '--json', 'import', f.chosen]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const lines = json.lines();
    expect(lines.filter((l) => l.status === 'skipped').map((l) => l.path)).toEqual([
      f.elsewhere,
      f.gone,
      f.back,
      f.outside,
      f.ringA,
      f.ringB,
    ]);
    expect(lines.find((l) => l.path === f.gone)).toEqual({
      path: f.gone,
      status: 'skipped',
      documentId: null,
      sha256: null,
      pages: null,
      error: `${f.gone}: a link to nowhere.pdf, which does not exist; skipped`,
      errorCode: 'link-dangling',
    });

    const text = exhibit(['--case', caseDir, 'import', f.chosen]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `skipped    ${f.outside}: a link to ${fs.realpathSync(f.secret)}, outside the folder being imported; skipped\n`,
    );
    expect(text.stdout).toMatch(/duplicate +.*annex\.pdf/);
    expect(text.stdout).toContain('2 of 2 file(s) imported or already present; 0 failed. 6 link(s) skipped.');
  });
});
