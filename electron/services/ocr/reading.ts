/**
 * A page's OCR reading as the viewer draws it over the image for a reviewer to judge: each
 * word with its box and confidence. The reading is stored as the engine measured the page
 * (queue.ts); its boxes are scaled here onto the page as stored, the page the viewer shows,
 * exactly as its text layer was laid (page-layout.ts), so the words drawn sit on the words
 * the reviewer selects.
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { OcrPageReading } from '../../../shared/ipc/contract.ts';
import type { OcrPage } from '../../../shared/ocr.ts';
import { pageFrame } from '../report/text-layer/geometry.ts';
import type { StoredFrame } from './page-layout.ts';

const r2 = (n: number) => Math.round(n * 100) / 100;

/** The reading of page `page` (1-based) of a document, or null when that page was never read with OCR. */
export function pageReading(db: Database, documentId: string, page: number): OcrPageReading | null {
  const stored = db
    .prepare('SELECT rotation, items FROM pages WHERE document_id = ? AND page_index = ?')
    .get(documentId, page - 1) as { rotation: number; items: string } | undefined;
  if (!stored) throw new ExhibitError('not-found', `The document has no page ${page}`, `${documentId}#${page}`);
  const row = db
    .prepare(
      `SELECT result, confidence FROM ocr_pages
       WHERE document_id = ? AND page_index = ? AND state = 'done' AND result IS NOT NULL`,
    )
    .get(documentId, page - 1) as { result: string; confidence: number } | undefined;
  if (!row) return null;
  const read = JSON.parse(row.result) as OcrPage;
  const { view } = JSON.parse(stored.items) as { view: StoredFrame['view'] };
  const frame = pageFrame(view, null, stored.rotation);
  const sx = read.width > 0 ? frame.width / read.width : 1;
  const sy = read.height > 0 ? frame.height / read.height : 1;
  return {
    documentId,
    page,
    width: r2(frame.width),
    height: r2(frame.height),
    orientation: read.orientation,
    words: read.lines.flat().map((w) => ({
      text: w.text,
      box: { x: r2(w.x * sx), y: r2(w.y * sy), width: r2(w.width * sx), height: r2(w.height * sy) },
      confidence: Math.round(w.confidence * 10) / 10,
    })),
    confidence: row.confidence,
    languages: read.languages,
    engine: read.engine,
  };
}
