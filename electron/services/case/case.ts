/**
 * A case is a folder: case.sqlite plus blobs/ (and backups/). Opening checks, before
 * writing anything, that the folder really is a case, that its schema is not from a
 * newer Exhibit, and that its database is sound; a damaged one is set aside. A case
 * whose folder cannot be written opens read-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { DamagedDatabaseError, isCorruption, quickCheck } from '../db/health.ts';
import { latestVersion, migrate } from '../db/migrate.ts';
import { APPLICATION_ID, closeDatabase, openDatabase, peekDatabase, type FileHeader } from '../db/open.ts';
import { canWrite, openReadOnlyDatabase, unclosedReadOnlyError } from '../db/read-only.ts';
import { appendAudit } from '../audit/audit.ts';
import { damagedCaseError, looksLikeCase, setAside, setAsideFiles, stillDamagedError } from './damage.ts';

export const CASE_DB = 'case.sqlite';

export interface CaseStore {
  readonly dir: string;
  readonly db: Database;
  /** The folder cannot be written: the database is open read-only and changes are refused. */
  readonly readOnly: boolean;
  close(): void;
}

const storeOf = (dir: string, db: Database, readOnly: boolean): CaseStore => ({
  dir,
  db,
  readOnly,
  close: () => closeDatabase(db),
});

/** Create a new, empty case in `dir` (which may exist but must not already hold a case). */
export function initCase(dir: string, actor: string): CaseStore {
  const abs = path.resolve(dir);
  const file = path.join(abs, CASE_DB);
  if (fs.existsSync(file)) throw new ExhibitError('invalid-args', `${abs} already holds a case`, abs);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) {
    throw new ExhibitError('not-a-case', `${abs} is a file, not a folder`, abs);
  }
  const damaged = setAsideFiles(abs, CASE_DB)[0];
  if (damaged) throw stillDamagedError(abs, damaged);
  fs.mkdirSync(path.join(abs, 'blobs', 'sha256'), { recursive: true });
  const db = openDatabase(file, { create: true });
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db);
  appendAudit(db, { actor, action: 'case.create', entity: 'case', entityId: null, payload: { name: path.basename(abs) } });
  return storeOf(abs, db, false);
}

/**
 * Open an existing case. A folder that is not a case, or a newer schema, is refused
 * untouched; a damaged database is moved aside and the error names the backup to restore.
 */
export function openCase(dir: string): CaseStore {
  const abs = path.resolve(dir);
  const file = path.join(abs, CASE_DB);
  if (!fs.existsSync(abs)) throw new ExhibitError('not-a-case', `No case at ${abs}: the folder does not exist`, abs);
  if (!fs.existsSync(file)) {
    const damaged = setAsideFiles(abs, CASE_DB)[0];
    if (damaged) throw stillDamagedError(abs, damaged);
    throw new ExhibitError(
      'not-a-case',
      `${abs} is not an Exhibit case (it has no ${CASE_DB}); create one with "exhibit init"`,
      abs,
    );
  }
  const readOnly = !canWrite([abs, file, path.join(abs, 'blobs', 'sha256')]);
  const damaged = (detail: string) => damagedCaseError(abs, file, detail, readOnly ? null : setAside(file, 'damaged'));
  let peek: FileHeader;
  try {
    peek = peekDatabase(file);
  } catch (err) {
    if (isCorruption(err) && looksLikeCase(abs)) throw damaged((err as Error).message);
    if (readOnly && !isCorruption(err)) throw unclosedReadOnlyError(file);
    throw new ExhibitError('not-a-case', `${file} is not a readable SQLite database (${(err as Error).message})`, file);
  }
  if (peek.kind === 'not-sqlite') {
    if (looksLikeCase(abs)) throw damaged(peek.reason);
    throw new ExhibitError('not-a-case', `${file} is not an Exhibit case: ${peek.reason}`, file);
  }
  if (peek.applicationId !== APPLICATION_ID) {
    throw new ExhibitError('not-a-case', `${file} is a SQLite database but not an Exhibit case`, file);
  }
  if (peek.userVersion > latestVersion()) throw newerSchema(file, peek.userVersion);
  return readOnly ? openReadOnly(abs, file, peek.userVersion, damaged) : openWritable(abs, file, damaged);
}

function openWritable(abs: string, file: string, damaged: (detail: string) => ExhibitError): CaseStore {
  let db: Database;
  try {
    db = openDatabase(file, { check: true });
  } catch (err) {
    if (err instanceof DamagedDatabaseError) throw damaged(err.detail);
    throw err;
  }
  try {
    migrate(db);
  } catch (err) {
    closeDatabase(db);
    const version = /database schema (\d+) is newer/.exec((err as Error).message);
    if (version) throw newerSchema(file, Number(version[1]));
    throw err;
  }
  return storeOf(abs, db, false);
}

function openReadOnly(abs: string, file: string, version: number, damaged: (detail: string) => ExhibitError): CaseStore {
  let db: Database;
  let problem: string | null;
  try {
    db = openReadOnlyDatabase(file);
  } catch (err) {
    if (isCorruption(err)) throw damaged((err as Error).message);
    throw err;
  }
  try {
    problem = quickCheck(db);
  } catch (err) {
    db.close();
    throw err;
  }
  if (problem) {
    db.close();
    throw damaged(problem);
  }
  if (version < latestVersion()) {
    db.close();
    throw new ExhibitError(
      'read-only',
      `${abs} holds a case from an older Exhibit (schema ${version}) that must be upgraded to schema ${latestVersion()}, ` +
        'which cannot be done in a read-only folder. Make the folder writable, or open a copy of it.',
      abs,
    );
  }
  return storeOf(abs, db, true);
}

const newerSchema = (file: string, version: number) =>
  new ExhibitError(
    'newer-schema',
    `${file} was written by a newer Exhibit (schema ${version}; this one knows up to ${latestVersion()}). Update Exhibit to open it.`,
    file,
  );

/** Open the case, creating it first if it does not exist yet (used for the default case). */
export function openOrCreateCase(dir: string, actor: string): CaseStore {
  const exists = fs.existsSync(path.join(dir, CASE_DB)) || setAsideFiles(path.resolve(dir), CASE_DB).length > 0;
  return exists ? openCase(dir) : initCase(dir, actor);
}
