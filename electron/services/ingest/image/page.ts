/**
 * One page of an image file decoded to pixels, as displayed: orientation applied,
 * transparency laid on white paper, 8 bits per sample in grey or RGB. Only the one page
 * is decoded, so memory is bounded by the page (at most MAX_PAGE_PIXELS), never by the
 * file's page count.
 */
import sharp, { type Sharp } from 'sharp';
import { decodeOptions, describeImage, pageFailure, type ImageDescription } from './describe.ts';
import { refuse } from './refuse.ts';

export interface PageImage {
  /** A PNG file: 8-bit grey (1 channel) or RGB (3 channels), no alpha. */
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

export interface PageImageOptions {
  fileName: string;
  /**
   * Scale the page down (keeping its shape) when it has more pixels than this, for a
   * thumbnail or a screen; omitted, the page comes at full resolution. The points of the
   * page do not change: the caller maps pixels to points with widthPt / widthPx.
   */
  maxPixels?: number;
}

/** Page `pageIndex` (0-based) of an image file decoded to a PNG, for OCR and display. */
export async function pageImagePng(bytes: Uint8Array, pageIndex: number, opts: PageImageOptions): Promise<PageImage> {
  const description = await describeImage(bytes, { fileName: opts.fileName, checkPixels: false });
  const { image, widthPx, heightPx } = decodePage(bytes, description, pageIndex, opts.maxPixels);
  try {
    const png = await image.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
    return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), widthPx, heightPx };
  } catch (err) {
    throw pageFailure(description, pageIndex, err);
  }
}

/**
 * The sharp pipeline that yields page `pageIndex` as displayed, 8-bit grey or sRGB with no
 * alpha, and the pixel size it yields. Nothing is decoded until its output is asked for;
 * callers wrap that in pageFailure so a damaged page is refused by name.
 */
export function decodePage(
  bytes: Uint8Array,
  description: ImageDescription,
  pageIndex: number,
  maxPixels?: number,
): { image: Sharp; widthPx: number; heightPx: number; channels: 1 | 3 } {
  const page = description.pages[pageIndex];
  if (!Number.isInteger(pageIndex) || page === undefined)
    throw refuse('invalid-args', description.fileName, `has no page ${pageIndex + 1} (it has ${description.pages.length})`);
  const grey = page.colour !== 'rgb';
  let image = sharp(bytes, decodeOptions(pageIndex))
    // Alpha composited on white, as a page is printed; a no-op for an opaque image.
    .flatten({ background: '#ffffff' })
    .toColourspace(grey ? 'b-w' : 'srgb');
  let { widthPx, heightPx } = page;
  if (maxPixels !== undefined && widthPx * heightPx > maxPixels) {
    const k = Math.sqrt(maxPixels / (widthPx * heightPx));
    widthPx = Math.max(1, Math.floor(widthPx * k));
    heightPx = Math.max(1, Math.floor(heightPx * k));
    image = image.resize(widthPx, heightPx, { fit: 'fill', kernel: 'lanczos3' });
  }
  return { image, widthPx, heightPx, channels: grey ? 1 : 3 };
}
