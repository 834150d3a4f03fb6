/**
 * PDF text extraction with pdf.js, as run inside an extraction worker. pdf.js gets no
 * eval, no XFA and no scripts (SAFE_PDF_OPTIONS), and no fonts loaded into the page;
 * every page is cleaned up once read.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { SAFE_PDF_OPTIONS } from '../../../shared/pdfjs-options.ts';
import type { ExtractedPage, OpenResult } from './extracted.ts';
import { logicalOrder, splitLines } from './reading-order.ts';
import { boxMetrics, GEOMETRY_VERSION, glyphExtents } from '../geometry/page-glyphs.ts';

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the module's type, for a lazy import
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/**
 * pdf.js is imported once per worker. Its parsing half (pdf.worker.mjs, which runs in this same
 * thread under Node) is imported alongside, so a worker started ahead of its first document has
 * loaded it by then instead of pdf.js fetching it lazily inside the first getDocument.
 */
export const loadPdfJs = (): Promise<PdfJs> =>
  (pdfjs ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    // No type declarations ship for this file and only its loading matters here.
    import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string),
  ]).then(([lib]) => lib));

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export class ExtractError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface OpenedPdf {
  doc: PDFDocumentProxy;
  /** Frees everything pdf.js holds for the document. */
  destroy(): Promise<void>;
}

/**
 * Open a document; maps pdf.js's password and structure errors to our codes. Extraction
 * skips images; `forDrawing` opens it to be drawn (a scanned page for OCR), images and all.
 */
export async function openPdf(data: Uint8Array, password: string | null, forDrawing = false): Promise<OpenedPdf> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    data,
    password: password ?? undefined,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
    verbosity: 0,
    // Extraction reads text and glyph positions only: images are skipped, never decoded.
    ...(forDrawing ? {} : { maxImageSize: 0 }),
    ...SAFE_PDF_OPTIONS,
  });
  try {
    const doc = await task.promise;
    return { doc, destroy: () => task.destroy() };
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as { name?: string; code?: number; message?: string };
    if (e.name === 'PasswordException') {
      if (e.code === 2) throw new ExtractError('password-incorrect', 'the password is not correct for this encrypted PDF');
      throw new ExtractError('password-required', 'this PDF is encrypted and needs a password');
    }
    if (e.name === 'InvalidPDFException')
      throw new ExtractError('invalid-pdf', `not a valid PDF (${e.message ?? 'unreadable structure'})`);
    throw new ExtractError('invalid-pdf', `the PDF could not be read (${e.message ?? String(err)})`);
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Document-level facts: page count, metadata, page labels. */
export async function describePdf(doc: PDFDocumentProxy): Promise<OpenResult> {
  const lib = await loadPdfJs();
  const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
  const date = (v: unknown) => {
    const s = str(v);
    if (!s) return null;
    return lib.PDFDateString.toDateObject(s)?.toISOString() ?? s;
  };
  const labels = await doc.getPageLabels().catch(() => null);
  return {
    pageCount: doc.numPages,
    metadata: {
      title: str(info.Title),
      author: str(info.Author),
      subject: str(info.Subject),
      keywords: str(info.Keywords),
      creator: str(info.Creator),
      producer: str(info.Producer),
      created: date(info.CreationDate),
      modified: date(info.ModDate),
      pdfVersion: str(info.PDFFormatVersion),
      encrypted: Boolean(info.EncryptFilterName),
    },
    pageLabels: labels,
    version: `pdfjs-dist ${lib.version}`,
  };
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The font's ascent and descent as fractions of the font size, as pdf.js reads them from
 * the font (poppler and MuPDF measure with the same values for embedded fonts); the usual
 * 0.8 / -0.2 when the font says nothing sensible.
 */
function verticalMetrics(style: { ascent?: number; descent?: number } | undefined, fromBox: () => [number, number] | null) {
  const ascent = style?.ascent ?? 0;
  const descent = style?.descent ?? 0;
  const stated = Number.isFinite(ascent) && ascent > 0 && ascent <= 2;
  // Type 3 fonts state no ascent: their bounding box says how tall the glyphs are.
  const box = stated ? null : fromBox();
  return [
    r2(stated ? ascent : (box?.[0] ?? 0.8)),
    r2(stated && Number.isFinite(descent) && descent < 0 && descent >= -1 ? descent : (box?.[1] ?? -0.2)),
  ];
}

/** Extract pages [from, to) — text, item positions, size and rotation. */
export async function extractPages(doc: PDFDocumentProxy, from: number, to: number): Promise<ExtractedPage[]> {
  const out: ExtractedPage[] = [];
  for (let i = from; i < to; i++) {
    const page = await doc.getPage(i + 1);
    try {
      // Text is kept as the PDF has it (ligatures, presentation forms); search folds it.
      const content = await page.getTextContent({ disableNormalization: true });
      let text = '';
      const items: number[][] = [];
      const glyphs: (number[] | null)[] = [];
      const runs = content.items.filter((item): item is TextItem => 'str' in item);
      // Measured on pdf.js's own order of items, before lines are put in reading order. A page
      // whose drawing cannot be followed keeps its text; its boxes are then spread per item.
      const extents = await glyphExtents(page, await loadPdfJs(), runs).catch(() => new Map<TextItem, number[]>());
      for (const line of splitLines(runs)) {
        for (const item of logicalOrder(line)) {
          if (item.str.length === 0) continue;
          items.push([
            text.length,
            item.str.length,
            ...item.transform.map(r2),
            r2(item.width),
            r2(item.height),
            ...verticalMetrics(content.styles[item.fontName], () => boxMetrics(page, item.fontName)),
          ]);
          glyphs.push(extents.get(item) ?? null);
          text += item.str;
        }
        if (line.at(-1)?.hasEOL) text += '\n';
      }
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      out.push({
        index: i,
        label: null,
        width: r2(x1 - x0),
        height: r2(y1 - y0),
        rotation: page.rotate,
        text,
        layout: JSON.stringify({ view: page.view.map(r2), items, glyphs, geometry: GEOMETRY_VERSION }),
      });
    } finally {
      page.cleanup();
    }
  }
  return out;
}
