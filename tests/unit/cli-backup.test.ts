import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../electron/services/db/migrate.ts';
import { exhibit, tempDir, writeFile } from './helpers.ts';

function count(file: string, table: 'documents' | 'allegations' | 'audit'): number {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A case with one document and a backup of it; then an allegation the backup does not hold. */
function caseWithBackup() {
  const dir = tempDir();
  const caseDir = path.join(dir, 'case');
  expect(exhibit(['init', caseDir]).code).toBe(0);
  expect(exhibit(['--case', caseDir, 'import', writeFile(dir, 'in/letter.txt', 'Dear rapporteurs, we deny it.')]).code).toBe(0);
  const backup = exhibit(['--case', caseDir, '--json', 'backup']);
  expect(backup.code).toBe(0);
  const [taken] = backup.lines();
  expect(exhibit(['--case', caseDir, 'allegation', 'add', '--title', 'Made after the backup']).code).toBe(0);
  return { dir, caseDir, file: path.join(caseDir, 'case.sqlite'), taken: taken as { backup: string; auditRows: number } };
}

describe('exhibit backup and exhibit restore', () => {
  it('take a backup, list it, restore it (keeping the replaced database), and restore that one back', () => {
    const { caseDir, file, taken } = caseWithBackup();
    expect(taken).toMatchObject({ case: caseDir, auditRows: 2, takenAt: expect.any(String), size: expect.any(Number) });
    expect(path.dirname(taken.backup)).toBe(path.join(caseDir, 'backups'));
    expect(fs.readdirSync(path.join(caseDir, 'backups'))).toEqual([path.basename(taken.backup)]);
    const human = exhibit(['--case', caseDir, 'backup']);
    expect(human.stdout).toMatch(
      /^Backed up .+ to .+case-\d{8}T\d{9}Z-a3-[0-9a-f]{8}\.sqlite \(3 audited change\(s\), \d+ KB\)\n$/,
    );
    fs.rmSync(human.stdout.match(/ to (\S+\.sqlite)/)![1]!);

    // Without a choice: the backups are listed and nothing is restored.
    const listing = exhibit(['--case', caseDir, '--json', 'restore']);
    expect(listing.code).toBe(2);
    expect(listing.lines()).toEqual([expect.objectContaining({ file: taken.backup, auditRows: 2 })]);
    expect(listing.stderr).toContain('restore needs --latest or --from FILE; nothing was restored');
    expect(count(file, 'allegations')).toBe(1);

    const restored = exhibit(['--case', caseDir, '--json', 'restore', '--latest']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const [result] = restored.lines() as { restored: string; replaced: string }[];
    expect(result).toMatchObject({ case: caseDir, restored: taken.backup, auditRows: 2 });
    expect(path.basename(result!.replaced)).toMatch(/^case\.sqlite\.replaced-\d{8}T\d{9}Z$/);
    expect(count(file, 'allegations')).toBe(0);
    expect(count(file, 'documents')).toBe(1);
    expect(count(result!.replaced, 'allegations')).toBe(1);
    expect(exhibit(['--case', caseDir, '--json', 'audit', 'verify']).lines()).toEqual([{ ok: true, rows: 3, firstBroken: null }]);

    // The replaced database is a database like any backup: the restore can be undone.
    const undo = exhibit(['--case', caseDir, 'restore', '--from', result!.replaced]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('The database it replaced is kept as');
    expect(count(file, 'allegations')).toBe(1);
    expect(exhibit(['--case', caseDir, '--json', 'audit', 'verify']).lines()[0]).toMatchObject({ ok: true, rows: 4 });
  });

  it('refuses a damaged backup and one from a newer Exhibit, leaving the case as it was', () => {
    const { dir, caseDir, file, taken } = caseWithBackup();
    const before = fs.readFileSync(file);
    const entries = fs.readdirSync(caseDir).sort();

    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(taken.backup);
    const pageSize = bytes.readUInt16BE(16);
    bytes[pageSize * 1 + 3]! ^= 0xff; // page 2's cell count
    fs.writeFileSync(damaged, bytes);
    const bad = exhibit(['--case', caseDir, '--json', 'restore', '--from', damaged]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'unreadable-file', subject: damaged });
    expect(JSON.parse(bad.stderr).error.message).toMatch(/The backup .+ is damaged \(.+\); choose another/);

    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(taken.backup, newer);
    const db = new BetterSqlite3(newer);
    db.pragma(`user_version = ${latestVersion() + 10}`);
    db.close();
    const future = exhibit(['--case', caseDir, 'restore', '--from', newer]);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain(`was written by a newer Exhibit (schema ${latestVersion() + 10}`);

    expect(exhibit(['--case', caseDir, 'restore', '--latest', '--from', newer]).code).toBe(2);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(caseDir).sort()).toEqual(entries);
  });

  it('a damaged case is refused by every command with the way to restore it', () => {
    const { caseDir, file, taken } = caseWithBackup();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const r = exhibit(['--case', caseDir, 'documents']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The latest good backup is ${path.basename(taken.backup)}`);
    expect(r.stderr).toContain(`exhibit restore --case ${caseDir} --latest`);
    expect(exhibit(['--case', caseDir, 'restore', '--latest']).code).toBe(0);
    expect(exhibit(['--case', caseDir, '--json', 'documents']).lines()).toHaveLength(1);
  });

  it('exhibit backup says which case was not backed up and why, and changes nothing', () => {
    const dir = tempDir();
    const caseDir = path.join(dir, 'case');
    expect(exhibit(['init', caseDir]).code).toBe(0);
    const backups = path.join(caseDir, 'backups');
    fs.writeFileSync(backups, 'a file where the folder belongs');
    const r = exhibit(['--case', caseDir, '--json', 'backup']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toEqual({
      code: 'backup-failed',
      message: `The backup of ${caseDir} was not taken: ${backups} is a file, not a folder.`,
      subject: caseDir,
    });
    expect(fs.readFileSync(backups, 'utf8')).toBe('a file where the folder belongs');
  });
});
