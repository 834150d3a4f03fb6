/**
 * A full disk: the case sits on a small tmpfs that the test fills to the last byte.
 * Imports, highlight saves and exports must fail with a clear error naming what was not
 * saved and where, leave nothing half-written, and succeed once space is freed.
 * Mounting needs Linux and the right to mount (root, outside a locked-down container);
 * where that is missing, the tests are skipped and say why.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCase } from '../../electron/services/case/case.ts';
import { sha256Hex, writeBlob } from '../../electron/services/case/blobs.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { ExhibitError } from '../../shared/errors.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { expectConsistentCase } from './case-consistency.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) {
    // A lazy unmount if something still holds a file there, so no mount outlives the test.
    if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Mount a tmpfs of `size` bytes on a fresh folder; throws with mount's own message if refused. */
function mountTmpfs(size: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'exhibit-disk-full-test', dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(r.error?.message ?? (r.stderr.replace(/\s+/g, ' ').trim() || `mount exited with status ${r.status}`));
  }
  mounts.push(dir);
  return dir;
}

/** Why this machine cannot run these tests, or null when it can. */
function cannotMount(): string | null {
  if (process.platform !== 'linux') return `they mount a tmpfs, which needs Linux (this is ${process.platform})`;
  try {
    const dir = mountTmpfs(64 * 1024);
    spawnSync('umount', [dir]);
    mounts.splice(mounts.indexOf(dir), 1);
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  } catch (err) {
    return `this machine does not allow mounting a tmpfs (${(err as Error).message})`;
  }
}

/** Write to `dir/filler` until the file system refuses; returns the filler's path. */
function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = fs.openSync(file, 'w');
  try {
    for (const chunk of [Buffer.alloc(256 * 1024), Buffer.alloc(4096), Buffer.alloc(1)]) {
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

const MOUNT_PROBLEM = cannotMount();
if (MOUNT_PROBLEM) console.log(`Disk-full tests skipped: ${MOUNT_PROBLEM}.`);

const rand = seededRandom(7);
const pdfSpec = () => ({ pages: Array.from({ length: 3 }, () => ({ lines: fillerLines(rand, 20) })) });

describe.skipIf(MOUNT_PROBLEM !== null)('a full disk', () => {
  it('refuses imports and highlight saves clearly, keeps the case whole, and works again once space is freed', async () => {
    const disk = mountTmpfs(8 * 1024 * 1024);
    const home = tempDir('exhibit-user-');
    const caseDir = path.join(disk, 'case');
    const s = openServices({
      caseDir,
      create: true,
      pool: { size: 1 },
      actor: () => 'Disk Test',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      rememberCase: false,
    });
    try {
      const inbox = tempDir();
      const [first] = await importFiles(s, [
        writePdf(inbox, 'first.pdf', { pages: [{ lines: ['The ministry approved the export licence.'] }] }),
      ]);
      expect(first!.status).toBe('imported');
      const pdf = writePdf(inbox, 'letter.pdf', pdfSpec());
      const text = writeFile(inbox, 'notes.txt', fillerLines(rand, 50).join('\n'));
      // The text file's original is already in the case, as a crash between blob and commit
      // leaves it: its import skips the blob write and meets the full disk in SQLite itself.
      writeBlob(caseDir, sha256Hex(fs.readFileSync(text)), fs.readFileSync(text));
      // The write-ahead log starts empty, as after any checkpoint, so every change needs new space.
      s.store.db.pragma('wal_checkpoint(TRUNCATE)');
      const filler = fillDisk(disk);

      const refused = await importFiles(s, [pdf, text]);
      for (const [r, file] of [
        [refused[0]!, pdf],
        [refused[1]!, text],
      ] as const) {
        expect(r.status).toBe('failed');
        expect(r.errorCode).toBe('disk-full');
        expect(r.error).toContain(file);
        expect(r.error).toContain(`the disk holding ${caseDir} is full`);
      }
      const highlight = callTyped(s.router, 'highlights.create', {
        documentId: first!.documentId!,
        targets: [{ page: 1, quote: 'approved the export' }],
        note: 'on a full disk',
      });
      await expect(highlight).rejects.toThrow(ExhibitError);
      await expect(highlight).rejects.toMatchObject({ code: 'disk-full', subject: caseDir });
      await expect(highlight).rejects.toThrow(`Not saved: the disk holding ${caseDir} is full`);

      const full = expectConsistentCase(caseDir, s.store.db);
      expect(full).toEqual({ documents: 1, highlights: 0, orphanBlobs: [sha256Hex(fs.readFileSync(text))], tempFiles: [] });
      expect(await callTyped(s.router, 'highlights.list', {})).toEqual([]);

      fs.rmSync(filler);
      const again = await importFiles(s, [pdf, text]);
      expect(again.map((r) => [r.status, r.errorCode])).toEqual([
        ['imported', null],
        ['imported', null],
      ]);
      const saved = await callTyped(s.router, 'highlights.create', {
        documentId: first!.documentId!,
        targets: [{ page: 1, quote: 'approved the export' }],
        note: 'after freeing space',
      });
      expect(saved.quote).toBe('approved the export');
      expect(expectConsistentCase(caseDir, s.store.db)).toEqual({ documents: 3, highlights: 1, orphanBlobs: [], tempFiles: [] });
    } finally {
      await s.close();
    }
    // And as stored on disk, reopened from scratch.
    const reopened = openCase(caseDir);
    try {
      expect(expectConsistentCase(caseDir, reopened.db)).toMatchObject({ documents: 3, highlights: 1 });
    } finally {
      reopened.close();
    }
  });

  it('refuses an export clearly, leaves no partial bundle, and exports once space is freed', async () => {
    const s = newCase({ size: 1 });
    const [doc] = await importFiles(s, [writePdf(tempDir(), 'letter.pdf', pdfSpec())]);
    expect(doc!.status).toBe('imported');
    const disk = mountTmpfs(64 * 1024);
    const out = path.join(disk, 'bundle.zip');
    const filler = fillDisk(disk);

    const refused = callTyped(s.router, 'bundle.export', { path: out });
    await expect(refused).rejects.toMatchObject({ code: 'disk-full', subject: out });
    await expect(refused).rejects.toThrow(out);
    await expect(refused).rejects.toThrow('is full');
    expect(fs.readdirSync(disk)).toEqual(['filler']);

    fs.rmSync(filler);
    const done = await callTyped(s.router, 'bundle.export', { path: out });
    expect(done.out).toBe(out);
    expect((await callTyped(s.router, 'bundle.verify', { path: out })).ok).toBe(true);
    expect(fs.readdirSync(disk)).toEqual(['bundle.zip']);
  });
});
