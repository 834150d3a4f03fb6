/**
 * Migration 80: a highlight's target remembers when re-anchoring after its page text was
 * replaced (a scan OCR'd again) found it only elsewhere, only approximately, or not at all,
 * with the quote it had before and when. Unlike `anchor`, which is worked out afresh each
 * time highlights are listed, this mark stays until a reviewer has looked: the text it
 * now points at matches, so nothing else would say that it changed.
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 80,
  name: 'drift marks on highlight targets re-anchored after their page text changed',
  up(db) {
    db.exec(`
      ALTER TABLE highlight_targets ADD COLUMN drifted TEXT CHECK (drifted IN ('moved', 'approximate', 'orphaned'));
      ALTER TABLE highlight_targets ADD COLUMN drifted_from TEXT;
      ALTER TABLE highlight_targets ADD COLUMN drifted_score REAL;
      ALTER TABLE highlight_targets ADD COLUMN drifted_at TEXT;
    `);
  },
};
