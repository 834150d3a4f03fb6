/** Migration 10: The first schema: documents, their pages with a full-text index, the append-only audit log, settings. */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 10,
  name: 'documents, pages, search index, audit log, settings',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        kind TEXT NOT NULL CHECK (kind IN ('pdf', 'text')),
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        text_layer INTEGER NOT NULL,
        metadata TEXT,
        page_labels TEXT,
        source TEXT,
        obtained_from TEXT,
        obtained_at TEXT,
        collected_by TEXT,
        notes TEXT,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'ready'
      );
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        label TEXT,
        width REAL NOT NULL,
        height REAL NOT NULL,
        rotation INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        search_text TEXT NOT NULL,
        items TEXT NOT NULL,
        UNIQUE (document_id, page_index)
      );
      CREATE VIRTUAL TABLE pages_fts USING fts5(
        search_text,
        content = 'pages',
        content_rowid = 'id',
        tokenize = "unicode61 remove_diacritics 2"
      );
      CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
        INSERT INTO pages_fts(rowid, search_text) VALUES (new.id, new.search_text);
      END;
      CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
        INSERT INTO pages_fts(pages_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      END;
      CREATE TRIGGER pages_fts_update AFTER UPDATE OF search_text ON pages BEGIN
        INSERT INTO pages_fts(pages_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO pages_fts(rowid, search_text) VALUES (new.id, new.search_text);
      END;
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
