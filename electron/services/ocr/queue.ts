/**
 * The recognition queue of a case, kept in its database (ocr_pages, migration 70): which
 * pages wait to be read, which were read and how well, which failed and why. Because the
 * queue lives with the case, recognition that a crash or a restart interrupted goes on
 * from the first page not yet done, and nothing is read twice or lost.
 */
import type { Database } from 'better-sqlite3';
import { bandLines, type OcrPage } from '../../../shared/ocr.ts';
import { foldForSearch } from '../../../shared/search/normalize.ts';
import { appendAudit } from '../audit/audit.ts';
import { reanchorDocument, type ReanchorSummary } from '../highlights/reanchor.ts';
import { ocrPageLayout, type StoredFrame } from './page-layout.ts';

/** A page of text shorter than this (letters and digits) has no usable text layer: a scan. */
export const USABLE_TEXT_CHARS = 3;

/** Whether a page's extracted text is too thin to stand for the page (a scanned page). */
export function needsOcr(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < USABLE_TEXT_CHARS;
}

/** Queue these pages of a document for reading with `languages` (again, when they were read before). */
export function enqueuePages(db: Database, documentId: string, pages: readonly number[], languages: string): void {
  const put = db.prepare(
    `INSERT INTO ocr_pages (document_id, page_index, state, languages, updated_at) VALUES (?, ?, 'queued', ?, ?)
     ON CONFLICT (document_id, page_index) DO UPDATE SET state = 'queued', languages = excluded.languages, error = NULL,
       updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const p of pages) put.run(documentId, p, languages, now);
  })();
}

export interface QueuedPage {
  documentId: string;
  page: number;
  languages: string;
  sha256: string;
  kind: 'pdf' | 'image';
  fileName: string;
}

/** Up to `limit` waiting pages, oldest document first, in page order; paused documents wait. */
export function nextQueued(db: Database, limit: number, skip: ReadonlySet<string> = new Set()): QueuedPage[] {
  const rows = db
    .prepare(
      `SELECT o.document_id AS documentId, o.page_index AS page, o.languages, d.sha256, d.kind, d.file_name AS fileName
       FROM ocr_pages o JOIN documents d ON d.id = o.document_id
       WHERE o.state = 'queued' AND d.ocr_paused = 0 AND d.status = 'ready'
       ORDER BY d.imported_at, d.rowid, o.page_index LIMIT ?`,
    )
    .all(limit + skip.size) as QueuedPage[];
  return rows.filter((r) => !skip.has(`${r.documentId}:${r.page}`)).slice(0, limit);
}

/** Store what was read off a page: its text and words, how well, and re-anchor highlights on its old text. */
export function storeOcrPage(
  db: Database,
  documentId: string,
  page: number,
  read: OcrPage,
  actor: string,
): ReanchorSummary | null {
  // Stored and laid out with each line's words on one band: highlight boxes, and the text layer
  // the viewer and exports draw over the image, line up as typed text does.
  const ocr = bandLines(read);
  return db.transaction(() => {
    const row = db
      .prepare('SELECT text, rotation, items FROM pages WHERE document_id = ? AND page_index = ?')
      .get(documentId, page) as { text: string; rotation: number; items: string } | undefined;
    if (!row) return null;
    const { view } = JSON.parse(row.items) as { view: StoredFrame['view'] };
    const laid = ocrPageLayout(ocr, { view, rotation: row.rotation });
    db.prepare('UPDATE pages SET text = ?, search_text = ?, items = ? WHERE document_id = ? AND page_index = ?').run(
      laid.text,
      foldForSearch(laid.text),
      laid.layout,
      documentId,
      page,
    );
    db.prepare(
      `UPDATE ocr_pages SET state = 'done', confidence = ?, orientation = ?, skew = ?, engine = ?, dpi = ?, word_confidence = ?,
         languages = ?, result = ?, error = NULL, updated_at = ? WHERE document_id = ? AND page_index = ?`,
    ).run(
      Math.round(ocr.meanConfidence * 10) / 10,
      ocr.orientation,
      Math.round(ocr.skew * 100) / 100,
      ocr.engine,
      Math.round(ocr.dpi),
      JSON.stringify(laid.confidences),
      ocr.languages,
      JSON.stringify(ocr),
      new Date().toISOString(),
      documentId,
      page,
    );
    if (/\S/.test(laid.text)) db.prepare('UPDATE documents SET text_layer = 1 WHERE id = ?').run(documentId);
    // Highlights made on the page's earlier reading follow their words to the new one.
    const marked = db
      .prepare(
        'SELECT count(*) FROM highlight_targets t JOIN highlights h ON h.id = t.highlight_id WHERE h.document_id = ? AND t.page_index = ?',
      )
      .pluck()
      .get(documentId, page) as number;
    return marked > 0 ? reanchorDocument(db, documentId, new Map([[page, row.text]]), actor) : null;
  })();
}

/** Record that a page could not be read (it stays as it was; a later run may try again). */
export function failOcrPage(db: Database, documentId: string, page: number, reason: string): void {
  db.prepare(`UPDATE ocr_pages SET state = 'failed', error = ?, updated_at = ? WHERE document_id = ? AND page_index = ?`).run(
    reason,
    new Date().toISOString(),
    documentId,
    page,
  );
}

export interface OcrDocumentStatus {
  documentId: string;
  title: string;
  pages: number;
  queued: number;
  done: number;
  failed: number;
  paused: boolean;
  /** Mean confidence over the pages read (0–100), null before any is. */
  confidence: number | null;
  /** Pages read with a mean confidence below the threshold, 1-based. */
  lowConfidencePages: number[];
  languages: string | null;
  errors: { page: number; reason: string }[];
  /** Highlights (not deleted) marked as drifted when their page was read again (ocr-schemas.ts says more). */
  driftedHighlights: number;
}

/** Where recognition stands for each document that has pages to read or read. */
export function ocrStatus(db: Database, lowBelow: number, documentId?: string): OcrDocumentStatus[] {
  const rows = db
    .prepare(
      `SELECT o.document_id AS documentId, d.title, count(*) AS pages, d.ocr_paused AS paused,
         sum(o.state = 'queued') AS queued, sum(o.state = 'done') AS done, sum(o.state = 'failed') AS failed,
         avg(CASE WHEN o.state = 'done' THEN o.confidence END) AS confidence, max(o.languages) AS languages
       FROM ocr_pages o JOIN documents d ON d.id = o.document_id
       WHERE d.status = 'ready' AND (? IS NULL OR o.document_id = ?)
       GROUP BY o.document_id ORDER BY d.imported_at, d.rowid`,
    )
    .all(documentId ?? null, documentId ?? null) as (Omit<
    OcrDocumentStatus,
    'paused' | 'lowConfidencePages' | 'errors' | 'driftedHighlights'
  > & {
    paused: number;
  })[];
  const low = db
    // A page on which no word was found (a blank back, a photograph) is empty, not doubtful: its mean of 0 flags nothing.
    .prepare(
      `SELECT page_index FROM ocr_pages WHERE document_id = ? AND state = 'done' AND confidence < ?
         AND json_array_length(word_confidence) > 0 ORDER BY page_index`,
    )
    .pluck();
  const errors = db.prepare(
    `SELECT page_index AS page, error AS reason FROM ocr_pages WHERE document_id = ? AND state = 'failed' ORDER BY page_index`,
  );
  const drifted = db
    .prepare(
      `SELECT count(DISTINCT h.id) FROM highlights h JOIN highlight_targets t ON t.highlight_id = h.id
       WHERE h.document_id = ? AND h.deleted_at IS NULL AND t.drifted IS NOT NULL`,
    )
    .pluck();
  return rows.map((r) => ({
    ...r,
    paused: r.paused === 1,
    confidence: r.confidence === null ? null : Math.round(r.confidence * 10) / 10,
    lowConfidencePages: (low.all(r.documentId, lowBelow) as number[]).map((p) => p + 1),
    errors: (errors.all(r.documentId) as { page: number; reason: string }[]).map((e) => ({ page: e.page + 1, reason: e.reason })),
    driftedHighlights: drifted.get(r.documentId) as number,
  }));
}

/** Pause or resume a document's recognition (its queue stays). */
export function setOcrPaused(db: Database, documentId: string, paused: boolean): void {
  db.prepare('UPDATE documents SET ocr_paused = ? WHERE id = ?').run(paused ? 1 : 0, documentId);
}

/** Stop a document's recognition: pages not yet read leave the queue (they can be queued again). */
export function cancelOcr(db: Database, documentId: string): number {
  return db.prepare(`DELETE FROM ocr_pages WHERE document_id = ? AND state = 'queued'`).run(documentId).changes;
}

/** The audit row for a document whose queue just emptied: what was read, with what, how well. */
export function auditOcrFinished(db: Database, documentId: string, actor: string): void {
  const s = ocrStatus(db, 0, documentId)[0];
  if (!s) return;
  const engine = db
    .prepare(`SELECT engine FROM ocr_pages WHERE document_id = ? AND state = 'done' ORDER BY updated_at DESC LIMIT 1`)
    .pluck()
    .get(documentId) as string | undefined;
  appendAudit(db, {
    actor,
    action: 'document.ocr',
    entity: 'document',
    entityId: documentId,
    payload: { pages: s.done, failed: s.failed, confidence: s.confidence, languages: s.languages, engine: engine ?? null },
  });
}

/** What was read off each page of a document (page index -> reading), for exports' text layers. */
export function ocrReadings(db: Database, documentId: string): Map<number, OcrPage> {
  const rows = db
    .prepare(`SELECT page_index AS page, result FROM ocr_pages WHERE document_id = ? AND state = 'done' AND result IS NOT NULL`)
    .all(documentId) as { page: number; result: string }[];
  return new Map(rows.map((r) => [r.page, JSON.parse(r.result) as OcrPage]));
}
