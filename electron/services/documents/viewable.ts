/**
 * What the viewer is given for a document: the original itself for a PDF or a text; for an
 * image (PNG, JPEG, TIFF) a PDF of its pages made from the image at its own resolution, so
 * one viewer shows every kind; and where pages were read with OCR, a copy carrying the
 * words read as an invisible text layer over the page images, so they can be selected and
 * highlighted like typed text. Both copies are made by searchable.ts (as court bundles'
 * are) and kept in the case's cache.
 * The original is never changed. Both hosts (Electron's app:// protocol and the test
 * server) serve what this returns.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { ocrReadings } from '../ocr/queue.ts';
import { originalFile } from './documents.ts';
import { searchablePdf } from './searchable.ts';

export type Viewable =
  { kind: 'file'; path: string; size: number; type: string } | { kind: 'bytes'; bytes: Uint8Array; type: string };

/**
 * Bump when what goes into a viewer copy changes (the text layer's form, the image-to-PDF
 * conversion): copies made before are then made again rather than served.
 */
const COPY_VERSION = 1;

/** Where a document's viewer copy is kept: made once per state of its readings, not on every open. */
export const viewerCacheDir = (caseDir: string) => path.join(caseDir, 'cache', 'viewer');

/**
 * What the copy is made from: the original (by its SHA-256) and each page read (when it
 * was last stored). A page read again changes it, so a stale copy is never served.
 */
function copyKey(db: Database, documentId: string): string {
  const sha = db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(documentId) as string;
  const pages = db
    .prepare(`SELECT page_index, updated_at FROM ocr_pages WHERE document_id = ? AND state = 'done' ORDER BY page_index`)
    .all(documentId) as { page_index: number; updated_at: string }[];
  const hash = createHash('sha256').update(`${COPY_VERSION}\n${sha}\n`);
  for (const p of pages) hash.update(`${p.page_index} ${p.updated_at}\n`);
  return hash.digest('hex').slice(0, 32);
}

export async function viewable(
  caseDir: string,
  db: Database,
  documentId: string,
  opts: { signal?: AbortSignal | undefined } = {},
): Promise<Viewable> {
  const found = originalFile(caseDir, db, documentId);
  if (found.kind === 'text') return { kind: 'file', path: found.path, size: found.size, type: 'text/plain; charset=utf-8' };
  const read = db
    .prepare(`SELECT count(*) FROM ocr_pages WHERE document_id = ? AND state = 'done' AND result IS NOT NULL`)
    .pluck()
    .get(documentId) as number;
  if (found.kind === 'pdf' && read === 0) return { kind: 'file', path: found.path, size: found.size, type: 'application/pdf' };

  const dir = viewerCacheDir(caseDir);
  const cached = path.join(dir, `${documentId}-${copyKey(db, documentId)}.pdf`);
  if (fs.existsSync(cached)) return { kind: 'file', path: cached, size: fs.statSync(cached).size, type: 'application/pdf' };

  const readings = ocrReadings(db, documentId);
  const original = new Uint8Array(fs.readFileSync(found.path));
  const fileName = db.prepare('SELECT file_name FROM documents WHERE id = ?').pluck().get(documentId) as string;
  let pdf: Uint8Array;
  try {
    pdf = await searchablePdf({ bytes: original, kind: found.kind, fileName, readings, signal: opts.signal });
  } catch (err) {
    // An encrypted scan cannot be rewritten by pdf-lib, nor can one pdf-lib fails to parse: the
    // viewer shows it as it is (pdf.js asks for a password, or repairs it), the words still
    // searchable in the case. Decrypted pages are never kept on disk; nothing is kept, so a
    // later open tries again.
    if (found.kind === 'pdf' && !(err instanceof ExhibitError && err.code === 'cancelled'))
      return { kind: 'file', path: found.path, size: found.size, type: 'application/pdf' };
    throw err;
  }
  keepCopy(dir, documentId, cached, pdf);
  return { kind: 'bytes', bytes: pdf, type: 'application/pdf' };
}

/**
 * Keep the copy for the next open, replacing older copies of the document. Written under a
 * temporary name and renamed, so a copy cut short by a crash is never served. A cache that
 * cannot be written costs only the time to make the copy again.
 */
function keepCopy(dir: string, documentId: string, file: string, bytes: Uint8Array): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const old of fs.readdirSync(dir)) if (old.startsWith(`${documentId}-`)) fs.rmSync(path.join(dir, old), { force: true });
    const tmp = `${file}.partial-${process.pid}`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch {
    // Served from memory this time; made again next time.
  }
}
