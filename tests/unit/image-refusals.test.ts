/**
 * Image files Exhibit must not open are refused with an error that names the file and
 * says what is wrong, and nothing comes back: empty, cut short, corrupt, a header that
 * declares an enormous image (refused before a pixel is decoded), too many pages, a
 * compression that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { describeImage } from '../../electron/services/ingest/image/describe.ts';
import { pageImagePng } from '../../electron/services/ingest/image/page.ts';
import { readTiffPages } from '../../electron/services/ingest/image/tiff-tags.ts';
import { imageToPdf } from '../../electron/services/report/rendition/image-pdf.ts';
import { bombPng, cutShort, letterPixels, multiPageTiff, pngFile, sidewaysJpeg } from '../fixtures/images.ts';

/** Every entry point refuses `bytes` with `code`, naming `fileName` in the message and as subject. */
async function refusedEverywhere(bytes: Uint8Array, fileName: string, code: string, says: RegExp): Promise<void> {
  const attempts = [
    () => describeImage(bytes, { fileName }),
    () => pageImagePng(bytes, 0, { fileName }),
    () => imageToPdf(bytes, { fileName }),
  ];
  for (const attempt of attempts) {
    const err = await attempt().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'ExhibitError', code, subject: fileName });
    expect((err as Error).message.startsWith(`${fileName}: `)).toBe(true);
    expect((err as Error).message).toMatch(says);
  }
}

const page = letterPixels(300, 400, 3, 3);

describe('image documents: refusals', () => {
  it('refuses an empty file', async () => {
    await refusedEverywhere(new Uint8Array(), 'empty.png', 'unreadable-file', /empty/);
  });

  it('refuses a file that is not an image, whatever its name', async () => {
    await refusedEverywhere(new TextEncoder().encode('%PDF-1.7\n'), 'scan.png', 'unsupported-file', /not a PNG, JPEG or TIFF/);
  });

  it('refuses a PNG cut short in its pixel data, and one with a corrupt header', async () => {
    const png = await pngFile(page);
    await refusedEverywhere(cutShort(png, 0.6), 'cut.png', 'invalid-image', /damaged or cut short/);
    const corrupt = png.slice();
    corrupt[20] = corrupt[20]! ^ 0xff; // inside IHDR: its CRC no longer matches
    await refusedEverywhere(corrupt, 'corrupt.png', 'invalid-image', /damaged or cut short/);
  });

  it('refuses a JPEG cut short', async () => {
    const jpeg = await sidewaysJpeg(page, 150);
    await refusedEverywhere(cutShort(jpeg, 0.7), 'cut.jpg', 'invalid-image', /damaged or cut short/);
  });

  it.each(['ccittfax4', 'lzw', 'jpeg'] as const)('refuses a %s TIFF cut short, even by a few bytes', async (compression) => {
    const tiff = await multiPageTiff(
      [1, 2, 3].map((s) => letterPixels(200, 100, s, 1, compression === 'ccittfax4')),
      compression,
      200,
    );
    await refusedEverywhere(cutShort(tiff, 0.5), 'cut.tif', 'invalid-image', /damaged or cut short/);
    await refusedEverywhere(tiff.slice(0, tiff.length - 40), 'cut.tif', 'invalid-image', /damaged or cut short/);
  });

  it('refuses a PNG declaring 50,000 × 50,000 pixels from its header alone, quickly and without the memory', async () => {
    const bomb = bombPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await refusedEverywhere(bomb, 'bomb.png', 'image-too-large', /50,000 × 50,000 pixels.*not decoded/);
    expect(performance.now() - started).toBeLessThan(2000);
    // Decoding it would take 2.5 GB; refusing it takes next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
  });

  it('refuses a TIFF whose compression Exhibit cannot read, naming the compression', async () => {
    const tiff = await multiPageTiff([letterPixels(64, 64, 1)], 'lzw', 200);
    // Rewrite the first page's Compression tag (259) from LZW (5) to JPEG 2000 (34712).
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
    const ifd = view.getUint32(4, true);
    for (let i = 0; i < view.getUint16(ifd, true); i++) {
      const entry = ifd + 2 + i * 12;
      if (view.getUint16(entry, true) === 259) view.setUint16(entry + 8, 34712, true);
    }
    await refusedEverywhere(tiff, 'archive.tif', 'unsupported-file', /page 1 uses JPEG 2000 compression/);
  });

  it('reads a 1,000-page TIFF one page at a time; refuses more pages than the cap, and pages chained in a loop', async () => {
    const blank = letterPixels(16, 16, 1, 1, true);
    const thousand = await multiPageTiff(
      Array.from({ length: 1000 }, () => blank),
      'ccittfax4',
      200,
    );
    const d = await describeImage(thousand, { fileName: 'long.tif', checkPixels: false });
    expect(d.pages).toHaveLength(1000);
    expect((await pageImagePng(thousand, 999, { fileName: 'long.tif' })).widthPx).toBe(16);
    expect(() => readTiffPages(thousand, 'long.tif', 999)).toThrow(/long\.tif: the TIFF file has more than 999 pages/);
    // Point page 1000's "next page" back at page 1: a loop, as a hostile file might.
    const looped = loopLastPage(thousand);
    await refusedEverywhere(looped, 'loop.tif', 'invalid-image', /loop/);
  });
});

/** A copy of a little-endian TIFF whose last page links back to the first. */
function loopLastPage(tiff: Uint8Array): Uint8Array {
  const copy = tiff.slice();
  const view = new DataView(copy.buffer);
  const first = view.getUint32(4, true);
  let ifd = first;
  for (;;) {
    const nextAt = ifd + 2 + view.getUint16(ifd, true) * 12;
    const next = view.getUint32(nextAt, true);
    if (next === 0) {
      view.setUint32(nextAt, first, true);
      return copy;
    }
    ifd = next;
  }
}
