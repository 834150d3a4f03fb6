/**
 * What an image file holds, page by page, read from its headers: the pixel size as a
 * viewer shows it, the resolution, and so the page's size on paper in PDF points. Limits
 * are checked here, before any pixel is decoded, so a file that declares a 50,000 × 50,000
 * image or a million pages is refused at the cost of reading its header.
 *
 * Orientation: a JPEG from a phone or a scanner often stores its pixels sideways with an
 * EXIF Orientation tag saying how to turn them, and TIFF has the same tag. Every image
 * viewer applies it, so Exhibit does too: the page a reviewer sees, its size, its OCR and
 * its PDF rendition are all of the image as displayed, never of the pixels as stored.
 */
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { ExhibitError } from '../../../../shared/errors.ts';
import { decodeFailure, refuse } from './refuse.ts';
import { sniffImage, type ImageFormat } from './sniff.ts';
import { compressionName, readTiffPages, TIFF_COMPRESSIONS, type TiffPageTags } from './tiff-tags.ts';

/** The most pixels one page may have (100 megapixels: an A3 page at 1200 dpi is 70). */
export const MAX_PAGE_PIXELS = 100_000_000;
/**
 * The most pages an image file may have. Pages are decoded one at a time, so memory does
 * not grow with the count; the cap bounds the time spent walking a hostile file's page
 * chain and the size of the description, far above any real multi-page scan.
 */
export const MAX_IMAGE_PAGES = 10_000;
/** The resolution assumed when a file states none, or none that is plausible. */
export const DEFAULT_DPI = 300;
const MIN_DPI = 50;
const MAX_DPI = 4800;
/** No paper a document comes on is larger than this (A0 is 46.8 inches long). */
const MAX_PLAUSIBLE_INCHES = 50;
/** The largest page side PDF readers accept (Acrobat's limit, 14,400 points). */
const MAX_PDF_INCHES = 200;

/** How a page's pixels are kept: two-tone (fax, G4 scans), grey, or colour. */
export type PageColour = 'bilevel' | 'grey' | 'rgb';

/** One page as displayed (orientation applied). */
export interface ImagePage {
  widthPx: number;
  heightPx: number;
  /** Pixels per inch across and down the displayed page. */
  dpiX: number;
  dpiY: number;
  /** Size in PDF points (1/72 inch): pixels / dpi * 72. */
  widthPt: number;
  heightPt: number;
  /** The EXIF/TIFF orientation the file declares (1 upright … 8), already applied above. */
  orientation: number;
  colour: PageColour;
}

export interface ImageDescription {
  fileName: string;
  format: ImageFormat;
  pages: ImagePage[];
}

export interface DescribeOptions {
  /** The file's name, for messages. */
  fileName: string;
  /**
   * Also decode every page once (one at a time) to prove its pixel data is whole, so a
   * truncated or corrupt file is refused now rather than when a page is first shown.
   * Default true; false reads headers only.
   */
  checkPixels?: boolean;
  signal?: AbortSignal;
}

/** Describe an image file page by page, refusing what Exhibit cannot or should not open. */
export async function describeImage(bytes: Uint8Array, opts: DescribeOptions): Promise<ImageDescription> {
  const { fileName } = opts;
  if (bytes.length === 0) throw refuse('unreadable-file', fileName, 'the file is empty');
  const format = sniffImage(bytes);
  if (format === null)
    throw refuse('unsupported-file', fileName, 'not a PNG, JPEG or TIFF image (its first bytes are not an image header)');
  const pages = format === 'tiff' ? tiffPages(bytes, fileName) : [await singlePage(bytes, format, fileName)];
  const description = { fileName, format, pages };
  if (opts.checkPixels ?? true) await checkPixels(bytes, description, opts.signal);
  return description;
}

/** Options every decode of an untrusted image uses: the pixel cap, and refusing truncated data. */
export function decodeOptions(pageIndex: number): SharpOptions {
  return {
    page: pageIndex,
    pages: 1,
    autoOrient: true,
    limitInputPixels: MAX_PAGE_PIXELS,
    // 'truncated' refuses cut-short or corrupt data but not a harmless encoder quirk that
    // every viewer shows ('warning' would refuse some cameras' JPEGs).
    failOn: 'truncated',
    sequentialRead: true,
  };
}

async function checkPixels(bytes: Uint8Array, d: ImageDescription, signal?: AbortSignal): Promise<void> {
  for (let i = 0; i < d.pages.length; i++) {
    if (signal?.aborted) throw new ExhibitError('cancelled', `${d.fileName}: reading the image was cancelled`, d.fileName);
    try {
      // stats() decodes every pixel in strips and keeps only a few numbers per band.
      await sharp(bytes, decodeOptions(i)).stats();
    } catch (err) {
      throw pageFailure(d, i, err);
    }
  }
}

