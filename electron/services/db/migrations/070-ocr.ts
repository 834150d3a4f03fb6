/**
 * Migration 70: scans read with OCR. Documents may be images (PNG, JPEG, TIFF), and each
 * page that had no usable text gets a row in `ocr_pages`: queued until it is read (the
 * queue lives here, so recognition resumes after a restart or a crash from the first page
 * not yet done), then what was read — mean confidence, the turn the text had, skew, the
 * engine and languages, each word's confidence in the order of the page's text items, and
 * the reading itself (shared/ocr.ts), from which exports draw the page's invisible text layer.
 */
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 70,
  name: 'image documents and the OCR queue',
  up(db) {
    // documents.kind gains 'image'. SQLite cannot change a CHECK constraint in place, so the table
    // is rebuilt from its own definition (columns added by later steps included); foreign keys are
    // off while migrations run and checked before they commit (migrate.ts).
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'documents'").pluck().get() as string;
    const before = "CHECK (kind IN ('pdf', 'text'))";
    if (!sql.includes(before)) throw new Error('migration 70: the documents table does not have the expected kind check');
    const next = sql
      .replace(/^CREATE TABLE documents\b/, 'CREATE TABLE documents_next')
      .replace(before, "CHECK (kind IN ('pdf', 'text', 'image'))");
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('documents') as string[]).join(', ');
    db.exec(`
      ${next};
      INSERT INTO documents_next (${columns}) SELECT ${columns} FROM documents;
      DROP TABLE documents;
      ALTER TABLE documents_next RENAME TO documents;
      CREATE TABLE ocr_pages (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed')),
        languages TEXT NOT NULL,
        confidence REAL,
        orientation INTEGER NOT NULL DEFAULT 0 CHECK (orientation IN (0, 90, 180, 270)),
        skew REAL NOT NULL DEFAULT 0,
        engine TEXT,
        dpi INTEGER,
        word_confidence TEXT,
        result TEXT,
        error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (document_id, page_index)
      );
      CREATE INDEX ocr_pages_queued ON ocr_pages (document_id, page_index) WHERE state = 'queued';
      ALTER TABLE documents ADD COLUMN ocr_paused INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
