/**
 * Bringing PDFs imported before glyph geometry up to date: each is extracted again from
 * its original, its pages' item positions are replaced where the text is unchanged, and
 * its highlights' boxes are cut anew from the glyphs (their quotes and offsets untouched).
 * One transaction and one audit row per document; a document that cannot be opened now
 * (an encrypted PDF, whose password the case does not keep) is marked, said, and left as it was.
 */
import type { Database } from 'better-sqlite3';
import { rectsForRange } from '../../../shared/anchoring/rects.ts';
import { displayTitles } from '../../../shared/display-titles.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { blobPath } from '../case/blobs.ts';
import type { CaseStore } from '../case/case.ts';
import { listDocuments } from '../documents/documents.ts';
import type { ExtractedDocument } from '../ingest/extracted.ts';
import { readShared } from '../ingest/files.ts';
import { extractPdf } from '../ingest/pdf.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { GEOMETRY_VERSION } from './page-glyphs.ts';

/** A document still measured the old way. */
export interface UnmeasuredDocument {
  documentId: string;
  sha256: string;
  title: string;
}

/** What re-measuring one document did. */
export interface Remeasured {
  documentId: string;
  title: string;
  /** Pages whose positions were replaced, and pages left alone because their text now reads differently. */
  pages: number;
  pagesKept: number;
  /** Highlight parts whose boxes were cut anew. */
  targets: number;
  /** Set when the document could not be re-measured (it keeps its old boxes). */
  failure: string | null;
}

/** PDFs whose pages predate glyph geometry (never tried: NULL; tried and failed: 0), each with the title the window shows. */
export function unmeasuredDocuments(db: Database): UnmeasuredDocument[] {
  const docs = db
    .prepare(`SELECT id AS documentId, sha256, title FROM documents WHERE kind = 'pdf' AND geometry IS NULL ORDER BY imported_at`)
    .all() as UnmeasuredDocument[];
  if (docs.length === 0) return docs;
  // Progress and failures name documents as the library does: two of one title are told apart.
  const shown = displayTitles(listDocuments(db));
  return docs.map((d) => ({ ...d, title: shown.get(d.documentId) ?? d.title }));
}

/** Re-measure one document; a failure is recorded on it, never thrown (a cancel is). */
export async function remeasureDocument(
  store: CaseStore,
  pool: WorkerPool,
  doc: UnmeasuredDocument,
  actor: string,
  signal?: AbortSignal,
): Promise<Remeasured> {
  let extracted: ExtractedDocument;
  try {
    extracted = await extractPdf(pool, doc.sha256, readShared(blobPath(store.dir, doc.sha256)), { password: null, signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    store.db.transaction(() => {
      store.db.prepare('UPDATE documents SET geometry = 0 WHERE id = ?').run(doc.documentId);
      appendAudit(store.db, {
        actor,
        action: 'document.remeasure',
        entity: 'document',
        entityId: doc.documentId,
        payload: { geometry: null, failure: reason },
      });
    })();
    return { documentId: doc.documentId, title: doc.title, pages: 0, pagesKept: 0, targets: 0, failure: reason };
  }
  return store.db.transaction(() => applyMeasurement(store.db, doc, extracted, actor))();
}

function applyMeasurement(db: Database, doc: UnmeasuredDocument, extracted: ExtractedDocument, actor: string): Remeasured {
  const stored = db.prepare('SELECT page_index AS page, text FROM pages WHERE document_id = ?').all(doc.documentId) as {
    page: number;
    text: string;
  }[];
  const fresh = new Map(extracted.pages.map((p) => [p.index, p]));
  const update = db.prepare('UPDATE pages SET items = ? WHERE document_id = ? AND page_index = ?');
  const measured = new Map<number, { text: string; layout: { items: number[][]; glyphs: (number[] | null)[] } }>();
  let kept = 0;
  for (const { page, text } of stored) {
    const p = fresh.get(page);
    // Offsets of highlights and search point into the stored text: only the same text may take new positions.
    if (!p || p.text !== text) {
      kept++;
      continue;
    }
    update.run(p.layout, doc.documentId, page);
    measured.set(page, { text, layout: JSON.parse(p.layout) as { items: number[][]; glyphs: (number[] | null)[] } });
  }
  const targets = db
    .prepare(
      `SELECT t.highlight_id AS highlightId, t.ordinal, t.page_index AS page, t.exact, t.start_offset AS start, t.end_offset AS end
       FROM highlight_targets t JOIN highlights h ON h.id = t.highlight_id WHERE h.document_id = ? AND t.area IS NULL`,
    )
    .all(doc.documentId) as { highlightId: string; ordinal: number; page: number; exact: string; start: number; end: number }[];
  const setRects = db.prepare('UPDATE highlight_targets SET rects = ? WHERE highlight_id = ? AND ordinal = ?');
  let recut = 0;
  for (const t of targets) {
    const m = measured.get(t.page);
    // A passage that drifted or vanished is left for anchoring to report; its boxes stay as they were.
    // (An area's box is the rectangle drawn, whatever the glyphs measure: areas are not selected above.)
    if (!m || m.text.slice(t.start, t.end) !== t.exact) continue;
    setRects.run(JSON.stringify(rectsForRange({ ...m.layout, text: m.text }, t.start, t.end)), t.highlightId, t.ordinal);
    recut++;
  }
  db.prepare('UPDATE documents SET geometry = ? WHERE id = ?').run(GEOMETRY_VERSION, doc.documentId);
  appendAudit(db, {
    actor,
    action: 'document.remeasure',
    entity: 'document',
    entityId: doc.documentId,
    payload: { geometry: GEOMETRY_VERSION, pages: measured.size, pagesKept: kept, targets: recut },
  });
  return { documentId: doc.documentId, title: doc.title, pages: measured.size, pagesKept: kept, targets: recut, failure: null };
}

/** Re-measure every document that needs it, in turn; told of each as it starts. */
export async function remeasureCase(
  store: CaseStore,
  pool: WorkerPool,
  actor: string,
  opts: {
    signal?: AbortSignal;
    onDocument?: (done: number, total: number, title: string) => void;
    onMeasured?: (r: Remeasured) => void;
  } = {},
): Promise<Remeasured[]> {
  if (store.readOnly) return [];
  const docs = unmeasuredDocuments(store.db);
  const out: Remeasured[] = [];
  for (const [i, doc] of docs.entries()) {
    if (opts.signal?.aborted) throw new ExhibitError('cancelled', 'Re-measuring was stopped');
    opts.onDocument?.(i, docs.length, doc.title);
    const r = await remeasureDocument(store, pool, doc, actor, opts.signal);
    opts.onMeasured?.(r);
    out.push(r);
  }
  return out;
}
