/**
 * Does a page have ink where the stamp would go? Each page of a source document is drawn,
 * only the stamp's box and at screen resolution, as the reader will see it (its /Rotate,
 * its crop box, its annotations' appearances). Any pixel visibly darker than white counts:
 * text, vector drawings, scanned images, a filled form field. Drawing finds what glyph
 * geometry alone would miss (a scanned page's margin notes, a logo, a rule).
 *
 * PDFium draws it: it skips every object outside the box, so a page costs about a
 * millisecond, where pdf.js, which draws the whole page into a small canvas, took fifteen
 * or more (measured on the benchmark's pages; drawing was most of a bundle's time).
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { breather } from '../jobs/breathe.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { heapOf, pdfium, type Pdfium } from '../pdfium/pdfium.ts';
import type { ShownRect } from './stamp.ts';

/** Drawing scale: 1.5 pixels a point (108 dpi), enough for a hairline or a 4-point footnote. */
const SCALE = 1.5;
/** A channel below this (of 255) is ink; lighter greys are paper tint or anti-aliasing haze. */
const INK = 235;
/** FPDF_RenderPageBitmap's flag to draw annotations' appearances too. */
const FPDF_ANNOT = 0x01;
const WHITE = 0xffffffff;

/** One page to look at: 0-based, the box in shown space (origin bottom-left, y up) on a sheet `height` points high. */
export interface InkCheck {
  page: number;
  box: ShownRect;
  height: number;
}

/** Whether the box of one loaded page holds ink. */
function boxHasInk(p: Pdfium, page: number, { box, height }: InkCheck): boolean {
  const heap = heapOf(p);
  const widthPx = Math.max(1, Math.ceil(box.width * SCALE));
  const heightPx = Math.max(1, Math.ceil(box.height * SCALE));
  const bitmap = p.FPDFBitmap_Create(widthPx, heightPx, 0);
  if (!bitmap) return true;
  try {
    p.FPDFBitmap_FillRect(bitmap, 0, 0, widthPx, heightPx, WHITE);
    // The whole page, as shown, placed so that the box falls on the bitmap: PDFium clips to it.
    const top = height - (box.y + box.height);
    const pageWidth = p.FPDF_GetPageWidthF(page);
    const pageHeight = p.FPDF_GetPageHeightF(page);
    p.FPDF_RenderPageBitmap(
      bitmap,
      page,
      Math.round(-box.x * SCALE),
      Math.round(-top * SCALE),
      Math.round(pageWidth * SCALE),
      Math.round(pageHeight * SCALE),
      0,
      FPDF_ANNOT,
    );
    const at = p.FPDFBitmap_GetBuffer(bitmap);
    const stride = p.FPDFBitmap_GetStride(bitmap);
    for (let row = 0; row < heightPx; row++) {
      const line = heap.HEAPU8.subarray(at + row * stride, at + row * stride + widthPx * 4);
      for (let i = 0; i < line.length; i += 4) if (line[i]! < INK || line[i + 1]! < INK || line[i + 2]! < INK) return true;
    }
    return false;
  } finally {
    p.FPDFBitmap_Destroy(bitmap);
  }
}

/**
 * Whether each page checked has ink in its box. A page that cannot be loaded counts as
 * inked: its sheet is grown rather than risk a stamp over something unseen. `onPage` hears
 * each page done; cancelled with `signal`.
 */
export async function inkChecks(
  bytes: Uint8Array,
  checks: InkCheck[],
  opts: { signal?: AbortSignal | undefined; onPage?: () => void } = {},
): Promise<boolean[]> {
  if (checks.length === 0) return [];
  const p = await pdfium();
  const heap = heapOf(p);
  const ptr = heap.wasmExports.malloc(bytes.byteLength);
  if (!ptr) throw new ExhibitError('internal', `PDFium could not take a PDF of ${bytes.byteLength} bytes into its memory`);
  try {
    heap.HEAPU8.set(bytes, ptr);
    const doc = p.FPDF_LoadMemDocument(ptr, bytes.byteLength, '');
    // A source PDF pdf-lib has already read, but PDFium cannot: no page can be shown clear.
    if (!doc) return checks.map(() => true);
    try {
      const breathe = breather();
      const found: boolean[] = [];
      for (const check of checks) {
        await breathe();
        throwIfCancelled(opts.signal);
        const page = p.FPDF_LoadPage(doc, check.page);
        if (!page) found.push(true);
        else {
          try {
            found.push(boxHasInk(p, page, check));
          } finally {
            p.FPDF_ClosePage(page);
          }
        }
        opts.onPage?.();
      }
      return found;
    } finally {
      p.FPDF_CloseDocument(doc);
    }
  } finally {
    heap.wasmExports.free(ptr);
  }
}
