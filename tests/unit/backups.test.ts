import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { listBackups, rotateBackups } from '../../electron/services/case/backups.ts';
import { restoreCase } from '../../electron/services/case/restore.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services, type ServicesOptions } from '../../electron/services/services.ts';
import { importFiles, tempDir, writeFile } from './helpers.ts';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** Services over the case in `caseDir`, with per-user folders of its own. */
function services(caseDir: string, extra: Partial<ServicesOptions> = {}): Services {
  const home = tempDir('exhibit-user-');
  const s = openServices({
    caseDir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Backup Tester',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    ...extra,
  });
  open.push(s);
  return s;
}

async function closeAll(): Promise<void> {
  for (const s of open.splice(0)) await s.close();
}

/** Read a backup the way an investigator would: read-only, checked, its rows counted. */
function readBackup(file: string) {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      quickCheck: db.pragma('quick_check', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      audit: verifyAudit(db),
      documents: (db.prepare('SELECT title FROM documents ORDER BY title').all() as { title: string }[]).map((r) => r.title),
      allegations: (db.prepare('SELECT count(*) AS n FROM allegations').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const addAllegations = async (s: Services, n: number, from = 0) => {
  for (let i = 0; i < n; i++) await callTyped(s.router, 'allegations.create', { title: `Allegation ${from + i + 1}` });
};

describe('automatic backups', () => {
  it('backs up a case when it opens, but only when it changed since the newest backup', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const first = services(caseDir);
    await importFiles(first, [writeFile(tempDir(), 'letter.txt', 'Dear rapporteurs,\nwe deny everything.')]);
    await first.backups.idle();
    // A case just created has nothing worth keeping yet.
    expect(listBackups(caseDir)).toEqual([]);
    await closeAll();

    await services(caseDir).backups.idle();
    const [one, ...none] = listBackups(caseDir);
    expect(none).toEqual([]);
    expect(one!.name).toMatch(/^case-\d{8}T\d{9}Z-a2-[0-9a-f]{8}\.sqlite$/);
    expect(one!.auditRows).toBe(2); // case.create, document.import
    expect(readBackup(one!.file)).toEqual({
      quickCheck: 'ok',
      journalMode: 'delete',
      audit: { ok: true, rows: 2, firstBroken: null },
      documents: ['letter'],
      allegations: 0,
    });
    await closeAll();

    // Opened again with nothing changed: no second, identical backup.
    await services(caseDir).backups.idle();
    expect(listBackups(caseDir).map((b) => b.name)).toEqual([one!.name]);
    const s = open[0]!;
    await addAllegations(s, 1);
    await closeAll();
    await services(caseDir).backups.idle();
    expect(listBackups(caseDir).map((b) => b.auditRows)).toEqual([3, 2]);
  });

  it('backs up after every N audited changes and keeps the newest K', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir, { backup: { every: 5, keep: 3 } });
    let made = 0;
    const more = async (n: number) => {
      await addAllegations(s, n, made);
      made += n;
      await s.backups.idle();
    };
    // The case's creation is its first audited change.
    await more(3);
    expect(listBackups(caseDir)).toEqual([]);
    await more(1);
    expect(listBackups(caseDir).map((b) => b.auditRows)).toEqual([5]);
    for (let i = 0; i < 4; i++) {
      await more(5);
      expect(listBackups(caseDir)[0]!.auditRows).toBe(1 + made);
    }
    const kept = listBackups(caseDir);
    expect(kept.map((b) => b.auditRows)).toEqual([25, 20, 15]);
    for (const b of kept) expect(readBackup(b.file)).toMatchObject({ quickCheck: 'ok', allegations: b.auditRows - 1 });
    // Only backups live in the folder: no temp files, and never the originals (blobs).
    expect(fs.readdirSync(path.join(caseDir, 'backups')).sort()).toEqual(kept.map((b) => b.name).sort());
  });

  it('a backup taken while changes keep coming is a sound snapshot with an intact audit chain', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir);
    await addAllegations(s, 50);
    const taking = s.backups.now();
    await addAllegations(s, 50, 50);
    const b = await taking;
    const copy = readBackup(b.file);
    expect(copy.quickCheck).toBe('ok');
    expect(copy.audit.ok).toBe(true);
    expect(copy.audit.rows).toBe(b.auditRows);
    expect(copy.allegations).toBe(b.auditRows - 1);
    expect(b.auditRows).toBeGreaterThanOrEqual(51);
  });

  it('rotation keeps the one just taken even when the clock went back, and clears temp files of dead processes', () => {
    const caseDir = tempDir();
    const dir = path.join(caseDir, 'backups');
    const names = ['case-20250101T000000000Z-a1-00000000.sqlite', 'case-20250102T000000000Z-a2-00000000.sqlite'];
    const earlier = 'case-20240101T000000000Z-a3-00000000.sqlite';
    for (const n of [...names, earlier]) writeFile(dir, n, 'x');
    writeFile(dir, '.backup-999999999-0f0f0f0f-0000.tmp', 'half a copy');
    writeFile(dir, 'notes.txt', 'not a backup, left alone');
    expect(rotateBackups(caseDir, 2, earlier)).toEqual([names[0]]);
    expect(fs.readdirSync(dir).sort()).toEqual([earlier, names[1], 'notes.txt'].sort());
  });

  it('backs up nothing when told not to', async () => {
    const caseDir = path.join(tempDir(), 'case');
    services(caseDir);
    await closeAll();
    const s = services(caseDir, { backup: false });
    await addAllegations(s, 3);
    await s.backups.idle();
    expect(fs.existsSync(path.join(caseDir, 'backups'))).toBe(false);
  });

  it('a restore refuses a case that another Exhibit has open, and changes nothing', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir);
    await addAllegations(s, 2);
    const b = await s.backups.now();
    await addAllegations(s, 1, 2);
    const entries = fs.readdirSync(caseDir).sort();
    expect(() => restoreCase(caseDir, b.file, 'Someone Else')).toThrow(
      expect.objectContaining({ code: 'case-in-use', subject: caseDir }),
    );
    expect(fs.readdirSync(caseDir).sort()).toEqual(entries);
    expect((await callTyped(s.router, 'allegations.list', {})).map((a) => a.title)).toEqual([
      'Allegation 1',
      'Allegation 2',
      'Allegation 3',
    ]);
    await closeAll();
    expect(restoreCase(caseDir, b.file, 'Someone Else').restored.name).toBe(b.name);
  });

  it('a restore refuses a copy of a database whose last changes are still in its -wal, which would be lost', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir);
    await addAllegations(s, 3);
    // A copy of the open case: its newest rows are only in the -wal beside it.
    const copyDir = tempDir();
    const copy = path.join(copyDir, 'copy.sqlite');
    fs.copyFileSync(path.join(caseDir, 'case.sqlite'), copy);
    fs.copyFileSync(path.join(caseDir, 'case.sqlite-wal'), `${copy}-wal`);
    await closeAll();
    const target = path.join(tempDir(), 'other');
    services(target);
    await closeAll();
    const before = fs.readdirSync(target).sort();
    expect(() => restoreCase(target, copy, 'Someone Else')).toThrow(
      expect.objectContaining({ code: 'invalid-args', subject: copy, message: expect.stringContaining(`${copy}-wal`) }),
    );
    expect(fs.readdirSync(target).sort()).toEqual(before);
  });

  it('a restore whose backup cannot be opened as a case puts back the database that was there', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = services(caseDir);
    await addAllegations(s, 2);
    const b = await s.backups.now();
    await addAllegations(s, 1, 2);
    await closeAll();
    // A backup that passes inspection but claims an old schema over tables that already exist: its upgrade fails.
    const odd = path.join(tempDir(), 'odd.sqlite');
    fs.copyFileSync(b.file, odd);
    const db = new BetterSqlite3(odd);
    db.pragma('user_version = 10');
    db.close();
    const before = fs.readFileSync(path.join(caseDir, 'case.sqlite'));
    const entries = fs.readdirSync(caseDir).sort();
    expect(() => restoreCase(caseDir, odd, 'Someone Else')).toThrow(
      expect.objectContaining({ code: 'unreadable-file', message: expect.stringContaining('was left as it was') }),
    );
    expect(fs.readdirSync(caseDir).sort()).toEqual(entries);
    expect(fs.readFileSync(path.join(caseDir, 'case.sqlite')).equals(before)).toBe(true);
    const again = services(caseDir);
    expect((await callTyped(again.router, 'allegations.list', {})).map((a) => a.title)).toEqual([
      'Allegation 1',
      'Allegation 2',
      'Allegation 3',
    ]);
  });
});
