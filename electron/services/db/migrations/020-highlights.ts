/** Migration 20: Highlights and the targets (page, rectangles, selectors) that anchor them. */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 20,
  name: 'highlights and their targets',
  up(db) {
    db.exec(`
      CREATE TABLE highlights (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        color TEXT NOT NULL,
        label TEXT,
        note TEXT,
        deleted_at TEXT
      );
      CREATE INDEX highlights_by_document ON highlights(document_id) WHERE deleted_at IS NULL;
      CREATE TABLE highlight_targets (
        highlight_id TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        page_index INTEGER NOT NULL,
        rects TEXT NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        anchor TEXT NOT NULL DEFAULT 'ok' CHECK (anchor IN ('ok', 'drifted', 'orphaned')),
        PRIMARY KEY (highlight_id, ordinal)
      );
    `);
  },
};
