/** One numbered schema step. Each lives in its own file (NNN-what.ts) with a test of its own. */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
