/**
 * An automatic backup that fails is told to the UI (the `backup.status` event, and
 * case.info for a window opened later) naming the case and the cause; `case.backupNow`
 * takes one on demand, fails as clearly, and once the cause is gone succeeds and clears
 * the warning. The failures are real: a file where the backups folder should be, and a
 * backups folder on a tmpfs too small for the copy (where this machine lets us mount).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/services/case/backups.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services, type ServicesOptions } from '../../electron/services/services.ts';
import type { BackupStatus } from '../../shared/ipc/contract.ts';
import { tempDir } from './helpers.ts';

const open: Services[] = [];
const mounts: string[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const dir of mounts.splice(0)) if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
});

interface Watched {
  s: Services;
  caseDir: string;
  /** Every backup.status event, in order. */
  events: BackupStatus[];
  /** What went to the stderr line (the default onBackupError). */
  logged: { message: string; code: unknown; caseDir: string }[];
}

/** A case that backs up after every change, with its events and error lines recorded. */
function watchedCase(extra: Partial<ServicesOptions> = {}, caseDir = path.join(tempDir(), 'case')): Watched {
  const home = tempDir('exhibit-user-');
  const events: BackupStatus[] = [];
  const logged: Watched['logged'] = [];
  const s = openServices({
    caseDir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Backup Watcher',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    rememberCase: false,
    backup: { every: 1 },
    emit: (event, payload) => {
      if (event === 'backup.status') events.push(payload as BackupStatus);
    },
    onBackupError: (err, dir) => logged.push({ message: err.message, code: (err as { code?: unknown }).code, caseDir: dir }),
    ...extra,
  });
  open.push(s);
  return { s, caseDir, events, logged };
}

/** Make a change through the router, as the UI does, and let the backup it asks for run. */
async function change(w: Watched, title: string): Promise<void> {
  await callTyped(w.s.router, 'allegations.create', { title });
  await w.s.backups.idle();
}

const backupCount = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      check: db.pragma('quick_check', { simple: true }),
      allegations: (db.prepare('SELECT title FROM allegations ORDER BY title').all() as { title: string }[]).map((r) => r.title),
    };
  } finally {
    db.close();
  }
};

