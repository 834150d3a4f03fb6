/**
 * The pixel size of a page image, read from its header before Tesseract decodes it: the
 * size decides the scale from pixels to points, and a huge image is refused before
 * leptonica allocates for it.
 */
import { ExhibitError } from '../../../shared/errors.ts';

/** The largest side, in pixels, that is rendered or read (10,000 px: 33 inches at 300 dpi). */
export const MAX_SIDE_PX = 10_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height of a PNG or baseline/progressive JPEG. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the JPEG's segments to the frame header (SOF0–SOF15, less DHT, JPG and DAC).
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) break;
      const marker = bytes[at + 1]!;
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      at += 2 + length;
    }
  }
  throw new ExhibitError('unsupported-file', 'the page image is neither a PNG nor a JPEG that OCR can read');
}
