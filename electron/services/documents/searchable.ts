/**
 * A document's pages as a PDF that any reader can search: an image document's pages made
 * into a PDF at the image's own resolution (report/rendition/image-pdf.ts), and where
 * pages were read with OCR, the words read drawn over them as an invisible text layer
 * (report/text-layer.ts). The viewer's copy (viewable.ts) and a court bundle's source
 * (court/sources.ts) are both made here, so the two always show the same pages.
 */
import type { OcrPage } from '../../../shared/ocr.ts';
import { imageToPdf } from '../report/rendition/image-pdf.ts';
import { textLayerPdf } from '../report/text-layer.ts';

export interface SearchableInput {
  /** The original's bytes (an unencrypted PDF, or an image); never written to. */
  bytes: Uint8Array;
  kind: 'pdf' | 'image';
  /** The original's file name, which an image's PDF takes as its title and its errors name. */
  fileName: string;
  /** What OCR read off each page (0-based page index -> reading); empty when none was. */
  readings: ReadonlyMap<number, OcrPage>;
  signal?: AbortSignal | undefined;
}

/**
 * The PDF: for a PDF without readings, its own bytes unchanged. An encrypted PDF with
 * readings is refused ('unsupported-file', from textLayerPdf): decrypt it first.
 */
export async function searchablePdf(input: SearchableInput): Promise<Uint8Array> {
  let pdf = input.bytes;
  if (input.kind === 'image')
    pdf = (await imageToPdf(input.bytes, { fileName: input.fileName, ...(input.signal ? { signal: input.signal } : {}) })).pdf;
  if (input.readings.size > 0) pdf = await textLayerPdf(pdf, input.readings, { signal: input.signal });
  return pdf;
}
