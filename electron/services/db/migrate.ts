/**
 * Running the numbered schema migrations (migrations/): all pending steps in one
 * transaction together with the new `user_version`; a database whose version is newer
 * than the last step is refused before anything is touched.
 */
import type { Database } from 'better-sqlite3';
import { migrations, type Migration } from './migrations/index.ts';

export { migrations, type Migration };

export const latestVersion = (): number => migrations.at(-1)?.version ?? 0;

/** Run every pending migration in one transaction. Returns the versions applied. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this version of Exhibit understands (${latest})`);
  }
  const pending = steps.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  // A step may rebuild a table other tables refer to (SQLite's way to change a constraint), so
  // foreign keys are not enforced while the steps run; every reference is checked before they
  // commit, and a dangling one rolls the whole upgrade back.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const step of pending) step.up(db);
      const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (dangling.length > 0) {
        const first = dangling[0]!;
        throw new Error(
          `schema upgrade left ${dangling.length} dangling reference(s), e.g. ${first.table} row ${first.rowid} -> ${first.parent}`,
        );
      }
      db.pragma(`user_version = ${latest}`);
    })();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return pending.map((m) => m.version);
}
