/**
 * Restoring a case from a backup: the backup is checked, copied in beside the database,
 * the current database (if any) is kept as case.sqlite.replaced-<time>, the copy takes
 * its place, and the restore is recorded in the restored case's audit log.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { canWrite } from '../db/read-only.ts';
import { backupsDir, inspectBackup, latestGoodBackup, listBackups, type BackupInfo } from './backups.ts';
import { fsyncDir, fsyncFile } from './disk.ts';
import { CASE_DB, openCase } from './case.ts';
import { setAside, setAsideFiles } from './damage.ts';

export interface RestoreResult {
  restored: BackupInfo;
  /** Where the database that was replaced now is (null when there was none). */
  replaced: string | null;
}

/**
 * The backup file to restore: `from` as a backup's name in the case's backups folder or
 * as a path (relative to `cwd`), else the newest backup that passes inspection.
 */
export function chooseBackup(caseDir: string, from?: string, cwd = process.cwd()): string {
  if (from === undefined) {
    const latest = latestGoodBackup(caseDir);
    if (!latest) throw new ExhibitError('not-found', `${caseDir} has no good backup to restore`, caseDir);
    return latest.file;
  }
  const inFolder = path.join(backupsDir(caseDir), from);
  if (!from.includes('/') && !from.includes('\\') && fs.existsSync(inFolder)) return inFolder;
  return path.resolve(cwd, from);
}

/** Put `backupFile` in place of the case's database and record it; refuses bad backups untouched. */
export function restoreCase(caseDir: string, backupFile: string, actor: string): RestoreResult {
  const abs = path.resolve(caseDir);
  const file = path.join(abs, CASE_DB);
  if (!fs.existsSync(abs)) throw new ExhibitError('not-a-case', `No case at ${abs}: the folder does not exist`, abs);
  if (!canWrite([abs, file])) {
    throw new ExhibitError('read-only', `Cannot restore into ${abs}: the folder is read-only`, abs);
  }
  const facts = inspectBackup(backupFile);
  const restored: BackupInfo = listBackups(abs).find((b) => b.file === path.resolve(backupFile)) ?? {
    name: path.basename(backupFile),
    file: path.resolve(backupFile),
    takenAt: fs.statSync(backupFile).mtime.toISOString(),
    auditRows: facts.auditRows,
    auditHead: facts.auditHead,
    size: fs.statSync(backupFile).size,
  };
  if (fs.existsSync(file)) assertNotInUse(file);

  const tmp = path.join(abs, `.${CASE_DB}.restoring-${process.pid}.tmp`);
  fs.copyFileSync(backupFile, tmp);
  let replaced: string | null = null;
  try {
    fsyncFile(tmp);
    if (fs.existsSync(file)) {
      replaced = setAside(file, 'replaced');
      if (!replaced) throw new ExhibitError('internal', `Could not move ${file} aside to restore the backup`, file);
    }
    fs.renameSync(tmp, file);
    fsyncDir(abs);
  } finally {
    fs.rmSync(tmp, { force: true });
  }

  let store: ReturnType<typeof openCase>;
  try {
    store = openCase(abs);
  } catch (err) {
    // The backup passed inspection but this Exhibit cannot open it (an upgrade step failed):
    // put back the database that was there, so a failed restore changes nothing.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    if (replaced) fs.renameSync(replaced, file);
    fsyncDir(abs);
    throw new ExhibitError(
      'unreadable-file',
      `The backup ${restored.name} could not be opened as a case (${(err as Error).message}); ${abs} was left as it was`,
      backupFile,
    );
  }
  try {
    appendAudit(store.db, {
      actor,
      action: 'case.restore',
      entity: 'case',
      entityId: null,
      payload: {
        backup: restored.name,
        takenAt: restored.takenAt,
        auditRows: facts.auditRows,
        replaced: replaced ? path.basename(replaced) : null,
        damaged: setAsideFiles(abs, CASE_DB),
      },
    });
  } finally {
    store.close();
  }
  return { restored, replaced };
}

/**
 * Refuse to swap the database under another Exhibit that has the case open. Exhibit
 * keeps its connections in WAL mode, whose readers hold a shared lock on the file for
 * as long as they are open, so an exclusive lock is only granted when nobody else is in.
 */
function assertNotInUse(file: string): void {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
  } catch {
    return; // unreadable: damaged, and nobody can be using it
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new ExhibitError(
        'case-in-use',
        `${path.dirname(file)} is open in another Exhibit window or command; close it there before restoring`,
        path.dirname(file),
      );
    }
    // Any other failure means the file is damaged; it is replaced (and kept) all the same.
  } finally {
    db.close();
  }
}
