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
  db.transaction(() => {
    for (const step of pending) step.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return pending.map((m) => m.version);
}
