/**
 * The facts of each page of a TIFF, read from its image file directories (IFDs) without
 * decoding a pixel. sharp reads pixels well but reports neither a page's compression,
 * its bit depth as stored, nor a vertical resolution different from the horizontal one
 * (fax pages are 204 × 98 or 204 × 196 dpi); and the page count, sizes and compression
 * must be checked before libvips is asked to decode anything. Every offset is checked
 * against the file's length and the chain of directories against loops, so a hostile
 * TIFF is refused rather than read out of bounds or for ever.
 */
import { refuse } from './refuse.ts';

/** One page (image file directory) as its tags describe it. */
export interface TiffPageTags {
  width: number;
  height: number;
  /** The Compression tag (1 none, 4 CCITT G4, 5 LZW, 7 JPEG…). */
  compression: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  /** The PhotometricInterpretation tag (0/1 grey, 2 RGB, 3 palette, 5 CMYK, 6 YCbCr…). */
  photometric: number;
  /** Pixels per inch across and down, or null when the file does not say (or says in no unit). */
  dpiX: number | null;
  dpiY: number | null;
  /** The Orientation tag (1–8, as in EXIF); 1 when absent. */
  orientation: number;
}

/** Compressions libvips' libtiff decodes, by tag value. */
export const TIFF_COMPRESSIONS: ReadonlyMap<number, string> = new Map([
  [1, 'none'],
  [2, 'CCITT modified Huffman'],
  [3, 'CCITT Group 3 fax'],
  [4, 'CCITT Group 4 fax'],
  [5, 'LZW'],
  [7, 'JPEG'],
  [8, 'Deflate'],
  [32773, 'PackBits'],
  [32946, 'Deflate'],
  [50000, 'Zstandard'],
  [50001, 'WebP'],
]);

/** Names for compressions met in the wild that are refused, so the message can say which. */
const UNSUPPORTED_NAMES: ReadonlyMap<number, string> = new Map([
  [6, 'old-style JPEG'],
  [34661, 'JBIG'],
  [34712, 'JPEG 2000'],
  [34713, 'Nikon NEF'],
  [34925, 'LZMA'],
]);

/** A human name for a compression tag value, for messages. */
export const compressionName = (value: number): string =>
  TIFF_COMPRESSIONS.get(value) ?? UNSUPPORTED_NAMES.get(value) ?? `code ${value}`;

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  orientation: 274,
  samplesPerPixel: 277,
  xResolution: 282,
  yResolution: 283,
  resolutionUnit: 296,
} as const;

/** Where a page's compressed data lies: strips (offsets, byte counts) or tiles. */
const DATA_TAGS = [
  [273, 279],
  [324, 325],
] as const;

/** Sizes in bytes of the TIFF field types (1 BYTE … 18 IFD8), to check every tag's data lies in the file. */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};

/**
 * Every page's tags, in file order, refusing a file with more than `maxPages` pages before
 * reading further. Throws an ExhibitError naming `fileName` for a damaged structure.
 */
