/** Opening a case database with the settings every connection must have. */
import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DamagedDatabaseError, isCorruption, quickCheck } from './health.ts';

/** 'EXHB' — marks a SQLite file as an Exhibit case. */
export const APPLICATION_ID = 0x45584842;

export interface OpenOptions {
  create?: boolean;
  readonly?: boolean;
  /**
   * Run `PRAGMA quick_check` before anything is written (even the switch to WAL), and
   * throw DamagedDatabaseError when the file is damaged.
   */
  check?: boolean;
}

/** Open (creating if asked) a case database with WAL, full sync and foreign keys. */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const db = new BetterSqlite3(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('trusted_schema = OFF');
    if (opts.check) {
      const problem = quickCheck(db);
      if (problem) throw new DamagedDatabaseError(file, problem);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    return db;
  } catch (err) {
    db.close();
    if (opts.check && isCorruption(err)) throw new DamagedDatabaseError(file, (err as Error).message);
    throw err;
  }
}

/**
 * Close a case database, leaving the file in rollback-journal mode: WAL is switched back
 * on at the next open, and meanwhile a copy of the case on read-only media (or in a
 * folder made read-only) opens without SQLite needing to create a -shm file beside it.
 * Another connection still using the file keeps it in WAL mode; that is fine.
 */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  if (!db.readonly && !db.memory) {
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('journal_mode = DELETE');
    } catch {
      // Busy (another connection, a running backup) or a full disk: the file stays in WAL mode.
    }
  }
  db.close();
}

/** What a database file says about itself before Exhibit opens it for real. */
export type FileHeader =
  { kind: 'sqlite'; applicationId: number; userVersion: number; wal: boolean } | { kind: 'not-sqlite'; reason: string };

const MAGIC = 'SQLite format 3\0';

/**
 * Read the id, schema version and journal mode without changing the file. With no
 * pending WAL they come straight from the header, so a file Exhibit will refuse is never
 * opened by SQLite (which could leave -wal/-shm files beside it); pages waiting in a
 * WAL file (after a crash) may be newer than the header, so then SQLite reads them.
 */
export function peekDatabase(file: string): FileHeader {
  if (hasPendingWal(file)) {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      return {
        kind: 'sqlite',
        applicationId: db.pragma('application_id', { simple: true }) as number,
        userVersion: db.pragma('user_version', { simple: true }) as number,
        wal: true,
      };
    } finally {
      db.close();
    }
  }
  const bytes = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, bytes, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100) return { kind: 'not-sqlite', reason: `it is ${read} bytes long, shorter than a SQLite header` };
  if (bytes.toString('latin1', 0, 16) !== MAGIC) return { kind: 'not-sqlite', reason: 'it does not start with a SQLite header' };
  return {
    kind: 'sqlite',
    userVersion: bytes.readInt32BE(60),
    applicationId: bytes.readUInt32BE(68),
    wal: bytes[18] === 2 || bytes[19] === 2,
  };
}

/** A -wal file with frames in it: changes that are saved but not yet copied into the main file. */
export function hasPendingWal(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}
