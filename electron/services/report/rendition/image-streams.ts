/**
 * Pixels as PDF image XObjects, losslessly and without resampling: two-tone pages at 1 bit
 * per pixel, grey and colour pages at 8 bits per sample with the PNG encoder's own
 * compressed data carried over whole (PDF's FlateDecode with the PNG predictors reads a
 * PNG's IDAT stream as it is, so the pixels are compressed once, by libvips, not again
 * in JavaScript).
 */
import zlib from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';

/** A bilevel page (8-bit grey samples, one per pixel, 0 black and 255 white) as a 1-bit image. */
export function bilevelImage(doc: PDFDocument, grey: Uint8Array, width: number, height: number): PDFRef {
  const rowBytes = Math.ceil(width / 8);
  const packed = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const out = y * rowBytes;
    for (let x = 0; x < width; x++) {
      // In DeviceGray at 1 bit a set bit is white; a two-tone page decodes to exactly 0 or 255.
      if (grey[row + x]! >= 128) packed[out + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const stream = doc.context.stream(zlib.deflateSync(packed), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'FlateDecode',
  });
  return doc.context.register(stream);
}

/**
 * An 8-bit grey or RGB PNG (non-interlaced, as sharp writes it) as an image XObject that
 * holds the PNG's own compressed pixel data. Anything else is a mistake of the caller's.
 */
export function pngImage(doc: PDFDocument, png: Uint8Array): PDFRef {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  let header: { width: number; height: number; colours: number } | null = null;
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      const [depth, colourType, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colourType !== 0 && colourType !== 2) || interlace !== 0)
        throw new Error(`unexpected PNG layout (depth ${depth}, colour type ${colourType}, interlace ${interlace})`);
      header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), colours: colourType === 0 ? 1 : 3 };
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!header || idat.length === 0) throw new Error('a PNG without a header or pixel data');
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((at, d) => (joined.set(d, at), at + d.length), 0);
  const stream = doc.context.stream(joined, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: header.width,
    Height: header.height,
    ColorSpace: header.colours === 1 ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    // Predictor 15: each row starts with its PNG filter byte, whatever filter it chose.
    DecodeParms: { Predictor: 15, Colors: header.colours, BitsPerComponent: 8, Columns: header.width },
  });
  return doc.context.register(stream);
}

/**
 * The matrix that draws an image whose pixels are stored turned as EXIF `orientation`
 * says so that it fills a page `w` × `h` points upright. PDF draws an image into the unit
 * square with its first stored row at the top; each case maps that square onto the page
 * turned and mirrored as the orientation describes (1 upright … 8 turned a quarter left).
 */
export function orientedMatrix(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2:
      return [-w, 0, 0, h, w, 0];
    case 3:
      return [-w, 0, 0, -h, w, h];
    case 4:
      return [w, 0, 0, -h, 0, h];
    case 5:
      return [0, -h, -w, 0, w, h];
    case 6:
      return [0, -h, w, 0, 0, h];
    case 7:
      return [0, h, w, 0, 0, 0];
    case 8:
      return [0, h, -w, 0, w, 0];
    default:
      return [w, 0, 0, h, 0, 0];
  }
}
