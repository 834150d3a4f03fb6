/**
 * What the viewer is given for a document: the original itself for a PDF or a text, and
 * for an image (PNG, JPEG, TIFF) a PDF of its pages made from the image at its own
 * resolution (bundle/rendition/image-pdf.ts), so one viewer shows every kind. Both hosts
 * (Electron's app:// protocol and the test server) serve what this returns.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { imageToPdf } from '../bundle/rendition/image-pdf.ts';
import { originalFile } from './documents.ts';

export type Viewable =
  { kind: 'file'; path: string; size: number; type: string } | { kind: 'bytes'; bytes: Uint8Array; type: string };

export async function viewable(caseDir: string, db: Database, documentId: string): Promise<Viewable> {
  const found = originalFile(caseDir, db, documentId);
  if (found.kind === 'image') {
    const fileName = db.prepare('SELECT file_name FROM documents WHERE id = ?').pluck().get(documentId) as string;
    const { pdf } = await imageToPdf(new Uint8Array(fs.readFileSync(found.path)), { fileName });
    return { kind: 'bytes', bytes: pdf, type: 'application/pdf' };
  }
  const type = found.kind === 'pdf' ? 'application/pdf' : 'text/plain; charset=utf-8';
  return { kind: 'file', path: found.path, size: found.size, type };
}
