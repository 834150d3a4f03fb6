/**
 * Backups of a case's database in <case>/backups/: a copy made with SQLite's backup API
 * into a temp file, checked with quick_check, fsynced and renamed to a name that says
 * when it was taken and which audit row it ends with. Only the database is copied: the
 * originals under blobs/ are content-addressed and never change, so every backup can
 * use them as they are.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { BackupInfo } from '../../../shared/ipc/backup-schemas.ts';
import { quickCheck } from '../db/health.ts';
import { latestVersion } from '../db/migrate.ts';
import { APPLICATION_ID, hasPendingWal } from '../db/open.ts';
import { fsyncDir, fsyncFile, processAlive } from './disk.ts';

export type { BackupInfo };

export const BACKUPS_DIR = 'backups';
/** How many backups a case keeps by default; older ones are deleted as new ones arrive. */
export const DEFAULT_KEEP = 10;

const NAME = /^case-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-a(\d+)-([0-9a-f]{8})\.sqlite$/;
const TEMP = /^\.backup-(\d+)-[0-9a-f-]+\.tmp$/;

/** The folder holding a case's backups. */
export const backupsDir = (caseDir: string): string => path.join(caseDir, BACKUPS_DIR);

/** A moment as a file-name-safe UTC stamp: 20250314T091500123Z. */
export const fileStamp = (at: Date = new Date()): string => at.toISOString().replace(/[-:.]/g, '');

/** The newest audit row: how far a database's history goes, and which history it is. */
export function auditHead(db: Database): { rows: number; hash: string } {
  const row = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return { rows: row?.seq ?? 0, hash: row?.hash.slice(0, 8) ?? '00000000' };
}

/** A backup's facts from its name and size; null for files that are not backups. */
function backupInfo(dir: string, name: string): BackupInfo | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const file = path.join(dir, name);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null; // deleted by rotation in another process meanwhile
  }
  const takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  return { name, file, takenAt, auditRows: Number(m[8]), auditHead: m[9]!, size };
}

/** The case's backups, newest first (none when `backups` is missing or is not a folder). Files that are not backups are left alone. */
export function listBackups(caseDir: string): BackupInfo[] {
  const dir = backupsDir(caseDir);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  const found = fs
    .readdirSync(dir)
    .map((name) => backupInfo(dir, name))
    .filter((b): b is BackupInfo => b !== null);
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** What a sound backup holds. */
export interface BackupFacts {
  userVersion: number;
  auditRows: number;
  auditHead: string;
}

/**
 * Check a file as a backup to restore: an Exhibit database, sound by quick_check, and
 * of a schema this Exhibit knows. Opens it read-only and changes nothing.
 */
export function inspectBackup(file: string): BackupFacts {
  if (!fs.existsSync(file)) throw new ExhibitError('not-found', `No backup at ${file}`, file);
  // Only the file itself is copied into the case: changes still in its -wal would be lost.
  if (hasPendingWal(file)) {
    throw new ExhibitError(
      'invalid-args',
      `${file} has changes still in ${file}-wal (it was copied while open, or not closed cleanly); ` +
        "open it once with Exhibit and close it, or choose a backup from the case's backups folder",
      file,
    );
  }
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ExhibitError('unreadable-file', `The backup ${file} cannot be opened (${(err as Error).message})`, file);
  }
  try {
    let problem: string | null;
    let appId = 0;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      problem = quickCheck(db);
    } catch (err) {
      problem = (err as Error).message;
    }
    if (problem) throw new ExhibitError('unreadable-file', `The backup ${file} is damaged (${problem}); choose another`, file);
    if (appId !== APPLICATION_ID) throw new ExhibitError('not-a-case', `${file} is not a backup of an Exhibit case`, file);
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    if (userVersion > latestVersion()) {
      throw new ExhibitError(
        'newer-schema',
        `The backup ${file} was written by a newer Exhibit (schema ${userVersion}; this one knows up to ${latestVersion()})`,
        file,
      );
    }
    const head = auditHead(db);
    return { userVersion, auditRows: head.rows, auditHead: head.hash };
  } finally {
    db.close();
  }
}

/** The newest backup that passes inspection, or null when there is none. */
export function latestGoodBackup(caseDir: string): BackupInfo | null {
  for (const b of listBackups(caseDir)) {
    try {
      inspectBackup(b.file);
      return b;
    } catch {
      // A damaged or foreign file in the folder: try the one before it.
    }
  }
  return null;
}

/**
 * Back up an open case database. The copy runs in steps between other work on the same
 * connection (changes made meanwhile are carried into the copy), then is checked,
 * fsynced and renamed; only a complete, sound copy ever gets a backup's name.
 */
export async function takeBackup(db: Database, caseDir: string, opts: { keep?: number } = {}): Promise<BackupInfo> {
  const dir = backupsDir(caseDir);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.backup-${process.pid}-${randomUUID()}.tmp`);
  try {
    await db.backup(tmp);
    const facts = settleCopy(tmp);
    fsyncFile(tmp);
    const takenAt = new Date();
    let name = `case-${fileStamp(takenAt)}-a${facts.auditRows}-${facts.auditHead}.sqlite`;
    // Two backups within one millisecond: the later one waits its turn for a distinct name.
    for (let later = takenAt.getTime() + 1; fs.existsSync(path.join(dir, name)); later++) {
      name = `case-${fileStamp(new Date(later))}-a${facts.auditRows}-${facts.auditHead}.sqlite`;
    }
    const file = path.join(dir, name);
    fs.renameSync(tmp, file);
    fsyncDir(dir);
    rotateBackups(caseDir, opts.keep ?? DEFAULT_KEEP, name);
    return backupInfo(dir, name)!;
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
  }
}

/**
 * Make a fresh copy self-contained and check it: rollback-journal mode (the copy keeps
 * the WAL flag of its source, and a backup must open without -wal/-shm files), then
 * quick_check, the application id and the audit head.
 */
function settleCopy(file: string): BackupFacts {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const problem = quickCheck(db);
    if (problem) throw new Error(`the backup copy failed quick_check: ${problem}`);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
      throw new Error('the backup copy lost its application id');
    const head = auditHead(db);
    return { userVersion: db.pragma('user_version', { simple: true }) as number, auditRows: head.rows, auditHead: head.hash };
  } finally {
    db.close();
  }
}

/**
 * Keep the newest `keep` backups (and `protect`, the one just made, even if the clock
 * went back); also clear temp files left by processes that died mid-backup.
 */
export function rotateBackups(caseDir: string, keep: number, protect?: string): string[] {
  const removed: string[] = [];
  const all = listBackups(caseDir);
  const kept = new Set(all.slice(0, Math.max(1, keep)).map((b) => b.name));
  if (protect && !kept.has(protect)) kept.delete(all.filter((b) => kept.has(b.name)).at(-1)?.name ?? '');
  for (const b of all) {
    if (kept.has(b.name) || b.name === protect) continue;
    fs.rmSync(b.file, { force: true });
    removed.push(b.name);
  }
  const dir = backupsDir(caseDir);
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const m = TEMP.exec(name);
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
  return removed;
}
