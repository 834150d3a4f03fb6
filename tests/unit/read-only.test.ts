/**
 * A case whose folder cannot be written opens read-only: everything can be read, every
 * change is refused with a clear error, and not a byte in the folder changes (no -wal,
 * -shm or backup appears). Root ignores file permissions, so as root the folder is made
 * read-only for the user `nobody` (setpriv) and, separately, mounted read-only.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { caseReadingChannels, caseWritingChannels } from '../../electron/services/case/access.ts';
import { contract, hostChannels, type ChannelSpec } from '../../shared/ipc/contract.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { tempDir, writeFile } from './helpers.ts';

const isRoot = process.getuid?.() === 0;
/**
 * `nobody`, keeping only the capability to read and traverse anything: the repository may
 * sit in a folder only root can enter (a CI clone in a 0700 temp folder), while writing
 * still needs the permissions the test takes away.
 */
const AS_NOBODY = [
  'setpriv',
  '--reuid=65534',
  '--regid=65534',
  '--clear-groups',
  // access() would otherwise drop the capability for a non-root user (and existsSync fails).
  '--securebits=+no_setuid_fixup',
  '--inh-caps=+dac_read_search',
  '--ambient-caps=+dac_read_search',
];
const canSetpriv = isRoot && spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'true']).status === 0;
/** How the probe runs: as `nobody` when we are root, else as ourselves; null when neither works. */
const runAs = !isRoot ? 'self' : canSetpriv ? 'nobody' : null;
const PROBE = path.resolve('tests/fixtures/read-only-probe.ts');

const restores: (() => void)[] = [];
afterEach(() => {
  for (const fn of restores.splice(0).reverse()) fn();
});

/** Make a folder read-only for everyone (and readable, so `nobody` can read it); undone after the test. */
function makeReadOnly(dir: string): void {
  spawnSync('chmod', ['-R', 'a+rX,a-w', dir]);
  // The temp folder above it is 0700: let the other user through (read and traverse only).
  fs.chmodSync(path.dirname(dir), 0o755);
  restores.push(() => spawnSync('chmod', ['-R', 'u+w', dir]));
}

/** Every file and folder under `dir` with its size, modification time and hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, rel);
    const st = fs.statSync(p);
    out[rel] = st.isDirectory()
      ? 'dir'
      : `${st.size}:${st.mtimeMs}:${createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`;
  }
  return out;
}

/** A case with a letter, a highlight whose stored anchor state is stale, and an allegation; closed. */
async function makeCase(): Promise<string> {
  const root = tempDir();
  const caseDir = path.join(root, 'case');
  const s = openServices({
    caseDir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Setup',
    configDir: path.join(root, 'config'),
    dataDir: path.join(root, 'data'),
    rememberCase: false,
  });
  const [doc] = await callTyped(s.router, 'import.start', {
    jobId: 'j',
    paths: [writeFile(root, 'in/letter.txt', 'The ministry approved the export licence.')],
  });
  await callTyped(s.router, 'highlights.create', { documentId: doc!.documentId!, targets: [{ page: 1, quote: 'approved' }] });
  await callTyped(s.router, 'allegations.create', { title: 'Export approved' });
  await s.close();
  // Opening re-checks anchors and would store the state it finds: a read-only case must not.
  const db = new BetterSqlite3(path.join(caseDir, 'case.sqlite'));
  db.exec("UPDATE highlight_targets SET anchor = 'orphaned'");
  db.close();
  return caseDir;
}

interface ProbeResult {
  opened: boolean;
  code?: string;
  message: string;
  readOnly?: boolean;
  documents?: number;
  anchors?: string[];
  searchTotal?: number;
  allegations?: string[];
  audit?: boolean;
  exported?: boolean;
  refusals?: Record<string, string>;
}

function probe(caseDir: string): ProbeResult {
  const node = [process.execPath, PROBE, caseDir];
  const cmd = runAs === 'nobody' ? [...AS_NOBODY, ...node] : node;
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/tmp' } });
  if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ProbeResult;
}

const everyChangeRefused = Object.fromEntries([...caseWritingChannels].map((c) => [c, 'read-only']));

