/** Migration 50: The keys a case trusts to sign the bundles it imports, each with the name the reviewer gave it. */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 50,
  name: 'trusted signers: keys whose bundles the case imports without asking',
  up(db) {
    db.exec(`
      CREATE TABLE trusted_signers (
        fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
      );
    `);
  },
};
