/**
 * Opening a case database that this process may not write (a folder made read-only, a
 * read-only mount or disc), writing nothing at all: no -wal, -shm or journal file.
 */
import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { hasPendingWal } from './open.ts';

/**
 * SQLite reads a WAL-mode file only through a -shm file it must be able to create. A
 * database closed cleanly by Exhibit is in rollback mode and opens directly; one left in
 * WAL mode with every change already in the main file is read from a copy in memory
 * (its header marked as rollback mode there, never on disk); one whose last changes are
 * still only in its -wal file cannot be read without a -shm, and is refused clearly.
 */
export function openReadOnlyDatabase(file: string): Database {
  let db: Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_READONLY') && code !== 'SQLITE_CANTOPEN') throw err;
    if (hasPendingWal(file)) throw unclosedReadOnlyError(file);
    const bytes = fs.readFileSync(file);
    bytes[18] = 1;
    bytes[19] = 1;
    db = new BetterSqlite3(bytes, { readonly: true });
  }
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  return db;
}

/** A WAL-mode database with unsaved pages, in a folder where SQLite cannot make its -shm file. */
export function unclosedReadOnlyError(file: string): ExhibitError {
  return new ExhibitError(
    'read-only',
    `${file} was not closed cleanly and its last changes are still in ${file}-wal, which cannot be read in a read-only folder. ` +
      'Make the folder writable and open the case once; it can be made read-only again afterwards.',
    file,
  );
}

/** Whether this process may change the case: the folder, its database and its blob store are writable. */
export function canWrite(paths: readonly string[]): boolean {
  try {
    for (const p of paths) if (fs.existsSync(p)) fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