describe.skipIf(runAs === null)(
  `a read-only case folder (probe runs as ${runAs ?? 'nobody: setpriv is not available here, skipped'})`,
  () => {
    it('opens read-only: reads work, every change is refused clearly, and nothing in the folder is written', async () => {
      const caseDir = await makeCase();
      makeReadOnly(caseDir);
      const before = snapshot(caseDir);
      const r = probe(caseDir);
      expect(r).toMatchObject({
        opened: true,
        readOnly: true,
        documents: 1,
        anchors: ['ok'], // found where it belongs, shown as such, not stored
        searchTotal: 1,
        allegations: ['Export approved'],
        audit: true,
        exported: true, // a bundle is written elsewhere, so a read-only case can still be exported
        refusals: everyChangeRefused,
      });
      expect(r.message).toBe(
        `The case at ${caseDir} is open read-only (its folder cannot be written), so nothing can be changed or added. ` +
          'Open a copy of it in a folder you can write to, or make this folder writable and open it again.',
      );
      expect(snapshot(caseDir)).toEqual(before);
    });

    it('opens a database left in WAL mode (every change already in the main file) without creating -wal or -shm', async () => {
      const caseDir = await makeCase();
      const file = path.join(caseDir, 'case.sqlite');
      const db = new BetterSqlite3(file);
      db.pragma('journal_mode = WAL');
      db.close();
      expect(fs.readFileSync(file)[18]).toBe(2); // WAL mode, as a copy taken while the app ran would be
      makeReadOnly(caseDir);
      const before = snapshot(caseDir);
      expect(probe(caseDir)).toMatchObject({
        opened: true,
        readOnly: true,
        allegations: ['Export approved'],
        refusals: everyChangeRefused,
      });
      expect(snapshot(caseDir)).toEqual(before);
    });

    it('reads changes still in the -wal file after a crash when the -shm is there; refuses clearly when it is not', async () => {
      const caseDir = await makeCase();
      const crash = spawnSync(
        process.execPath,
        [path.resolve('tests/fixtures/change-then-die.ts'), caseDir, 'Saved before the crash'],
        {
          encoding: 'utf8',
        },
      );
      expect(crash.signal).toBe('SIGKILL');
      const file = path.join(caseDir, 'case.sqlite');
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      const copy = path.join(path.dirname(caseDir), 'copy');
      fs.cpSync(caseDir, copy, { recursive: true });
      fs.rmSync(path.join(copy, 'case.sqlite-shm'));

      makeReadOnly(caseDir);
      const before = snapshot(caseDir);
      expect(probe(caseDir)).toMatchObject({
        opened: true,
        readOnly: true,
        allegations: ['Export approved', 'Saved before the crash'],
      });
      expect(snapshot(caseDir)).toEqual(before);

      makeReadOnly(copy);
      const copyBefore = snapshot(copy);
      const refused = probe(copy);
      expect(refused).toMatchObject({ opened: false, code: 'read-only' });
      expect(refused.message).toContain(`its last changes are still in ${path.join(copy, 'case.sqlite')}-wal`);
      expect(snapshot(copy)).toEqual(copyBefore);
    });
  },
);

function mountReadOnly(src: string, at: string): boolean {
  fs.mkdirSync(at, { recursive: true });
  if (spawnSync('mount', ['--bind', src, at]).status !== 0) return false;
  restores.push(() => spawnSync('umount', [at]));
  return spawnSync('mount', ['-o', 'remount,bind,ro', at]).status === 0;
}

const mountWorks = isRoot && spawnSync('mount', ['--version']).status === 0;

describe.skipIf(!mountWorks)(`a case on a read-only mount${mountWorks ? '' : ' (skipped: needs root and mount)'}`, () => {
  it('opens read-only in this process even as root, refuses changes through the router, and writes nothing', async () => {
    const caseDir = await makeCase();
    const mounted = path.join(tempDir(), 'ro');
    if (!mountReadOnly(caseDir, mounted)) {
      console.warn('read-only mount refused here; test skipped');
      return;
    }
    const before = snapshot(caseDir);
    const home = tempDir();
    const s = openServices({
      caseDir: mounted,
      actor: () => 'Reader',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      rememberCase: false,
      pool: { size: 1 },
    });
    try {
      expect((await callTyped(s.router, 'case.info', {})).readOnly).toBe(true);
      expect((await callTyped(s.router, 'documents.list', {})).map((d) => d.title)).toEqual(['letter']);
      const res = await s.router.call('import.start', { jobId: 'k', paths: [writeFile(home, 'more.txt', 'More text')] });
      expect(res).toMatchObject({ ok: false, error: { code: 'read-only', subject: mounted } });
      await expect(s.backups.now()).rejects.toMatchObject({ code: 'read-only' });
      // The app's "Back up now" too: no backups folder is made on the mount.
      expect(await s.router.call('case.backupNow', {})).toMatchObject({
        ok: false,
        error: { code: 'read-only', subject: mounted },
      });
    } finally {
      await s.close();
    }
    expect(snapshot(caseDir)).toEqual(before);
  });
});

describe('which channels change a case', () => {
  it('classes every channel of the contract, in its entry, as reading or as writing', () => {
    const served: readonly string[] = hostChannels;
    for (const [name, spec] of Object.entries(contract as Record<string, ChannelSpec>)) {
      expect(['read', 'write'], name).toContain(spec.access);
      // A host dialog or the clipboard never changes the case.
      if (spec.host) expect(spec.access, name).toBe('read');
    }
    // The guard's sets come from those entries: every service channel is in exactly one.
    const service = Object.keys(contract).filter((c) => !served.includes(c));
    const unclassed = service.filter((c) => caseWritingChannels.has(c) === caseReadingChannels.has(c));
    expect(unclassed).toEqual([]);
    expect([...caseWritingChannels, ...caseReadingChannels].filter((c) => !service.includes(c))).toEqual([]);
    // Channels that change the case are refused on a read-only one; the trusted list is part of the case.
    expect([...caseWritingChannels]).toEqual(
      expect.arrayContaining(['bundle.import', 'trust.add', 'trust.remove', 'case.backupNow']),
    );
  });
});
