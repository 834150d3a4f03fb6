/** Migration 30: Allegations under review and the stance links between highlights and allegations. */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 30,
  name: 'allegations and stance links',
  up(db) {
    db.exec(`
      CREATE TABLE allegations (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        source TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'corroborated', 'disputed', 'refuted', 'withdrawn')),
        tags TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE UNIQUE INDEX allegations_live_code ON allegations(code COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE TABLE links (
        highlight_id TEXT NOT NULL REFERENCES highlights(id),
        allegation_id TEXT NOT NULL REFERENCES allegations(id),
        stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts', 'context', 'admits', 'denies')),
        rationale TEXT,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (highlight_id, allegation_id)
      );
      CREATE INDEX links_by_allegation ON links(allegation_id);
    `);
  },
};
