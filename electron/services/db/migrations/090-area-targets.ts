/**
 * Migration 90: a highlight target may be an area — a rectangle drawn on the page rather
 * than a run of text. The rectangle is kept apart from `rects` (which re-measuring may cut
 * anew from the glyphs) so the place the reviewer drew is never lost; NULL for text targets.
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 90,
  name: 'area targets: the rectangle drawn on the page, in PDF user space',
  up(db) {
    db.exec(`ALTER TABLE highlight_targets ADD COLUMN area TEXT;`);
  },
};
