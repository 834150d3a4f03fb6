/**
 * Entry point of a text-recognition worker thread (the pool's 'ocr' lane). It draws a PDF
 * page (or decodes a page of an image file) and reads it with the engine it keeps warm for
 * the languages asked; or it draws areas of a page to pictures for a report (the engine is
 * then never loaded). Unlike the extraction workers it needs the canvas package: it is a
 * lane of its own so that extraction workers never load it.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { ExhibitError } from '../../../shared/errors.ts';
import type { OcrPage } from '../../../shared/ocr.ts';
import { describeImage } from '../ingest/image/describe.ts';
import { pageImagePng } from '../ingest/image/page.ts';
import { drawPageAreas } from '../ocr/areas.ts';
import { closeOcr, recognise, renderPdfPage } from '../ocr/index.ts';
import type { WorkerRequest, WorkerResponse } from './tasks.ts';

type OcrTask = Extract<WorkerRequest, { type: 'ocr' }>;
type AreasTask = Extract<WorkerRequest, { type: 'areas' }>;

// One page at a time per worker, and no image cache kept between pages: memory follows the page.
sharp.cache(false);
sharp.concurrency(1);

async function readPage(req: OcrTask): Promise<OcrPage> {
  const bytes = new Uint8Array(req.data);
  const engine = { languages: req.languages, dataDirs: req.dataDirs };
  if (req.source === 'pdf') {
    const drawn = await renderPdfPage(bytes, req.page, { dpi: req.dpi, password: req.password ?? undefined });
    return recognise(drawn.png, { ...engine, widthPt: drawn.widthPt, heightPt: drawn.heightPt, dpi: drawn.dpi });
  }
  const fileName = req.key;
  const facts = (await describeImage(bytes, { fileName, checkPixels: false })).pages[req.page];
  if (!facts) throw new ExhibitError('invalid-args', `${fileName}: there is no page ${req.page + 1}`, fileName);
  const image = await pageImagePng(bytes, req.page, { fileName });
  // The pixels as they are: points per pixel come from the page's own resolution.
  const dpi = (image.widthPx / facts.widthPt) * 72;
  return recognise(image.png, { ...engine, widthPt: facts.widthPt, heightPt: facts.heightPt, dpi });
}

async function handle(req: OcrTask | AreasTask): Promise<WorkerResponse> {
  try {
    // The image file's name comes as the task's key (as for reading), for its messages.
    const value = req.type === 'areas' ? await drawPageAreas(new Uint8Array(req.data), req.key, req) : await readPage(req);
    return { taskId: req.taskId, ok: true, value };
  } catch (err) {
    if (err instanceof ExhibitError)
      return { taskId: req.taskId, ok: false, code: err.code, message: err.message, subject: err.subject };
    const detail = err instanceof Error ? err.message : String(err);
    const what = req.type === 'areas' ? 'drawn' : 'read';
    return { taskId: req.taskId, ok: false, code: 'ocr-crash', message: `page ${req.page + 1} could not be ${what} (${detail})` };
  }
}

const port = parentPort;
if (!port) throw new Error('ocr-worker must run as a worker thread');
// As in the extraction workers: pdf.js may leave promises of a damaged file rejected with
// nobody listening; what matters reaches the task through the promise it awaits.
process.on('unhandledRejection', () => undefined);
port.on('message', (req: OcrTask | AreasTask) => {
  void handle(req).then((res) => port.postMessage(res));
});
port.on('close', () => void closeOcr());