export function readTiffPages(bytes: Uint8Array, fileName: string, maxPages: number): TiffPageTags[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (what: string) => refuse('invalid-image', fileName, `the TIFF file is damaged or cut short (${what})`);
  const little = bytes[0] === 0x49;
  const big = view.byteLength >= 4 && view.getUint16(2, little) === 43;
  const need = (offset: number, length: number) => {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > view.byteLength)
      throw damaged(`data at byte ${offset} lies beyond the end of the file`);
  };
  const u16 = (o: number) => (need(o, 2), view.getUint16(o, little));
  const u32 = (o: number) => (need(o, 4), view.getUint32(o, little));
  const u64 = (o: number) => (need(o, 8), Number(view.getBigUint64(o, little)));
  const offsetAt = (o: number) => (big ? u64(o) : u32(o));

  const entrySize = big ? 20 : 12;
  const countSize = big ? 8 : 2;
  const inlineSize = big ? 8 : 4;

  /** Where the values of the tag entry at `entry` are, how many, and their type; null for a type not read. */
  const values = (entry: number): { at: number; count: number; type: number; size: number } | null => {
    const type = u16(entry + 2);
    const size = TYPE_SIZE[type];
    if (size === undefined) return null;
    const count = big ? u64(entry + 4) : u32(entry + 4);
    const field = entry + 4 + (big ? 8 : 4);
    const at = size * count <= inlineSize ? field : offsetAt(field);
    need(at, size * count);
    return { at, count, type, size };
  };
  /** The value at `at` of a field of `type`, as a number (a rational divided out), or null. */
  const read = (type: number, at: number): number | null => {
    if (type === 1) return bytes[at]!;
    if (type === 3) return u16(at);
    if (type === 4) return u32(at);
    if (type === 16) return u64(at);
    if (type !== 5) return null;
    const denominator = u32(at + 4);
    return denominator === 0 ? null : u32(at) / denominator;
  };
  const first = (entry: number): number | null => {
    const v = values(entry);
    return v === null || v.count === 0 ? null : read(v.type, v.at);
  };
  /**
   * The end of the page's last strip or tile. libtiff reads a page whose final strip is cut
   * short without complaint, so truncation is caught here, where it shows: a strip that
   * should run past the end of the file.
   */
  const dataEnd = (entries: Map<number, number>): number => {
    let end = 0;
    for (const [offsetsTag, countsTag] of DATA_TAGS) {
      const offsets = entries.has(offsetsTag) ? values(entries.get(offsetsTag)!) : null;
      const counts = entries.has(countsTag) ? values(entries.get(countsTag)!) : null;
      if (offsets === null || counts === null) continue;
      for (let i = 0; i < Math.min(offsets.count, counts.count); i++)
        end = Math.max(
          end,
          (read(offsets.type, offsets.at + i * offsets.size) ?? 0) + (read(counts.type, counts.at + i * counts.size) ?? 0),
        );
    }
    return end;
  };

  const pages: TiffPageTags[] = [];
  const seen = new Set<number>();
  let ifd = offsetAt(4);
  if (ifd === 0) throw damaged('it holds no page');
  while (ifd !== 0) {
    if (seen.has(ifd)) throw damaged('its pages are chained in a loop');
    seen.add(ifd);
    if (pages.length === maxPages)
      throw refuse('image-too-large', fileName, `the TIFF file has more than ${maxPages} pages, more than Exhibit opens`);
    const count = big ? u64(ifd) : u16(ifd);
    need(ifd + countSize, count * entrySize + inlineSize);
    const tags = new Map<number, number | null>();
    const entries = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const entry = ifd + countSize + i * entrySize;
      const tag = u16(entry);
      // Every tag's data is checked, not only those read: libtiff passes over some that are cut short.
      values(entry);
      entries.set(tag, entry);
      if (Object.values(TAG).includes(tag as never)) tags.set(tag, first(entry));
    }
    if (dataEnd(entries) > bytes.length)
      throw damaged(`the pixel data of page ${pages.length + 1} runs past the end of the file`);
    pages.push(pageFrom(tags, pages.length, damaged));
    ifd = offsetAt(ifd + countSize + count * entrySize);
  }
  return pages;
}

function pageFrom(tags: Map<number, number | null>, index: number, damaged: (what: string) => Error): TiffPageTags {
  const width = tags.get(TAG.width) ?? 0;
  const height = tags.get(TAG.height) ?? 0;
  if (width < 1 || height < 1) throw damaged(`page ${index + 1} has no width or height`);
  // ResolutionUnit: 1 no unit (an aspect ratio only), 2 inch (the default), 3 centimetre.
  const unit = tags.get(TAG.resolutionUnit) ?? 2;
  const perInch = unit === 2 ? 1 : unit === 3 ? 2.54 : null;
  const dpi = (tag: number) => {
    const v = tags.get(tag);
    return v == null || perInch === null ? null : v * perInch;
  };
  const orientation = tags.get(TAG.orientation) ?? 1;
  return {
    width,
    height,
    compression: tags.get(TAG.compression) ?? 1,
    bitsPerSample: tags.get(TAG.bitsPerSample) ?? 1,
    samplesPerPixel: tags.get(TAG.samplesPerPixel) ?? 1,
    photometric: tags.get(TAG.photometric) ?? 1,
    dpiX: dpi(TAG.xResolution),
    dpiY: dpi(TAG.yResolution),
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
  };
}
