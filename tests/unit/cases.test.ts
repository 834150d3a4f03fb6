import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCase } from '../../electron/services/case/case.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

describe('switching cases', () => {
  it('opens and creates cases, remembers them as recent, and searches only the open one', async () => {
    const s = newCase();
    await importFiles(s, [writeFile(tempDir(), 'first.txt', 'Pegasus in the first case')]);
    const other = path.join(tempDir(), 'second');
    const created = await callTyped(s.router, 'case.create', { path: other });
    expect(created).toMatchObject({ path: other, name: 'second', documents: 0 });
    expect((await callTyped(s.router, 'search.query', { query: 'pegasus' })).total).toBe(0);
    expect(s.store.dir).toBe(other);
    const recent = await callTyped(s.router, 'case.recent', {});
    expect(recent[0]).toEqual({ path: other, name: 'second', exists: true });
  });

  it('keeps the open case when the folder asked for is not a case', async () => {
    const s = newCase();
    const before = s.store.dir;
    const notCase = tempDir();
    const res = await s.router.call('case.open', { path: notCase });
    expect(res).toMatchObject({ ok: false, error: { code: 'not-a-case' } });
    expect(s.store.dir).toBe(before);
    expect((await callTyped(s.router, 'case.info', {})).path).toBe(before);
    expect(fs.readdirSync(notCase)).toEqual([]);
  });

  it('refuses to switch away while an import runs, naming it, and switches once it is done', async () => {
    const home = tempDir('exhibit-user-');
    const other = path.join(tempDir(), 'other');
    initCase(other, 'T').close();
    let attempt: Promise<unknown> | null = null;
    const s = openServices({
      caseDir: path.join(tempDir(), 'harbour'),
      create: true,
      pool: { size: 1 },
      backup: false,
      actor: () => 'T',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      // The first progress of the import: the reviewer picks another case from the recent list.
      emit: (event) => {
        if (event === 'import.progress' && !attempt) attempt = s.router.call('case.open', { path: other });
      },
    });
    try {
      const dir = tempDir();
      const files = ['a', 'b', 'c'].map((n) =>
        writePdf(dir, `${n}.pdf`, { pages: Array.from({ length: 20 }, (_, i) => ({ lines: [`Report ${n}, page ${i + 1}`] })) }),
      );
      const before = s.store.dir;
      const imported = await importFiles(s, files);
      expect(imported.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
      expect(attempt).not.toBeNull();
      expect(await attempt).toMatchObject({
        ok: false,
        error: {
          code: 'busy',
          message: expect.stringMatching(/an import is still running in harbour: wait for it to finish or cancel it/),
        },
      });
      expect(s.store.dir).toBe(before);
      expect((await callTyped(s.router, 'case.info', {})).documents).toBe(3);
      // Done: now the switch goes through.
      expect(await callTyped(s.router, 'case.open', { path: other })).toMatchObject({ path: other, documents: 0 });
    } finally {
      await s.close();
    }
  });

  it('refuses to create a case over an existing one', async () => {
    const s = newCase();
    const existing = path.join(tempDir(), 'x');
    initCase(existing, 'T').close();
    expect(await s.router.call('case.create', { path: existing })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
  });

  it('builds the sample case once from the sample folder and reopens it after', async () => {
    const home = tempDir('exhibit-user-');
    const sample = tempDir('exhibit-sample-');
    writeFile(sample, 'letter.txt', 'A fictional letter to the rapporteurs.');
    writePdf(sample, 'report.pdf', { pages: [{ lines: ['Fictional report, page one'] }, { lines: ['Page two'] }] });
    const s = openServices({
      caseDir: path.join(tempDir(), 'default'),
      create: true,
      actor: () => 'T',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      sampleDir: sample,
    });
    try {
      const info = await callTyped(s.router, 'case.openSample', {});
      expect(info).toMatchObject({ path: path.join(home, 'data', 'cases', 'sample'), documents: 2, pages: 3 });
      await callTyped(s.router, 'case.create', { path: path.join(tempDir(), 'elsewhere') });
      const again = await callTyped(s.router, 'case.openSample', {});
      expect(again).toMatchObject({ path: info.path, documents: 2 });
    } finally {
      await s.close();
    }
  });

  it('ships sample documents that build a sample case', async () => {
    const s = newCase();
    const shipped = path.resolve('resources', 'sample');
    expect(fs.existsSync(shipped), `${shipped} should hold the sample documents`).toBe(true);
    const info = await callTyped(s.router, 'case.openSample', {});
    expect(info.documents).toBeGreaterThanOrEqual(2);
    const docs = await callTyped(s.router, 'documents.list', {});
    expect(docs.some((d) => d.kind === 'pdf' && d.pages > 1)).toBe(true);
  });
});

describe('settings', () => {
  it('saves the reviewer name and the last open document', async () => {
    const s = newCase();
    const set = await callTyped(s.router, 'settings.set', {
      reviewerName: 'A. Reviewer',
      lastDocument: { caseDir: s.store.dir, documentId: 'd1', page: 3 },
    });
    expect(set).toEqual({
      reviewerName: 'A. Reviewer',
      organization: null,
      lastDocument: { caseDir: s.store.dir, documentId: 'd1', page: 3 },
      theme: 'system',
    });
    const got = await callTyped(s.router, 'settings.get', {});
    expect(got.lastDocument).toEqual({ caseDir: s.store.dir, documentId: 'd1', page: 3 });
  });

  it('keeps the theme chosen, follows the system until one is, and refuses an unknown one', async () => {
    const s = newCase();
    expect((await callTyped(s.router, 'settings.get', {})).theme).toBe('system');
    expect((await callTyped(s.router, 'settings.set', { theme: 'dark' })).theme).toBe('dark');
    // Other settings saved later leave the theme alone.
    await callTyped(s.router, 'settings.set', { reviewerName: 'A. Reviewer' });
    expect((await callTyped(s.router, 'settings.get', {})).theme).toBe('dark');
    const odd = await s.router.call('settings.set', { theme: 'sepia' });
    expect(odd.ok).toBe(false);
    expect((await callTyped(s.router, 'settings.get', {})).theme).toBe('dark');
  });
});
