/** A real database stopped at one schema step, for the per-migration tests to fill and upgrade. */
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { migrate, migrations } from '../../../electron/services/db/migrate.ts';
import { openDatabase } from '../../../electron/services/db/open.ts';
import { tempDir } from '../helpers.ts';

/** A database migrated up to and including `version`, and a way to run the steps after it. */
export function databaseAt(version: number): { db: BetterSqlite3.Database; upgrade(): number[] } {
  const db = openDatabase(path.join(tempDir(), 'case.sqlite'), { create: true });
  const upTo = migrations.filter((m) => m.version <= version);
  migrate(db, upTo);
  return { db, upgrade: () => migrate(db) };
}

/** The column names of a table. */
export const columnsOf = (db: BetterSqlite3.Database, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
