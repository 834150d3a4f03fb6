/**
 * The PDF rendition of an image document: one PDF page per image page, each exactly the
 * image's size on paper (its pixels at its own resolution, see describeImage), showing the
 * image as displayed at full resolution with nothing resampled. A JPEG is carried into the
 * PDF byte for byte (PDF reads JPEG natively), turned by the page's drawing matrix when
 * its EXIF orientation says so; other pages are stored losslessly (two-tone pages at
 * 1 bit). The page's user space is the displayed page — origin bottom-left, no /Rotate —
 * so a text layer drawn later from OCR words (top-left origin, y down) needs only y flipped.
 *
 * Pages are decoded one at a time; the PDF being built holds each page's compressed data,
 * about the size of the original file.
 */
import sharp from 'sharp';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, type PDFRef } from 'pdf-lib';
import { ExhibitError } from '../../../../shared/errors.ts';
import { decodeOptions, describeImage, pageFailure, type ImageDescription } from '../../ingest/image/describe.ts';
import { decodePage } from '../../ingest/image/page.ts';
import { bilevelImage, orientedMatrix, pngImage } from './image-streams.ts';

export interface ImagePdfOptions {
  fileName: string;
  signal?: AbortSignal;
  /** Called after each page is added, with the number done so far. */
  onPage?(done: number, total: number): void;
}

export interface ImagePdf {
  pdf: Uint8Array;
  /** Each PDF page's size in points, in order; the same as the description's pages. */
  pages: { widthPt: number; heightPt: number }[];
  description: ImageDescription;
}

/** Make the PDF rendition of an image file (PNG, JPEG or TIFF). */
export async function imageToPdf(bytes: Uint8Array, opts: ImagePdfOptions): Promise<ImagePdf> {
  const description = await describeImage(bytes, { fileName: opts.fileName, checkPixels: false });
  // No creation or modification date: the same image always gives the same PDF.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(opts.fileName);
  doc.setProducer('Exhibit');
  const total = description.pages.length;
  for (let i = 0; i < total; i++) {
    if (opts.signal?.aborted)
      throw new ExhibitError('cancelled', `${opts.fileName}: making the PDF was cancelled`, opts.fileName);
    const { widthPt, heightPt, orientation } = description.pages[i]!;
    let image: PDFRef;
    let matrix: ReturnType<typeof orientedMatrix>;
    try {
      if (description.format === 'jpeg') {
        // The JPEG goes in as it is, so prove its data whole first (stats() decodes it, keeping no pixels).
        await sharp(bytes, decodeOptions(0)).stats();
        image = (await doc.embedJpg(bytes)).ref;
        matrix = orientedMatrix(orientation, widthPt, heightPt);
      } else {
        image = await losslessPage(doc, bytes, description, i);
        matrix = orientedMatrix(1, widthPt, heightPt);
      }
    } catch (err) {
      throw pageFailure(description, i, err);
    }
    const page = doc.addPage([widthPt, heightPt]);
    const name = page.node.newXObject('Im', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
    opts.onPage?.(i + 1, total);
  }
  const pdf = await doc.save();
  return { pdf, pages: description.pages.map(({ widthPt, heightPt }) => ({ widthPt, heightPt })), description };
}

/** Page `i` decoded (orientation applied in its pixels) and stored losslessly. */
async function losslessPage(doc: PDFDocument, bytes: Uint8Array, d: ImageDescription, i: number): Promise<PDFRef> {
  const { image, widthPx, heightPx } = decodePage(bytes, d, i);
  if (d.pages[i]!.colour === 'bilevel') {
    const grey = await image.raw().toBuffer();
    return bilevelImage(doc, grey, widthPx, heightPx);
  }
  const png = await image.png({ compressionLevel: 6, adaptiveFiltering: true, progressive: false }).toBuffer();
  return pngImage(doc, png);
}
