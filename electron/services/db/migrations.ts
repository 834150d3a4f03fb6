/**
 * Numbered schema migrations, in steps of ten. All pending steps run in one
 * transaction together with the new `user_version`; a database whose version is
 * newer than the last step here is refused before anything is touched.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
    version: 40,
    name: 'removed links kept as a mark, so a removal reaches other cases through bundles',
    up(db) {
      db.exec(`ALTER TABLE links ADD COLUMN deleted_at TEXT;`);
    },
  },
];

export const latestVersion = (): number => migrations.at(-1)?.version ?? 0;

/** Run every pending migration in one transaction. Returns the versions applied. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this version of Exhibit understands (${latest})`);
  }
  const pending = steps.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const step of pending) step.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return pending.map((m) => m.version);
}
