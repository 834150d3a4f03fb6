/**
 * Paths in the Electron host: app:// serves only files inside the renderer folder, and
 * the window may name only files and folders the reviewer chose (path grants). Real
 * files and real symbolic links in temp folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/ipc/contract.ts';
import { channelNames } from '../../shared/ipc/channels.ts';
import { resolveAppFile, resolveAppPath } from '../../electron/main/app-url.ts';
import { DIALOG_GRANTS, PATH_RULES, PathGrants, withPathGrants } from '../../electron/main/path-grants.ts';
import type { Router } from '../../electron/services/router.ts';
import { tempDir, writeFile } from './helpers.ts';

describe('app:// URLs', () => {
  const root = path.resolve('/srv/exhibit/dist/renderer');

  it('map to files inside the renderer folder', () => {
    expect(resolveAppPath(root, 'app://exhibit/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://exhibit/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://exhibit/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://exhibit/pdfjs/cmaps/UniJIS-UCS2-H.bcmap')).toBe(
      path.join(root, 'pdfjs', 'cmaps', 'UniJIS-UCS2-H.bcmap'),
    );
    // An encoded slash or a doubled one stays inside.
    expect(resolveAppPath(root, 'app://exhibit/assets%2Fapp.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://exhibit//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    // Encoded once only: %252e%252e is the literal name "%2e%2e", inside.
    expect(resolveAppPath(root, 'app://exhibit/%252e%252e/x')).toBe(path.join(root, '%2e%2e', 'x'));
  });

  it('never name anything outside it', () => {
    // The URL parser itself folds plain and %2e-encoded dot segments: these land inside.
    for (const url of [
      'app://exhibit/../secret.txt',
      'app://exhibit/assets/../../secret.txt',
      'app://exhibit/%2e%2e/secret.txt',
    ]) {
      expect(resolveAppPath(root, url), url).toBe(path.join(root, 'secret.txt'));
    }
    // Anything that would still climb out after decoding, or names another place, is refused.
    for (const url of [
      'app://exhibit/%2E%2E%2Fsecret.txt',
      'app://exhibit/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://exhibit/..%2f..%2fsecret.txt',
      'app://exhibit/..%5csecret.txt',
      'app://exhibit/assets%5c..%5c..%5csecret.txt',
      'app://exhibit/index.html%00.png',
      'app://exhibit/%E0%A4%A',
      'app://other/index.html',
      'app://exhibit.example.org/index.html',
      'app://user@exhibit/index.html',
      'file:///srv/exhibit/dist/renderer/index.html',
      'https://exhibit/index.html',
      'not a url',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('follow no symbolic link out of the folder', async () => {
    const dir = tempDir();
    const renderer = path.join(dir, 'renderer');
    writeFile(renderer, 'index.html', '<!doctype html>');
    const secret = writeFile(dir, 'secret.txt', 'not for the page');
    fs.symlinkSync(secret, path.join(renderer, 'leak.txt'));
    fs.symlinkSync(dir, path.join(renderer, 'up'));
    writeFile(renderer, 'assets/app.js', 'ok');
    fs.symlinkSync(path.join(renderer, 'assets'), path.join(renderer, 'same'));

    expect(await resolveAppFile(renderer, 'app://exhibit/index.html')).toBe(fs.realpathSync(path.join(renderer, 'index.html')));
    expect(await resolveAppFile(renderer, 'app://exhibit/leak.txt')).toBeNull();
    expect(await resolveAppFile(renderer, 'app://exhibit/up/secret.txt')).toBeNull();
    expect(await resolveAppFile(renderer, 'app://exhibit/missing.js')).toBeNull();
    // A link that stays inside is fine.
    expect(await resolveAppFile(renderer, 'app://exhibit/same/app.js')).toBe(
      fs.realpathSync(path.join(renderer, 'assets', 'app.js')),
    );
  });
});

describe('path grants', () => {
  function chosen() {
    const dir = tempDir();
    return {
      dir,
      letter: writeFile(dir, 'chosen/letter.pdf', '%PDF-1.7'),
      folder: path.join(dir, 'folder'),
      inFolder: writeFile(dir, 'folder/sub/report.txt', 'report'),
      secret: writeFile(dir, 'secret/diary.txt', 'private'),
      bundle: writeFile(dir, 'bundles/in.zip', 'PK'),
    };
  }

  it('allow a file the reviewer chose, and a file inside a chosen folder for import', () => {
    const f = chosen();
    const grants = new PathGrants();
    grants.record('dialog.openFiles', [f.letter]);
    grants.record('dialog.openFolder', [f.folder]);
    expect(() => grants.check('import.start', { jobId: 'j', paths: [f.letter, f.folder, f.inFolder] })).not.toThrow();
  });

  it('refuse anything else, naming the path', () => {
    const f = chosen();
    const grants = new PathGrants();
    grants.record('dialog.openFiles', [f.letter]);
    grants.record('dialog.openFolder', [f.folder]);
    const refused = (channel: string, args: unknown) => {
      try {
        grants.check(channel, args);
      } catch (err) {
        return err as { code: string; message: string; subject: string };
      }
      return null;
    };
    expect(refused('import.start', { jobId: 'j', paths: [f.letter, f.secret] })).toMatchObject({
      code: 'forbidden',
      subject: f.secret,
      message: `Exhibit only reads files you chose in this window: "${f.secret}" was not chosen in a dialog or dropped on the window.`,
    });
    for (const p of [
      path.join(f.folder, '..', 'secret', 'diary.txt'),
      `${f.folder}-other/x.pdf`,
      path.dirname(f.folder),
      '/etc/passwd',
      'chosen/letter.pdf',
      `${f.letter}\0.txt`,
      '',
    ]) {
      expect(refused('import.start', { jobId: 'j', paths: [p] }), p).toMatchObject({ code: 'forbidden', subject: p });
    }
    // Inside a folder counts for import only; verifying or merging a bundle needs the file itself.
    expect(refused('bundle.verify', { path: f.inFolder })).toMatchObject({ code: 'forbidden' });
    expect(refused('bundle.import', { path: f.bundle })).toMatchObject({ code: 'forbidden' });
    grants.record('dialog.openBundle', [f.bundle]);
    expect(refused('bundle.verify', { path: f.bundle })).toBeNull();
    expect(refused('bundle.import', { path: f.bundle })).toBeNull();
  });

  it('save a bundle only where the save dialog said, never over a file chosen for reading', () => {
    const f = chosen();
    const grants = new PathGrants();
    grants.record('dialog.openFiles', [f.letter]);
    expect(() => grants.check('bundle.export', { path: f.letter })).toThrow(/only saves a bundle where you chose/);
    const out = path.join(f.dir, 'out', 'case-bundle.zip');
    grants.record('dialog.saveBundle', [out]);
    expect(() => grants.check('bundle.export', { path: out })).not.toThrow();
    expect(() => grants.check('import.start', { jobId: 'j', paths: [out] })).toThrow(/only reads files you chose/);
  });

  it('open or create cases only in folders from the case dialog or the recent list', () => {
    const f = chosen();
    const grants = new PathGrants();
    expect(() => grants.check('case.open', { path: f.folder })).toThrow(/only opens case folders/);
    grants.record('dialog.chooseCaseFolder', [f.folder]);
    grants.record('case.recent', [{ path: path.join(f.dir, 'old-case'), name: 'old-case', exists: true }]);
    expect(() => grants.check('case.open', { path: f.folder })).not.toThrow();
    expect(() => grants.check('case.create', { path: f.folder })).not.toThrow();
    expect(() => grants.check('case.open', { path: path.join(f.dir, 'old-case') })).not.toThrow();
    // A folder chosen for import is not a case to open, and a case is not a folder to import.
    grants.record('dialog.openFolder', [f.secret]);
    expect(() => grants.check('case.open', { path: path.dirname(f.secret) })).toThrow(/only opens case folders/);
    expect(() => grants.check('import.start', { jobId: 'j', paths: [f.inFolder] })).toThrow(/only reads/);
  });

  it('refuse a file reached through a link out of a chosen folder', () => {
    const f = chosen();
    fs.symlinkSync(path.dirname(f.secret), path.join(f.folder, 'shortcut'));
    fs.symlinkSync(f.secret, path.join(f.folder, 'diary-link.txt'));
    const grants = new PathGrants();
    grants.record('dialog.openFolder', [f.folder]);
    for (const p of [path.join(f.folder, 'shortcut', 'diary.txt'), path.join(f.folder, 'diary-link.txt')]) {
      expect(grants.allows('read', p, true), p).toBe(false);
    }
    // A file that is not there reads nothing; the import itself reports it missing.
    expect(grants.allows('read', path.join(f.folder, 'gone.pdf'), true)).toBe(true);
  });

  it('follow Windows path rules on Windows: backslashes, drive letters, any case', () => {
    const grants = new PathGrants({ platform: 'win32' });
    grants.record('dialog.openFolder', ['C:\\Users\\Reviewer\\Evidence']);
    grants.record('dialog.openFiles', ['D:\\letters\\Letter.PDF']);
    expect(grants.allows('read', 'c:\\users\\reviewer\\evidence\\2024\\memo.pdf', true)).toBe(true);
    expect(grants.allows('read', 'D:/letters/letter.pdf')).toBe(true);
    expect(grants.allows('read', 'C:\\Users\\Reviewer\\Evidence\\..\\Private\\x.pdf', true)).toBe(false);
    expect(grants.allows('read', 'C:\\Users\\Reviewer\\Evidence-Old\\x.pdf', true)).toBe(false);
    expect(grants.allows('read', 'letters\\Letter.PDF')).toBe(false);
    expect(grants.allows('read', 'D:letters\\Letter.PDF')).toBe(false);
  });

  it('come from dialog answers through the router, and a refused call never reaches it', async () => {
    const f = chosen();
    const call = vi.fn<Router['call']>(async (channel) => ({
      ok: true,
      value: channel === 'dialog.openFiles' ? [f.letter] : [],
    }));
    const router = withPathGrants({ call }, new PathGrants());
    const refused = await router.call('import.start', { jobId: 'j', paths: [f.letter] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', subject: f.letter } });
    expect(call).not.toHaveBeenCalled();
    await router.call('dialog.openFiles', {});
    expect(await router.call('import.start', { jobId: 'j', paths: [f.letter] })).toEqual({ ok: true, value: [] });
    expect(call).toHaveBeenLastCalledWith('import.start', { jobId: 'j', paths: [f.letter] });
  });

  it('cover every channel whose arguments name a file or folder', () => {
    const pathLike = /^(path|paths|dir|dirs|file|files|folder)$/i;
    const naming = channelNames.filter((name) =>
      Object.keys((contract[name].args as unknown as { shape: Record<string, unknown> }).shape).some((k) => pathLike.test(k)),
    );
    expect(naming.length).toBeGreaterThanOrEqual(6);
    for (const name of naming) expect(PATH_RULES, `${name} names a path but has no rule`).toHaveProperty([name]);
    // Each rule reads a field its channel really has.
    for (const [name, rule] of Object.entries(PATH_RULES)) {
      if (!(channelNames as readonly string[]).includes(name)) continue;
      const shape = (contract[name as keyof typeof contract].args as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape), name).toContain(rule.field);
    }
    for (const dialog of Object.keys(DIALOG_GRANTS)) expect(channelNames).toContain(dialog);
  });
});
