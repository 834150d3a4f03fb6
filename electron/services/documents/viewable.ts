/**
 * What the viewer is given for a document: the original itself for a PDF or a text; for an
 * image (PNG, JPEG, TIFF) a PDF of its pages made from the image at its own resolution
 * (bundle/rendition/image-pdf.ts), so one viewer shows every kind; and where pages were
 * read with OCR, a copy carrying the words read as an invisible text layer over the page
 * images (bundle/text-layer.ts), so they can be selected and highlighted like typed text.
 * The original is never changed. Both hosts (Electron's app:// protocol and the test
 * server) serve what this returns.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { imageToPdf } from '../bundle/rendition/image-pdf.ts';
import { textLayerPdf } from '../bundle/text-layer.ts';
import { ocrReadings } from '../ocr/queue.ts';
import { originalFile } from './documents.ts';

export type Viewable =
  { kind: 'file'; path: string; size: number; type: string } | { kind: 'bytes'; bytes: Uint8Array; type: string };

export async function viewable(caseDir: string, db: Database, documentId: string): Promise<Viewable> {
  const found = originalFile(caseDir, db, documentId);
  if (found.kind === 'text') return { kind: 'file', path: found.path, size: found.size, type: 'text/plain; charset=utf-8' };
  const readings = ocrReadings(db, documentId);
  if (found.kind === 'pdf' && readings.size === 0)
    return { kind: 'file', path: found.path, size: found.size, type: 'application/pdf' };
  const original = new Uint8Array(fs.readFileSync(found.path));
  let pdf: Uint8Array = original;
  if (found.kind === 'image') {
    const fileName = db.prepare('SELECT file_name FROM documents WHERE id = ?').pluck().get(documentId) as string;
    pdf = (await imageToPdf(original, { fileName })).pdf;
  }
  if (readings.size > 0) {
    try {
      pdf = await textLayerPdf(pdf, readings);
    } catch {
      // An encrypted scan cannot be rewritten: the viewer shows it as it is, the words still searchable in the case.
    }
  }
  return { kind: 'bytes', bytes: pdf, type: 'application/pdf' };
}
