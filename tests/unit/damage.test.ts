import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExhibitError } from '../../shared/errors.ts';
import { openCase } from '../../electron/services/case/case.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { tempDir, writeFile } from './helpers.ts';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function services(caseDir: string): Services {
  const home = tempDir('exhibit-user-');
  const s = openServices({
    caseDir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Damage Tester',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
  });
  open.push(s);
  return s;
}

const letter = (i: number) =>
  `Letter ${i}\n${'The ministry approved the export of surveillance equipment. '.repeat(300)}\f${'Annex page. '.repeat(400)}`;

/**
 * A case with documents and allegations, a backup, and then two more allegations that
 * only the live database holds (a restore goes back to the backup, without them).
 */
async function caseWithBackup() {
  const caseDir = path.join(tempDir(), 'case');
  const s = services(caseDir);
  const input = tempDir();
  await callTyped(s.router, 'import.start', {
    jobId: 'j',
    paths: [0, 1, 2, 3].map((i) => writeFile(input, `letter-${i}.txt`, letter(i))),
  });
  for (let i = 1; i <= 3; i++) await callTyped(s.router, 'allegations.create', { title: `Allegation ${i}` });
  const backup = await s.backups.now();
  for (let i = 4; i <= 5; i++) await callTyped(s.router, 'allegations.create', { title: `Allegation ${i}` });
  await s.close();
  open.splice(open.indexOf(s), 1);
  return { caseDir, file: path.join(caseDir, 'case.sqlite'), backup };
}

/** Flip one byte of the b-tree page nearest the middle of the file (its cell count, so the page no longer adds up). */
function flipByteMidFile(file: string): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  const middle = Math.floor(pages / 2);
  for (let d = 0; d < pages; d++) {
    for (const p of [middle + d, middle - d]) {
      if (p < 1 || p >= pages) continue;
      if (![0x02, 0x05, 0x0a, 0x0d].includes(bytes[p * pageSize]!)) continue;
      bytes[p * pageSize + 3]! ^= 0xff;
      fs.writeFileSync(file, bytes);
      return;
    }
  }
  throw new Error('no b-tree page found');
}

const corruptions: [string, (file: string) => void][] = [
  ['a flipped byte in a b-tree page mid-file', flipByteMidFile],
  ['truncation to half its size', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))],
  [
    'a zeroed header (first 100 bytes)',
    (file) => {
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(100), 0, 100, 0);
      fs.closeSync(fd);
    },
  ],
];

describe('a damaged case database', () => {
  it.each(corruptions)(
    'is detected on opening after %s, kept aside, and restored from the latest good backup',
    async (_kind, corrupt) => {
      const { caseDir, file, backup } = await caseWithBackup();
      corrupt(file);
      const damaged = fs.readFileSync(file);

      // Opening it from another case, as the app's case switcher does.
      const other = services(path.join(tempDir(), 'other'));
      const res = await other.router.call('case.open', { path: caseDir });
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('case-damaged');
      expect(res.error.subject).toBe(caseDir);
      expect(res.error.message).toContain(`The case database ${file} is damaged`);
      expect(res.error.message).toContain(`The latest good backup is ${backup.name}`);
      expect(other.store.dir).not.toBe(caseDir); // the reviewer stays in the case they had open

      // The damaged file is kept, byte for byte, under a name that says what it is.
      expect(fs.existsSync(file)).toBe(false);
      const aside = fs.readdirSync(caseDir).filter((n) => /^case\.sqlite\.damaged-\d{8}T\d{9}Z$/.test(n));
      expect(aside).toHaveLength(1);
      expect(fs.readFileSync(path.join(caseDir, aside[0]!)).equals(damaged)).toBe(true);

      // Until it is restored the case keeps saying so, and is never silently re-created empty.
      expect(() => openCase(caseDir)).toThrow(/has no database: a damaged one was set aside/);
      expect(() => services(caseDir)).toThrow(ExhibitError);
      expect(fs.existsSync(file)).toBe(false);

      const listed = await callTyped(other.router, 'case.backups', { path: caseDir });
      expect(listed.backups[0]!.name).toBe(backup.name);
      expect(listed.latestGood?.name).toBe(backup.name);
      expect(listed.setAside).toEqual(aside);

      const restored = await callTyped(other.router, 'case.restoreBackup', { path: caseDir });
      expect(restored.restored.name).toBe(backup.name);
      expect(restored.replaced).toBeNull();
      expect(restored.case.path).toBe(caseDir);
      expect(other.store.dir).toBe(caseDir);

      // The data as of the backup: four letters, three allegations (the two made later are gone).
      const docs = await callTyped(other.router, 'documents.list', {});
      expect(docs.map((d) => d.title).sort()).toEqual(['letter-0', 'letter-1', 'letter-2', 'letter-3']);
      const allegations = await callTyped(other.router, 'allegations.list', {});
      expect(allegations.map((a) => a.title)).toEqual(['Allegation 1', 'Allegation 2', 'Allegation 3']);
      const search = await callTyped(other.router, 'search.query', { query: 'surveillance' });
      expect(search.total).toBe(4);
      const audit = await callTyped(other.router, 'audit.verify', {});
      expect(audit).toEqual({ ok: true, rows: backup.auditRows + 1, firstBroken: null });
      const last = other.store.db.prepare('SELECT action, actor, payload FROM audit ORDER BY seq DESC LIMIT 1').get() as {
        action: string;
        actor: string;
        payload: string;
      };
      expect(last.action).toBe('case.restore');
      expect(last.actor).toBe('Damage Tester');
      expect(JSON.parse(last.payload)).toMatchObject({ backup: backup.name, replaced: null, damaged: aside });
      // The damaged file is still there for whoever wants to examine it.
      expect(fs.readFileSync(path.join(caseDir, aside[0]!)).equals(damaged)).toBe(true);
    },
  );

  it('names no backup when there is none, and still keeps the damaged file aside', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir);
    await callTyped(s.router, 'allegations.create', { title: 'Only allegation' });
    await s.close();
    open.splice(0);
    const file = path.join(caseDir, 'case.sqlite');
    fs.truncateSync(file, 4096 + 50);
    expect(() => openCase(caseDir)).toThrow(/is damaged .*No good backup was found in its backups folder\./s);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a file that is not SQLite, in a folder that is not a case, is refused and left where it is', () => {
    const dir = tempDir();
    const text = 'Just some notes, not a database at all. '.repeat(5);
    const file = writeFile(dir, 'case.sqlite', text);
    expect(() => openCase(dir)).toThrow(/is not an Exhibit case: it does not start with a SQLite header/);
    expect(fs.readdirSync(dir)).toEqual(['case.sqlite']);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('damage met while working is reported as such, with the way out, instead of an unexpected error', async () => {
    const { caseDir, file } = await caseWithBackup();
    const s = services(caseDir);
    await s.backups.idle();
    // Break the documents table's page in the file, and keep next to nothing cached, so the
    // next query reads that page from the file.
    const root = (s.store.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").get() as { rootpage: number })
      .rootpage;
    const pageSize = s.store.db.pragma('page_size', { simple: true }) as number;
    const fd = fs.openSync(file, 'r+');
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, (root - 1) * pageSize + 3);
    byte[0]! ^= 0xff;
    fs.writeSync(fd, byte, 0, 1, (root - 1) * pageSize + 3);
    fs.closeSync(fd);
    s.store.db.pragma('cache_size = 1');
    const res = await s.router.call('documents.list', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'case-damaged', subject: caseDir } });
    if (!res.ok)
      expect(res.error.message).toContain('Open the case again: Exhibit checks it on opening and offers its latest good backup.');
  });
});
