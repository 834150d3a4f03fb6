/** Migration 40: A removed link is kept as a mark with its time, so the removal reaches other cases through bundles. */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 40,
  name: 'removed links kept as a mark, so a removal reaches other cases through bundles',
  up(db) {
    db.exec(`ALTER TABLE links ADD COLUMN deleted_at TEXT;`);
  },
};