/** A decode error for page `index`, saying which page when there are several. */
export function pageFailure(d: ImageDescription, index: number, err: unknown): ExhibitError {
  const e = decodeFailure(d.fileName, err);
  if (d.pages.length < 2 || e.code !== 'invalid-image') return e;
  return refuse(e.code, d.fileName, e.message.slice(d.fileName.length + 2).replace('the image', `page ${index + 1}`));
}

async function singlePage(bytes: Uint8Array, format: 'png' | 'jpeg', fileName: string): Promise<ImagePage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw decodeFailure(fileName, err);
  }
  checkPixelCount(meta.width, meta.height, fileName);
  const grey = meta.space === 'b-w' || meta.space === 'grey16' || meta.channels <= 2;
  const colour: PageColour =
    format === 'png' && grey && meta.bitsPerSample === 1 && !meta.isPalette ? 'bilevel' : grey ? 'grey' : 'rgb';
  return page(meta.width, meta.height, meta.density ?? null, meta.density ?? null, meta.orientation ?? 1, colour);
}

function tiffPages(bytes: Uint8Array, fileName: string): ImagePage[] {
  return readTiffPages(bytes, fileName, MAX_IMAGE_PAGES).map((t, i) => {
    const which = `page ${i + 1}`;
    if (!TIFF_COMPRESSIONS.has(t.compression))
      throw refuse(
        'unsupported-file',
        fileName,
        `${which} uses ${compressionName(t.compression)} compression, which Exhibit cannot read; save the scan as TIFF with LZW, Deflate, JPEG or CCITT G4 compression, or as PDF`,
      );
    checkPixelCount(t.width, t.height, fileName, which);
    return page(t.width, t.height, t.dpiX, t.dpiY, t.orientation, tiffColour(t));
  });
}

function tiffColour(t: TiffPageTags): PageColour {
  // Photometric 0/1 is grey (white or black is zero); 2 RGB, 3 palette, 5 CMYK, 6 YCbCr are colour.
  const grey = t.photometric <= 1;
  if (grey && t.bitsPerSample === 1 && t.samplesPerPixel === 1) return 'bilevel';
  return grey ? 'grey' : 'rgb';
}

function checkPixelCount(width: number, height: number, fileName: string, which = 'the image'): void {
  if (width * height <= MAX_PAGE_PIXELS) return;
  const mp = (n: number) => `${Math.round(n / 1e6).toLocaleString('en')} megapixels`;
  throw refuse(
    'image-too-large',
    fileName,
    `${which} declares ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels (${mp(width * height)}), more than the ${mp(MAX_PAGE_PIXELS)} Exhibit opens per page; it was not decoded`,
  );
}

/** A page from stored pixel size and resolution, turned as its orientation says. */
function page(
  storedW: number,
  storedH: number,
  storedDpiX: number | null,
  storedDpiY: number | null,
  orientation: number,
  colour: PageColour,
): ImagePage {
  // Orientations 5–8 turn the image a quarter: width and height (and their resolutions) swap.
  const quarter = orientation >= 5;
  const [widthPx, heightPx] = quarter ? [storedH, storedW] : [storedW, storedH];
  const [x, y] = quarter ? [storedDpiY, storedDpiX] : [storedDpiX, storedDpiY];
  const { dpiX, dpiY } = pageResolution(widthPx, heightPx, x, y);
  return { widthPx, heightPx, dpiX, dpiY, widthPt: (widthPx / dpiX) * 72, heightPt: (heightPx / dpiY) * 72, orientation, colour };
}

/**
 * The resolution a page is laid out at. The file's own is used when it is plausible:
 * each axis between 50 and 4800 dpi (one stated axis stands for both), and the page it
 * gives no longer than 50 inches. Otherwise — no resolution, a unitless one, or a camera's
 * nominal 72 dpi that would make a phone photo of a letter four feet wide — 300 dpi, a
 * common scanning resolution, on both axes. A page that would still be longer than the
 * 200 inches PDF readers accept gets the resolution that makes it exactly that long.
 */
export function pageResolution(
  widthPx: number,
  heightPx: number,
  dpiX: number | null,
  dpiY: number | null,
): { dpiX: number; dpiY: number } {
  const x = dpiX ?? dpiY;
  const y = dpiY ?? dpiX;
  const ok = (d: number | null): d is number => d !== null && Number.isFinite(d) && d >= MIN_DPI && d <= MAX_DPI;
  const inches = (rx: number, ry: number) => Math.max(widthPx / rx, heightPx / ry);
  let chosen =
    ok(x) && ok(y) && inches(x, y) <= MAX_PLAUSIBLE_INCHES ? { dpiX: x, dpiY: y } : { dpiX: DEFAULT_DPI, dpiY: DEFAULT_DPI };
  const longest = inches(chosen.dpiX, chosen.dpiY);
  if (longest > MAX_PDF_INCHES) {
    const k = longest / MAX_PDF_INCHES;
    chosen = { dpiX: chosen.dpiX * k, dpiY: chosen.dpiY * k };
  }
  return chosen;
}
