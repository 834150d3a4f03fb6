/**
 * One PDF page drawn to a PNG for OCR, by pdf.js on @napi-rs/canvas (Skia). The page is
 * drawn as displayed (its /Rotate applied) on white, so the words OCR finds are placed in
 * the displayed page's space, as shared/ocr.ts asks. Areas of a page are drawn the same
 * way, each to a PNG of its own, for the pictures of area highlights in reports.
 *
 * Rendering needs the canvas package that the extraction workers keep out
 * (ingest/no-canvas.ts): it runs in a thread of its own kind (an OCR or render worker, or
 * the main process for a test) where keepCanvasOut() was never called.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { ExhibitError, type ErrorCode } from '../../../shared/errors.ts';
import { ExtractError, openPdf, type OpenedPdf } from '../ingest/pdf-extract.ts';
import { MAX_SIDE_PX } from './image-size.ts';

export interface RenderOptions {
  /** Resolution to draw at; lowered when the page would exceed MAX_SIDE_PX on a side. Default 300. */
  dpi?: number;
  password?: string;
}

export interface RenderedPage {
  png: Uint8Array;
  /** The page's size as displayed, in points. */
  widthPt: number;
  heightPt: number;
  /** The resolution actually drawn at. */
  dpi: number;
}

/** Below this a page is too large to read: its letters would be a few pixels high. */
const MIN_DPI = 72;

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the module's type, for a lazy import
type Canvas = typeof import('@napi-rs/canvas');

async function loadCanvas(): Promise<Canvas> {
  let canvas: Partial<Canvas>;
  try {
    canvas = (await import('@napi-rs/canvas')) as Partial<Canvas>;
  } catch (err) {
    throw new Error(`pages cannot be drawn: @napi-rs/canvas did not load (${(err as Error).message})`, {
      cause: err,
    });
  }
  // The extraction workers' stand-in (no-canvas.ts) has no createCanvas.
  if (typeof canvas.createCanvas !== 'function')
    throw new Error('pages cannot be drawn in a thread that keeps the canvas out (keepCanvasOut)');
  return canvas as Canvas;
}

/** The document opened to be drawn, its errors as the engine's own (password, damaged file). */
async function open(pdfBytes: Uint8Array, password: string | undefined): Promise<OpenedPdf> {
  try {
    // pdf.js may take ownership of the buffer it is given; the caller keeps its bytes.
    return await openPdf(new Uint8Array(pdfBytes), password ?? null, true);
  } catch (err) {
    if (err instanceof ExtractError) throw new ExhibitError(err.code as ErrorCode, err.message);
    throw err;
  }
}

/** The resolution to draw a page at: the one asked for, lowered so neither side exceeds MAX_SIDE_PX. */
export function renderDpi(widthPt: number, heightPt: number, asked: number): number {
  const fit = Math.floor((MAX_SIDE_PX * 72) / Math.max(widthPt, heightPt));
  return Math.min(asked, fit);
}

/** Draw page `pageIndex` (0-based) of a PDF to a PNG, at `dpi` (default 300). */
export async function renderPdfPage(pdfBytes: Uint8Array, pageIndex: number, opts: RenderOptions = {}): Promise<RenderedPage> {
  const canvasLib = await loadCanvas();
  const { doc, destroy } = await open(pdfBytes, opts.password);
  try {
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.numPages)
      throw new ExhibitError('invalid-args', `the PDF has no page ${pageIndex + 1} (it has ${doc.numPages})`);
    const page = await doc.getPage(pageIndex + 1);
    try {
      const base = page.getViewport({ scale: 1 });
      const dpi = renderDpi(base.width, base.height, opts.dpi ?? 300);
      if (dpi < MIN_DPI)
        throw new ExhibitError(
          'unsupported-file',
          `page ${pageIndex + 1} is ${Math.round(base.width)} x ${Math.round(base.height)} points, too large to read as one image`,
        );
      const viewport = page.getViewport({ scale: dpi / 72 });
      // Whole pixels covering the page; a rounding error of the scale must not add a row.
      const canvas = canvasLib.createCanvas(Math.ceil(viewport.width - 0.01), Math.ceil(viewport.height - 0.01));
      await page.render({
        // The Skia canvas stands in for a DOM canvas, as pdf.js does itself under Node.
        canvas: canvas as unknown as Parameters<PDFPageProxy['render']>[0]['canvas'],
        viewport,
        background: 'white',
      }).promise;
      const png = new Uint8Array(await canvas.encode('png'));
      return { png, widthPt: base.width, heightPt: base.height, dpi };
    } finally {
      page.cleanup();
    }
  } finally {
    await destroy().catch(() => undefined);
  }
}

/** A rectangle of a page as displayed: points from its top-left corner, y down (shared/ocr.ts's space). */
export interface PageRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedRegion {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

/**
 * Draw regions of page `pageIndex` (0-based) of a PDF, each to a PNG of its own at `dpi`
 * (lowered for a region that would exceed MAX_SIDE_PX on a side). The document is opened
 * once for them all.
 */
export async function renderPdfRegions(
  pdfBytes: Uint8Array,
  pageIndex: number,
  regions: readonly PageRegion[],
  opts: { dpi: number; password?: string },
): Promise<RenderedRegion[]> {
  const canvasLib = await loadCanvas();
  const { doc, destroy } = await open(pdfBytes, opts.password);
  try {
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.numPages)
      throw new ExhibitError('invalid-args', `the PDF has no page ${pageIndex + 1} (it has ${doc.numPages})`);
    const page = await doc.getPage(pageIndex + 1);
    try {
      const out: RenderedRegion[] = [];
      for (const r of regions) {
        const scale = renderDpi(r.width, r.height, opts.dpi) / 72;
        const widthPx = Math.max(1, Math.round(r.width * scale));
        const heightPx = Math.max(1, Math.round(r.height * scale));
        // The whole page's viewport shifted so the region's top-left corner is the canvas's origin.
        const viewport = page.getViewport({ scale, offsetX: -r.x * scale, offsetY: -r.y * scale });
        const canvas = canvasLib.createCanvas(widthPx, heightPx);
        await page.render({
          canvas: canvas as unknown as Parameters<PDFPageProxy['render']>[0]['canvas'],
          viewport,
          background: 'white',
        }).promise;
        out.push({ png: new Uint8Array(await canvas.encode('png')), widthPx, heightPx });
      }
      return out;
    } finally {
      page.cleanup();
    }
  } finally {
    await destroy().catch(() => undefined);
  }
}
