/**
 * Removing a document from a case's view and search, and putting it back. Nothing is
 * erased: the original, its pages and its highlights stay, so removal can be undone
 * and the audit log still explains every quote taken from it.
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import { listDocuments, resolveDocument } from './documents.ts';

/** Hide a document (or bring it back): its pages leave (or rejoin) the search index. */
export function setDocumentRemoved(db: Database, ref: string, removed: boolean, actor: string): DocumentSummary {
  return db.transaction(() => {
    const doc = resolveDocument(db, ref);
    const isRemoved = doc.status === 'removed';
    if (isRemoved === removed) {
      throw new ExhibitError('invalid-args', `"${doc.title}" is ${removed ? 'already removed' : 'not removed'}`, doc.id);
    }
    const pages = db.prepare('SELECT id, search_text FROM pages WHERE document_id = ?').all(doc.id) as {
      id: number;
      search_text: string;
    }[];
    const index = removed
      ? db.prepare("INSERT INTO pages_fts(pages_fts, rowid, search_text) VALUES ('delete', ?, ?)")
      : db.prepare('INSERT INTO pages_fts(rowid, search_text) VALUES (?, ?)');
    for (const p of pages) index.run(p.id, p.search_text);
    db.prepare('UPDATE documents SET status = ? WHERE id = ?').run(removed ? 'removed' : 'ready', doc.id);
    appendAudit(db, {
      actor,
      action: removed ? 'document.remove' : 'document.restore',
      entity: 'document',
      entityId: doc.id,
      payload: { title: doc.title, sha256: doc.sha256 },
    });
    return listDocuments(db, { includeRemoved: true }).find((d) => d.documentId === doc.id)!;
  })();
}
