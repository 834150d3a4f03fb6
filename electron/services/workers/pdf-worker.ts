/**
 * Entry point of an extraction worker thread. It keeps the document it last opened,
 * so consecutive page ranges of one file are parsed once.
 */
import { parentPort } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { ExtractError, describePdf, extractPages, loadPdfJs, openPdf, type OpenedPdf } from '../ingest/pdf-extract.ts';
import type { WorkerRequest, WorkerResponse } from './tasks.ts';

type ExtractRequest = Extract<WorkerRequest, { type: 'open' | 'pages' }>;
import { keepCanvasOut } from '../ingest/no-canvas.ts';

let current: { key: string; pdf: OpenedPdf } | null = null;

async function documentFor(req: ExtractRequest): Promise<PDFDocumentProxy> {
  if (current?.key === req.key) return current.pdf.doc;
  if (current) await current.pdf.destroy().catch(() => undefined);
  current = null;
  // pdf.js may take ownership of the buffer it is given, so it gets a private copy.
  const pdf = await openPdf(new Uint8Array(req.data).slice(), req.password);
  current = { key: req.key, pdf };
  return pdf.doc;
}

async function handle(req: ExtractRequest): Promise<WorkerResponse> {
  try {
    const doc = await documentFor(req);
    if (req.type === 'open') return { taskId: req.taskId, ok: true, value: await describePdf(doc) };
    const value = await extractPages(doc, req.from, req.to);
    // pdf.js keeps, per font, the glyphs of every distinct string it has shown (and every page
    // object) until cleanup: ~50 KB a page of the bench's text PDF, growing with the document
    // towards the worker's memory cap. Dropping the caches after each range costs a font reload
    // per range, which measured as noise, and the extracted text is identical (checked over the
    // pdf.js corpus). A failed cleanup costs only memory, so it does not fail the range.
    await doc.cleanup().catch(() => undefined);
    return { taskId: req.taskId, ok: true, value };
  } catch (err) {
    const code = err instanceof ExtractError ? err.code : 'invalid-pdf';
    const detail = err instanceof Error ? err.message : String(err);
    // pdf.js's own words ("End of file inside array.") say little to a reviewer alone.
    const message = err instanceof ExtractError ? detail : `the PDF could not be read (${detail})`;
    return { taskId: req.taskId, ok: false, code, message };
  }
}

const port = parentPort;
if (!port) throw new Error('pdf-worker must run as a worker thread');
// On a damaged file pdf.js leaves some of its own promises rejected with nobody listening
// (a bad xref entry met while it reads fonts for a page, say), and still extracts the page.
// Left to Node's default, each one would stop the worker: that file fails as "crashed",
// and so does whatever task the worker runs when the rejection surfaces, another file's
// perhaps. Failures that matter reach the task through the promise it awaits; a task that
// is left waiting ends at its time budget.
process.on('unhandledRejection', () => undefined);
keepCanvasOut();
void loadPdfJs();
port.on('message', (req: ExtractRequest) => {
  void handle(req).then((res) => port.postMessage(res));
});
