/**
 * Migration 60: documents remember which glyph geometry their pages were measured with.
 * PDFs imported before glyph geometry keep NULL, so the case re-measures them when it
 * opens (geometry/remeasure.ts) and puts their highlights' boxes on the glyphs.
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 60,
  name: 'glyph geometry version per document',
  up(db) {
    db.exec(`ALTER TABLE documents ADD COLUMN geometry INTEGER;`);
  },
};