describe('a failed automatic backup', () => {
  it('is told to the UI naming the case and the cause; Back up now fails as clearly, then succeeds once fixed and clears it', async () => {
    const w = watchedCase();
    const backups = path.join(w.caseDir, 'backups');
    fs.writeFileSync(backups, 'a file where the backups folder belongs');

    await change(w, 'Shipment left early');
    const message = `The backup of ${w.caseDir} was not taken: ${backups} is a file, not a folder.`;
    expect(w.events).toEqual([{ state: 'failed', case: w.caseDir, code: 'backup-failed', message, at: expect.any(String) }]);
    const failure = w.events[0] as Extract<BackupStatus, { state: 'failed' }>;
    expect(Date.now() - Date.parse(failure.at)).toBeLessThan(60_000);
    // The stderr line is still written, with the file system's own words.
    expect(w.logged).toEqual([{ message: expect.stringContaining('EEXIST'), code: 'EEXIST', caseDir: w.caseDir }]);
    // A window opened now learns of it from case.info.
    const { state: _state, ...fields } = failure;
    expect((await callTyped(w.s.router, 'case.info', {})).backupFailure).toEqual(fields);
    // The work itself is saved in the case.
    expect((await callTyped(w.s.router, 'allegations.list', {})).map((a) => a.title)).toEqual(['Shipment left early']);

    // Asked for while the cause is still there: the same clear error, and no second warning event.
    const refused = await w.s.router.call('case.backupNow', {});
    expect(refused).toEqual({ ok: false, error: { code: 'backup-failed', message, subject: w.caseDir } });
    expect(w.events).toHaveLength(1);
    expect(fs.statSync(backups).isFile()).toBe(true);

    fs.rmSync(backups);
    const taken = await callTyped(w.s.router, 'case.backupNow', {});
    expect(listBackups(w.caseDir)).toEqual([taken]);
    expect(backupCount(taken.file)).toEqual({ check: 'ok', allegations: ['Shipment left early'] });
    expect(w.events.slice(1)).toEqual([{ state: 'ok', case: w.caseDir, backup: taken }]);
    expect((await callTyped(w.s.router, 'case.info', {})).backupFailure).toBeNull();

    // With nothing to clear, later backups say nothing.
    await change(w, 'Invoice was altered');
    await callTyped(w.s.router, 'case.backupNow', {});
    expect(w.events).toHaveLength(2);
    expect(listBackups(w.caseDir)).toHaveLength(3);
  });

  it('is cleared by the next automatic backup that succeeds', async () => {
    const w = watchedCase();
    const backups = path.join(w.caseDir, 'backups');
    fs.writeFileSync(backups, 'in the way');
    await change(w, 'First');
    await change(w, 'Second');
    // Each failed attempt is told (the UI shows the latest).
    expect(w.events.map((e) => e.state)).toEqual(['failed', 'failed']);

    fs.rmSync(backups);
    await change(w, 'Third');
    const [newest] = listBackups(w.caseDir);
    expect(w.events.at(-1)).toEqual({ state: 'ok', case: w.caseDir, backup: newest });
    expect(backupCount(newest!.file).allegations).toEqual(['First', 'Second', 'Third']);
    expect(w.s.backups.lastError).toBeNull();
    expect((await callTyped(w.s.router, 'case.info', {})).backupFailure).toBeNull();
  });

  it('is told when the case opens and its backup fails, and belongs to that case only', async () => {
    const setup = watchedCase();
    await change(setup, 'Before closing');
    await setup.s.close();
    open.splice(open.indexOf(setup.s), 1);
    fs.rmSync(path.join(setup.caseDir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(setup.caseDir, 'backups'), 'in the way');

    const w = watchedCase({}, setup.caseDir);
    await w.s.backups.idle();
    expect(w.events).toMatchObject([{ state: 'failed', case: w.caseDir, code: 'backup-failed' }]);

    // Switching to another case: its case.info carries no warning of the first.
    const other = path.join(tempDir(), 'other');
    await callTyped(w.s.router, 'case.create', { path: other });
    expect((await callTyped(w.s.router, 'case.info', {})).backupFailure).toBeNull();
  });
});

/** Mount a tmpfs of `size` bytes on `dir`; the reason it was refused, or null. */
function mountTmpfs(dir: string, size: number): string | null {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'exhibit-backup-test', dir], { encoding: 'utf8' });
  if (r.status !== 0) return r.error?.message ?? (r.stderr.trim() || `mount exited with status ${r.status}`);
  mounts.push(dir);
  return null;
}

const MOUNT_PROBLEM = (() => {
  if (process.platform !== 'linux') return 'mounting a tmpfs needs Linux';
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-mount-probe-'));
  try {
    const problem = mountTmpfs(probe, 64 * 1024);
    if (problem === null) spawnSync('umount', [mounts.pop()!]);
    return problem;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

describe.skipIf(MOUNT_PROBLEM !== null)(
  `a full disk under the backups folder${MOUNT_PROBLEM ? ` (skipped: ${MOUNT_PROBLEM})` : ''}`,
  () => {
    it('is told as a full disk naming the folder; Back up now says the same, and works once there is room', async () => {
      const caseDir = path.join(tempDir(), 'case');
      const backups = path.join(caseDir, 'backups');
      const w = watchedCase({}, caseDir);
      // Far smaller than a copy of the case's database (about 100 KB); the case itself is elsewhere.
      expect(mountTmpfs(backups, 16 * 1024)).toBeNull();

      await change(w, 'Kept in the case');
      const message = `The backup of ${caseDir} was not taken: the disk holding ${backups} is full. Free some space there and try again.`;
      expect(w.events).toEqual([{ state: 'failed', case: caseDir, code: 'disk-full', message, at: expect.any(String) }]);
      expect(await w.s.router.call('case.backupNow', {})).toEqual({
        ok: false,
        error: { code: 'disk-full', message, subject: caseDir },
      });
      // Nothing half-written is left behind in the small folder.
      expect(fs.readdirSync(backups)).toEqual([]);

      expect(spawnSync('umount', [mounts.pop()!]).status).toBe(0);
      const taken = await callTyped(w.s.router, 'case.backupNow', {});
      expect(backupCount(taken.file)).toEqual({ check: 'ok', allegations: ['Kept in the case'] });
      expect(w.events.at(-1)).toEqual({ state: 'ok', case: caseDir, backup: taken });
    });
  },
);
