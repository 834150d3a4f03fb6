/**
 * Migration 90: a highlight's target may be an area of its page (a rectangle the reviewer
 * drew, on a scan or any page) instead of a passage of text. `area` holds that rectangle in
 * PDF user space as JSON [x1, y1, x2, y2], the form `rects` uses; NULL for a passage of
 * text, as every target stored before this step is. An area is anchored by the rectangle:
 * its quote is re-read from the words inside it when the page's text changes.
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 90,
  name: 'area targets: a rectangle on the page, anchored by itself rather than by its text',
  up(db) {
    db.exec(`ALTER TABLE highlight_targets ADD COLUMN area TEXT;`);
  },
};
