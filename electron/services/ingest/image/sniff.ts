/** Telling an image file's format from its first bytes, never from its name. */

export type ImageFormat = 'png' | 'jpeg' | 'tiff';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * The format of an image by its magic bytes: PNG's 8-byte signature, JPEG's SOI marker
 * followed by another marker, or a TIFF header (little- or big-endian, classic or BigTIFF).
 * Null for anything else, a 0-byte file included. A scan saved as "letter.pdf.jpg" or with
 * no extension at all is still recognised; a PDF renamed ".png" is not mistaken for one.
 */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  // "II" + 42 or 43 (BigTIFF) little-endian, "MM" + 42 or 43 big-endian.
  if (startsWith(bytes, [0x49, 0x49]) && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0) return 'tiff';
  if (startsWith(bytes, [0x4d, 0x4d]) && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43)) return 'tiff';
  return null;
}
