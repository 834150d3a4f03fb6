/**
 * A damaged case database is never written again: it is renamed aside (with its -wal and
 * -shm, which keep their pairing under the new name, so the file can still be examined)
 * and the reviewer is told which backup can replace it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import { fileStamp, latestGoodBackup } from './backups.ts';
import { fsyncDir } from './disk.ts';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Rename a database and its side files to `<file>.<label>-<stamp>`. Returns the new
 * name of the database, or null when nothing could be moved (a read-only folder).
 */
export function setAside(file: string, label: 'damaged' | 'replaced', at = new Date()): string | null {
  const target = `${file}.${label}-${fileStamp(at)}`;
  try {
    fs.renameSync(file, target);
  } catch {
    return null;
  }
  for (const side of SIDE_FILES) {
    if (fs.existsSync(file + side)) fs.renameSync(file + side, target + side);
  }
  fsyncDir(path.dirname(file));
  return target;
}

/** Damaged databases set aside in a case folder, newest first (their names, not the side files). */
export function setAsideFiles(caseDir: string, dbName: string): string[] {
  if (!fs.existsSync(caseDir)) return [];
  const pattern = new RegExp(`^${dbName.replace('.', '\\.')}\\.damaged-\\d{8}T\\d{9}Z$`);
  return fs
    .readdirSync(caseDir)
    .filter((n) => pattern.test(n))
    .sort()
    .reverse();
}

/** Whether a folder looks like an Exhibit case even though its database is unreadable. */
export function looksLikeCase(caseDir: string): boolean {
  return ['blobs', 'backups'].some((d) => fs.existsSync(path.join(caseDir, d)));
}

/** The error for a damaged case: what was found, where the file went, and the backup to restore. */
export function damagedCaseError(caseDir: string, file: string, detail: string, aside: string | null): ExhibitError {
  const backup = latestGoodBackup(caseDir);
  const kept = aside
    ? ` It was moved aside to ${path.basename(aside)} and will not be written again.`
    : ' It could not be moved aside (the folder is read-only) and was left as it is.';
  const offer = backup
    ? ` The latest good backup is ${backup.name}, taken ${backup.takenAt.replace('T', ' ').slice(0, 19)} UTC with ${backup.auditRows} audited change(s); restore it from the app or with "exhibit restore --case ${caseDir} --latest".`
    : ' No good backup was found in its backups folder.';
  return new ExhibitError('case-damaged', `The case database ${file} is damaged (${detail}).${kept}${offer}`, caseDir);
}

/** The error for a case whose damaged database was set aside earlier and not yet replaced. */
export function stillDamagedError(caseDir: string, aside: string): ExhibitError {
  const backup = latestGoodBackup(caseDir);
  const offer = backup
    ? ` The latest good backup is ${backup.name}, taken ${backup.takenAt.replace('T', ' ').slice(0, 19)} UTC; restore it from the app or with "exhibit restore --case ${caseDir} --latest".`
    : ' No good backup was found in its backups folder.';
  return new ExhibitError(
    'case-damaged',
    `The case at ${caseDir} has no database: a damaged one was set aside as ${aside}.${offer}`,
    caseDir,
  );
}
