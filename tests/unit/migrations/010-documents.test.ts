import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../../electron/services/documents/documents.ts';
import { extractText } from '../../../electron/services/ingest/text.ts';
import { databaseAt } from './at-version.ts';

describe('migration 10: documents, pages, search index, audit log', () => {
  it('stores a document with its pages, indexes their text, and keeps the audit log append-only', () => {
    const { db } = databaseAt(10);
    const { documentId: id } = insertDocument(db, {
      sha256: 'a'.repeat(64),
      fileName: 'letter.txt',
      size: 30,
      provenance: {},
      actor: 'T',
      extracted: extractText(new TextEncoder().encode('Dear rapporteurs\fsecond page'), 'letter.txt'),
    });
    expect(db.prepare('SELECT page_index, text FROM pages WHERE document_id = ? ORDER BY page_index').all(id)).toEqual([
      { page_index: 0, text: 'Dear rapporteurs' },
      { page_index: 1, text: 'second page' },
    ]);
    expect(db.prepare("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'rapporteurs'").all()).toHaveLength(1);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET actor = 'X'").run()).toThrow(/append-only/);
  });
});
