/**
 * Scans imported as image files: their format known by content, their pages counted and
 * measured on paper, each page's pixels exactly those of the file (as a viewer turns
 * them), and every bad file refused by name with nothing returned.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExhibitError } from '../../shared/errors.ts';
import { describeImage, pageResolution } from '../../electron/services/ingest/image/describe.ts';
import { pageImagePng } from '../../electron/services/ingest/image/page.ts';
import { sniffImage } from '../../electron/services/ingest/image/sniff.ts';
import { letterPixels, multiPageTiff, pngFile, sidewaysJpeg, type Pixels, type TiffCompression } from '../fixtures/images.ts';

/** The mean and largest difference between a decoded page and the pixels it was made from. */
async function difference(png: Uint8Array, expected: Pixels): Promise<{ mean: number; max: number }> {
  const { data, info } = await sharp(png)
    .toColourspace(expected.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([expected.width, expected.height, expected.channels]);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const d = Math.abs(data[i]! - expected.data[i]!);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / data.length, max };
}

const letter = letterPixels(340, 440, 7, 3);

describe('image documents: reading', () => {
  it('knows PNG, JPEG and TIFF by their first bytes, whatever the name, and nothing else', async () => {
    const png = await pngFile(letter);
    const jpeg = await sidewaysJpeg(letter, 150);
    const tiff = await multiPageTiff([letterPixels(60, 80, 1)], 'lzw', 200);
    expect([sniffImage(png), sniffImage(jpeg), sniffImage(tiff)]).toEqual(['png', 'jpeg', 'tiff']);
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7\n'))).toBeNull();
    expect(sniffImage(png.subarray(0, 4))).toBeNull();
  });

  it('gives a PNG page its size in points from the resolution it states, and its pixels unchanged', async () => {
    const png = await pngFile(letter, 200);
    const d = await describeImage(png, { fileName: 'scan.png' });
    expect(d).toMatchObject({ format: 'png', pages: [{ widthPx: 340, heightPx: 440, colour: 'rgb' }] });
    expect(d.pages[0]!.dpiX).toBeCloseTo(200, 1);
    expect(d.pages[0]!.widthPt).toBeCloseTo((340 / 200) * 72, 1);
    expect(d.pages[0]!.heightPt).toBeCloseTo((440 / 200) * 72, 1);
    const page = await pageImagePng(png, 0, { fileName: 'scan.png' });
    expect(await difference(page.png, letter)).toEqual({ mean: 0, max: 0 });
  });

  it('shows a JPEG with EXIF orientation 6 upright: size, points and pixels of the turned image', async () => {
    const jpeg = await sidewaysJpeg(letter, 150);
    const d = await describeImage(jpeg, { fileName: 'phone.jpg' });
    expect(d.pages).toEqual([
      {
        widthPx: 340,
        heightPx: 440,
        dpiX: 150,
        dpiY: 150,
        widthPt: (340 / 150) * 72,
        heightPt: (440 / 150) * 72,
        orientation: 6,
        colour: 'rgb',
      },
    ]);
    const page = await pageImagePng(jpeg, 0, { fileName: 'phone.jpg' });
    const diff = await difference(page.png, letter);
    // JPEG at quality 95 is close but not exact; a page left sideways would differ everywhere.
    expect(diff.mean).toBeLessThan(3);
  });

  it.each<[TiffCompression, 'bilevel' | 'grey']>([
    ['ccittfax4', 'bilevel'],
    ['lzw', 'grey'],
    ['jpeg', 'grey'],
  ])('reads every page of a 3-page %s TIFF, one at a time, with its own X and Y resolution', async (compression, colour) => {
    const pages = [1, 2, 3].map((seed) => letterPixels(408, 198, seed, 1, compression === 'ccittfax4'));
    // A fax's fine mode: 204 dpi across, 98 down; the page is still 2 × 2 inches.
    const tiff = await multiPageTiff(pages, compression, 204, 99);
    const d = await describeImage(tiff, { fileName: 'fax.tif' });
    expect(d.format).toBe('tiff');
    expect(d.pages).toHaveLength(3);
    for (const p of d.pages) {
      expect(p).toMatchObject({ widthPx: 408, heightPx: 198, colour });
      expect(p.widthPt).toBeCloseTo(144, 1);
      expect(p.heightPt).toBeCloseTo(144, 1);
    }
    for (const [i, expected] of pages.entries()) {
      const page = await pageImagePng(tiff, i, { fileName: 'fax.tif' });
      const diff = await difference(page.png, expected);
      if (compression === 'jpeg') expect(diff.mean).toBeLessThan(3);
      else expect(diff).toEqual({ mean: 0, max: 0 });
    }
  });

  it('scales a page down for display when asked, keeping its shape', async () => {
    const png = await pngFile(letter);
    const page = await pageImagePng(png, 0, { fileName: 'scan.png', maxPixels: (340 * 440) / 4 });
    expect([page.widthPx, page.heightPx]).toEqual([170, 220]);
    expect((await sharp(page.png).metadata()).width).toBe(170);
  });

  it('lays a page out at 300 dpi when its resolution is missing or implausible, and never beyond what PDF readers accept', () => {
    expect(pageResolution(2480, 3508, null, null)).toEqual({ dpiX: 300, dpiY: 300 });
    // A phone's nominal 72 dpi would make a photographed letter 42 × 56 inches.
    expect(pageResolution(3024, 4032, 72, 72)).toEqual({ dpiX: 300, dpiY: 300 });
    expect(pageResolution(1700, 2200, 10, 10)).toEqual({ dpiX: 300, dpiY: 300 });
    expect(pageResolution(1700, 2200, 200, null)).toEqual({ dpiX: 200, dpiY: 200 });
    expect(pageResolution(1728, 1100, 204, 98)).toEqual({ dpiX: 204, dpiY: 98 });
    // A 100,000-pixel strip at 300 dpi would be 333 inches long: it is fitted to 200.
    expect(pageResolution(100_000, 500, null, null)).toEqual({ dpiX: expect.closeTo(500, 6), dpiY: expect.closeTo(500, 6) });
  });

  it('refuses a page number the file does not have, naming the file', async () => {
    const png = await pngFile(letter);
    await expect(pageImagePng(png, 1, { fileName: 'scan.png' })).rejects.toMatchObject({
      code: 'invalid-args',
      subject: 'scan.png',
    });
    await expect(pageImagePng(png, 1, { fileName: 'scan.png' })).rejects.toBeInstanceOf(ExhibitError);
  });
});
