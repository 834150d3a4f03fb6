/** Queries over documents and pages. Each takes the database first. */
import { enqueuePages, needsOcr } from '../ocr/queue.ts';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentDetail, DocumentSummary, PageText, Provenance } from '../../../shared/ipc/contract.ts';
import { foldForSearch } from '../../../shared/search/normalize.ts';
import { appendAudit } from '../audit/audit.ts';
import { blobPath } from '../case/blobs.ts';
import type { ExtractedDocument } from '../ingest/extracted.ts';

export interface DocumentRow {
  id: string;
  sha256: string;
  kind: 'pdf' | 'text' | 'image';
  title: string;
  file_name: string;
  size: number;
  page_count: number;
  text_layer: number;
  metadata: string | null;
  page_labels: string | null;
  source: string | null;
  obtained_from: string | null;
  obtained_at: string | null;
  collected_by: string | null;
  notes: string | null;
  imported_at: string;
  imported_by: string;
  extractor_version: string;
  status: string;
}

function provenanceOf(r: DocumentRow): Provenance {
  const p: Provenance = {};
  if (r.source) p.source = r.source;
  if (r.obtained_from) p.obtainedFrom = r.obtained_from;
  if (r.obtained_at) p.obtainedAt = r.obtained_at;
  if (r.collected_by) p.collectedBy = r.collected_by;
  if (r.notes) p.notes = r.notes;
  return p;
}

const dayOf = (s: string | null | undefined) => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null);

/** The PDF's creation day, else the day it was obtained when the provenance gives one (see DocumentSummary.date). */
function documentDate(r: DocumentRow): string | null {
  let created: string | null;
  try {
    created = r.metadata ? ((JSON.parse(r.metadata) as { created?: string | null }).created ?? null) : null;
  } catch {
    created = null;
  }
  return dayOf(created) ?? dayOf(r.obtained_at);
}

function summaryOf(r: DocumentRow): DocumentSummary {
  return {
    documentId: r.id,
    title: r.title,
    sha256: r.sha256,
    pages: r.page_count,
    kind: r.kind,
    textLayer: r.text_layer === 1,
    fileName: r.file_name,
    size: r.size,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    status: r.status,
    provenance: provenanceOf(r),
    date: documentDate(r),
  };
}

/** The documents in the case, oldest import first; removed ones only when asked for. */
export function listDocuments(db: Database, opts: { includeRemoved?: boolean } = {}): DocumentSummary[] {
  const where = opts.includeRemoved ? '' : "WHERE status = 'ready'";
  return (db.prepare(`SELECT * FROM documents ${where} ORDER BY imported_at, rowid`).all() as DocumentRow[]).map(summaryOf);
}

/**
 * Find a document by id, a unique id prefix (4+ characters) or a unique SHA-256 prefix.
 * Throws a not-found error naming what was asked for.
 */
export function resolveDocument(db: Database, ref: string): DocumentRow {
  const exact = db.prepare('SELECT * FROM documents WHERE id = ? OR sha256 = ?').get(ref, ref) as DocumentRow | undefined;
  if (exact) return exact;
  if (ref.length >= 4 && /^[0-9a-f-]+$/i.test(ref)) {
    const like = `${ref.toLowerCase()}%`;
    const rows = db.prepare('SELECT * FROM documents WHERE id LIKE ? OR sha256 LIKE ? LIMIT 2').all(like, like) as DocumentRow[];
    if (rows.length === 1) return rows[0]!;
    if (rows.length > 1)
      throw new ExhibitError('invalid-args', `"${ref}" matches more than one document; give more of the id`, ref);
  }
  throw new ExhibitError('not-found', `No document "${ref}" in this case`, ref);
}

/** Whitespace as extraction leaves it on a page with no text: spaces, tabs, line and page breaks, no-break spaces. */
const BLANK = "' ' || char(9, 10, 11, 12, 13, 160)";

/** 1-based numbers of a PDF's pages whose extracted text is blank: the pages that made the document's text_layer flag false, or some of a mixed one. */
function textlessPages(db: Database, r: DocumentRow): number[] {
  if (r.kind !== 'pdf') return [];
  const rows = db
    .prepare(`SELECT page_index FROM pages WHERE document_id = ? AND trim(text, ${BLANK}) = '' ORDER BY page_index`)
    .pluck()
    .all(r.id) as number[];
  return rows.map((i) => i + 1);
}

/** One document with its metadata. */
export function getDocument(db: Database, ref: string): DocumentDetail {
  const r = resolveDocument(db, ref);
  return {
    ...summaryOf(r),
    metadata: r.metadata ? JSON.parse(r.metadata) : null,
    extractorVersion: r.extractor_version,
    pageLabels: r.page_labels ? JSON.parse(r.page_labels) : [],
    textlessPages: textlessPages(db, r),
  };
}

/** The text of one page; `page` is 1-based. */
export function getPage(db: Database, ref: string, page: number): PageText {
  const doc = resolveDocument(db, ref);
  if (page < 1 || page > doc.page_count) {
    throw new ExhibitError('not-found', `"${doc.title}" has ${doc.page_count} page(s); there is no page ${page}`, doc.id);
  }
  const r = db
    .prepare('SELECT label, width, height, rotation, text FROM pages WHERE document_id = ? AND page_index = ?')
    .get(doc.id, page - 1) as { label: string | null; width: number; height: number; rotation: number; text: string };
  return { documentId: doc.id, page, ...r };
}

