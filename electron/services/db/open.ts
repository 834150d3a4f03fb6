/** Opening a case database with the settings every connection must have. */
import BetterSqlite3, { type Database } from 'better-sqlite3';

/** 'EXHB' — marks a SQLite file as an Exhibit case. */
export const APPLICATION_ID = 0x45584842;

/** Open (creating if asked) a case database with WAL, full sync and foreign keys. */
export function openDatabase(file: string, opts: { create?: boolean; readonly?: boolean } = {}): Database {
  const db = new BetterSqlite3(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  return db;
}

/** Read the id and schema version without changing the file. */
export function peekDatabase(file: string): { applicationId: number; userVersion: number } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}
