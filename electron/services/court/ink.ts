/**
 * Does a page have ink where the stamp would go? Each page of a source document is drawn by
 * pdf.js on @napi-rs/canvas, only the stamp's box and at screen resolution, as the reader
 * will see it (its /Rotate, its boxes, its annotations' appearances). Any pixel visibly
 * darker than white counts: text, vector drawings, scanned images, a filled form field.
 * Drawing finds what glyph geometry alone would miss (a scanned page's margin notes, a
 * logo, a rule), at a few milliseconds a page.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf, type OpenedPdf } from '../ingest/pdf-extract.ts';
import type { ShownRect } from './stamp.ts';

/** Drawing scale: 1.5 pixels a point (108 dpi), enough for a hairline or a 4-point footnote. */
const SCALE = 1.5;
/** A channel below this (of 255) is ink; lighter greys are paper tint or anti-aliasing haze. */
const INK = 235;

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the module's type, for a lazy import
type Canvas = typeof import('@napi-rs/canvas');
let canvasLib: Promise<Canvas> | null = null;

export interface InkReader {
  /** Whether the page (0-based) has ink in `box` (shown space: origin bottom-left, y up) on a sheet `height` points high. */
  hasInk(pageIndex: number, box: ShownRect, height: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Open a source PDF (unencrypted bytes) to look for ink on its pages. */
export async function inkReader(bytes: Uint8Array): Promise<InkReader> {
  canvasLib ??= import('@napi-rs/canvas') as Promise<Canvas>;
  const lib = await canvasLib;
  // pdf.js may take ownership of the buffer: the builder keeps its own bytes for pdf-lib.
  const opened: OpenedPdf = await openPdf(new Uint8Array(bytes), null, true);
  return {
    async hasInk(pageIndex, box, height) {
      const page = await opened.doc.getPage(pageIndex + 1);
      try {
        const widthPx = Math.max(1, Math.ceil(box.width * SCALE));
        const heightPx = Math.max(1, Math.ceil(box.height * SCALE));
        // pdf.js's viewport is y down from the shown top-left corner: shift it so the box is the canvas.
        const top = height - (box.y + box.height);
        const viewport = page.getViewport({ scale: SCALE, offsetX: -box.x * SCALE, offsetY: -top * SCALE });
        const canvas = lib.createCanvas(widthPx, heightPx);
        await page.render({
          canvas: canvas as unknown as Parameters<PDFPageProxy['render']>[0]['canvas'],
          viewport,
          background: 'white',
        }).promise;
        const data = canvas.getContext('2d').getImageData(0, 0, widthPx, heightPx).data;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < INK || data[i + 1]! < INK || data[i + 2]! < INK) return true;
        return false;
      } finally {
        page.cleanup();
      }
    },
    close: () => opened.destroy(),
  };
}
