/**
 * Migration 100: court bundle plans kept in the case. A plan's cover, sections and options
 * are one JSON document (`body`, a CourtPlanBody): the plan is always read and written whole,
 * and the build checks it against the schema anyway. A deleted plan keeps its row with
 * `deleted_at`, so the deletion travels in the evidence bundle like any other item's; names
 * are unique among the live plans only, ignoring case, so a reviewer never sees two "Hearing".
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 100,
  name: 'court bundle plans: several per case, each under a unique name',
  up(db) {
    db.exec(`
      CREATE TABLE court_plans (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE UNIQUE INDEX court_plans_live_name ON court_plans(name COLLATE NOCASE) WHERE deleted_at IS NULL;
    `);
  },
};