/** Change a document's provenance; the change and the old values go to the audit log. */
export function setProvenance(db: Database, ref: string, provenance: Provenance, actor: string): DocumentSummary {
  return db.transaction(() => {
    const before = resolveDocument(db, ref);
    db.prepare(
      `UPDATE documents SET source = @source, obtained_from = @obtainedFrom, obtained_at = @obtainedAt,
       collected_by = @collectedBy, notes = @notes WHERE id = @id`,
    ).run({
      id: before.id,
      source: provenance.source ?? null,
      obtainedFrom: provenance.obtainedFrom ?? null,
      obtainedAt: provenance.obtainedAt ?? null,
      collectedBy: provenance.collectedBy ?? null,
      notes: provenance.notes ?? null,
    });
    appendAudit(db, {
      actor,
      action: 'document.provenance',
      entity: 'document',
      entityId: before.id,
      payload: { before: provenanceOf(before), after: provenance },
    });
    return summaryOf(resolveDocument(db, before.id));
  })();
}

export interface NewDocument {
  /** Keep this id (a document merged from a bundle keeps the id it had there). */
  id?: string | undefined;
  sha256: string;
  fileName: string;
  size: number;
  extracted: ExtractedDocument;
  provenance: Provenance;
  actor: string;
  /** Queue the pages with no usable text (every page of an image) for recognition with these languages. */
  ocrLanguages?: string | undefined;
}

/**
 * Store a document, its pages and its audit row in one transaction. Returns the new
 * id, or the existing id when the same bytes are already in the case.
 */
export function insertDocument(db: Database, d: NewDocument): { documentId: string; duplicate: boolean } {
  return db.transaction(() => {
    const existing = db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(d.sha256) as { id: string } | undefined;
    if (existing) return { documentId: existing.id, duplicate: true };
    const id = d.id ?? randomUUID();
    const x = d.extracted;
    const textLayer = x.pages.some((p) => /\S/.test(p.text));
    const title = x.title ?? d.fileName.replace(/\.[^.]+$/, '');
    db.prepare(
      `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, metadata, page_labels,
         source, obtained_from, obtained_at, collected_by, notes, imported_at, imported_by, extractor_version)
       VALUES (@id, @sha256, @kind, @title, @fileName, @size, @pageCount, @textLayer, @metadata, @pageLabels,
         @source, @obtainedFrom, @obtainedAt, @collectedBy, @notes, @importedAt, @importedBy, @extractorVersion)`,
    ).run({
      id,
      sha256: d.sha256,
      kind: x.kind,
      title,
      fileName: d.fileName,
      size: d.size,
      pageCount: x.pageCount,
      textLayer: textLayer ? 1 : 0,
      metadata: x.metadata ? JSON.stringify(x.metadata) : null,
      pageLabels: JSON.stringify(x.pageLabels),
      source: d.provenance.source ?? null,
      obtainedFrom: d.provenance.obtainedFrom ?? null,
      obtainedAt: d.provenance.obtainedAt ?? null,
      collectedBy: d.provenance.collectedBy ?? null,
      notes: d.provenance.notes ?? null,
      importedAt: new Date().toISOString(),
      importedBy: d.actor,
      extractorVersion: x.extractorVersion,
    });
    const insertPage = db.prepare(
      `INSERT INTO pages (document_id, page_index, label, width, height, rotation, text, search_text, items)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of x.pages) {
      insertPage.run(id, p.index, p.label, p.width, p.height, p.rotation, p.text, foldForSearch(p.text), p.layout);
    }
    if (d.ocrLanguages && x.kind !== 'text') {
      const scans = x.pages.filter((p) => x.kind === 'image' || needsOcr(p.text)).map((p) => p.index);
      // In this transaction: a document is never stored without its pages' place in the queue.
      if (scans.length > 0) enqueuePages(db, id, scans, d.ocrLanguages);
    }
    // Which glyph geometry the pages carry (PDFs only; text letters have none to measure).
    if (x.geometry != null) db.prepare('UPDATE documents SET geometry = ? WHERE id = ?').run(x.geometry, id);
    appendAudit(db, {
      actor: d.actor,
      action: 'document.import',
      entity: 'document',
      entityId: id,
      payload: {
        sha256: d.sha256,
        fileName: d.fileName,
        size: d.size,
        pages: x.pageCount,
        kind: x.kind,
        provenance: d.provenance,
      },
    });
    return { documentId: id, duplicate: false };
  })();
}

/** A document's page texts, in page order, as the case stores them (what highlight offsets count in). */
export function documentTexts(db: Database, documentId: string): string[] {
  return db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index').pluck().all(documentId) as string[];
}

/** Where a document's original bytes are, for a host to serve them to the viewer. */
export function originalFile(
  caseDir: string,
  db: Database,
  documentId: string,
): { path: string; size: number; sha256: string; kind: 'pdf' | 'text' | 'image' } {
  const r = db.prepare('SELECT sha256, size, kind FROM documents WHERE id = ?').get(documentId) as
    { sha256: string; size: number; kind: 'pdf' | 'text' | 'image' } | undefined;
  if (!r) throw new ExhibitError('not-found', `No document "${documentId}" in this case`, documentId);
  return { path: blobPath(caseDir, r.sha256), size: r.size, sha256: r.sha256, kind: r.kind };
}
