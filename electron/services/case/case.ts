/**
 * A case is a folder: case.sqlite plus blobs/. Opening checks that the folder really
 * is a case and that its schema is not from a newer Exhibit, before writing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { APPLICATION_ID, openDatabase, peekDatabase } from '../db/open.ts';
import { latestVersion, migrate } from '../db/migrations.ts';
import { appendAudit } from '../audit/audit.ts';

export const CASE_DB = 'case.sqlite';

export interface CaseStore {
  readonly dir: string;
  readonly db: Database;
  close(): void;
}

/** Create a new, empty case in `dir` (which may exist but must not already hold a case). */
export function initCase(dir: string, actor: string): CaseStore {
  const abs = path.resolve(dir);
  const file = path.join(abs, CASE_DB);
  if (fs.existsSync(file)) throw new ExhibitError('invalid-args', `${abs} already holds a case`, abs);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) {
    throw new ExhibitError('not-a-case', `${abs} is a file, not a folder`, abs);
  }
  fs.mkdirSync(path.join(abs, 'blobs', 'sha256'), { recursive: true });
  const db = openDatabase(file, { create: true });
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db);
  appendAudit(db, { actor, action: 'case.create', entity: 'case', entityId: null, payload: { name: path.basename(abs) } });
  return { dir: abs, db, close: () => db.close() };
}

/** Open an existing case; a folder that is not a case, or a newer schema, is refused untouched. */
export function openCase(dir: string): CaseStore {
  const abs = path.resolve(dir);
  const file = path.join(abs, CASE_DB);
  if (!fs.existsSync(abs)) throw new ExhibitError('not-a-case', `No case at ${abs}: the folder does not exist`, abs);
  if (!fs.existsSync(file)) {
    throw new ExhibitError(
      'not-a-case',
      `${abs} is not an Exhibit case (it has no ${CASE_DB}); create one with "exhibit init"`,
      abs,
    );
  }
  let peek: { applicationId: number; userVersion: number };
  try {
    peek = peekDatabase(file);
  } catch (err) {
    throw new ExhibitError('not-a-case', `${file} is not a readable SQLite database (${(err as Error).message})`, file);
  }
  if (peek.applicationId !== APPLICATION_ID) {
    throw new ExhibitError('not-a-case', `${file} is a SQLite database but not an Exhibit case`, file);
  }
  if (peek.userVersion > latestVersion()) {
    throw new ExhibitError(
      'newer-schema',
      `${file} was written by a newer Exhibit (schema ${peek.userVersion}; this one knows up to ${latestVersion()}). Update Exhibit to open it.`,
      file,
    );
  }
  const db = openDatabase(file);
  migrate(db);
  return { dir: abs, db, close: () => db.close() };
}

/** Open the case, creating it first if it does not exist yet (used for the default case). */
export function openOrCreateCase(dir: string, actor: string): CaseStore {
  return fs.existsSync(path.join(dir, CASE_DB)) ? openCase(dir) : initCase(dir, actor);
}
