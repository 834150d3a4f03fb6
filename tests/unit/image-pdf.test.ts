/**
 * The PDF rendition of an image document, checked with tools outside Exhibit as a recipient
 * would: poppler's pdfinfo (pages and sizes), pdfimages (each embedded image at its full
 * pixel size, 1 bit for a fax), pdftocairo (the page rendered at the image's resolution
 * shows the image's own pixels), and pdf.js as Exhibit itself opens PDFs. pdftocairo rather
 * than pdftoppm: poppler's Splash renderer blends a sliver of the neighbouring pixel into
 * each edge even at 1:1, so only cairo's rendering can be held to exact equality.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageToPdf } from '../../electron/services/report/rendition/image-pdf.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import { letterPixels, multiPageTiff, pngFile, sidewaysJpeg, type Pixels, type TiffCompression } from '../fixtures/images.ts';
import { tempDir } from './helpers.ts';

const hasPoppler = (() => {
  try {
    execFileSync('pdftocairo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** pdfimages -list: one row per image, [page, width, height, colour, bits per component]. */
function imagesIn(pdfFile: string): [number, number, number, string, number][] {
  const rows = execFileSync('pdfimages', ['-list', pdfFile], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return rows.map((row) => {
    const f = row.trim().split(/\s+/);
    return [Number(f[0]), Number(f[3]), Number(f[4]), f[5]!, Number(f[7])];
  });
}

/** Page `n` (1-based) rendered by pdftocairo at `dpi`, as raw samples with `channels` per pixel. */
async function rendered(pdfFile: string, n: number, dpi: number, channels: 1 | 3): Promise<Pixels> {
  const out = path.join(path.dirname(pdfFile), `page-${n}`);
  execFileSync('pdftocairo', [
    '-r',
    String(dpi),
    '-f',
    String(n),
    '-l',
    String(n),
    '-singlefile',
    '-png',
    ...(channels === 1 ? ['-gray'] : []),
    pdfFile,
    out,
  ]);
  const { data, info } = await sharp(`${out}.png`)
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels };
}

function meanDifference(a: Pixels, b: Pixels): number {
  expect([a.width, a.height, a.channels]).toEqual([b.width, b.height, b.channels]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

async function writePdf(bytes: Uint8Array): Promise<string> {
  const file = path.join(tempDir(), 'rendition.pdf');
  fs.writeFileSync(file, bytes);
  return file;
}

/** The page sizes pdf.js reads, in points. */
async function pdfjsSizes(pdf: Uint8Array): Promise<[number, number][]> {
  const { doc, destroy } = await openPdf(pdf.slice(), null);
  try {
    const sizes: [number, number][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const { width, height } = (await doc.getPage(i)).getViewport({ scale: 1 });
      sizes.push([width, height]);
    }
    return sizes;
  } finally {
    await destroy();
  }
}

describe.skipIf(!hasPoppler)('image documents: PDF rendition', () => {
  it.each<[TiffCompression, string, number]>([
    ['ccittfax4', 'gray', 1],
    ['lzw', 'gray', 8],
    ['jpeg', 'gray', 8],
  ])(
    'turns a 3-page %s TIFF into 3 pages of its size, each image whole and its pixels as scanned',
    async (compression, colour, bits) => {
      const pages = [1, 2, 3].map((seed) => letterPixels(400, 500, seed, 1, compression === 'ccittfax4'));
      const tiff = await multiPageTiff(pages, compression, 200);
      const { pdf, pages: sizes } = await imageToPdf(tiff, { fileName: 'scan.tif' });
      expect(sizes).toEqual(Array(3).fill({ widthPt: 144, heightPt: 180 }));
      const file = await writePdf(pdf);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+3\n[\s\S]*Page size:\s+144 x 180 pts/);
      expect(await pdfjsSizes(pdf)).toEqual(Array(3).fill([144, 180]));
      expect(imagesIn(file)).toEqual([1, 2, 3].map((n) => [n, 400, 500, colour, bits]));
      for (const [i, source] of pages.entries()) {
        // Rendered at the image's own resolution, every pixel lands on one device pixel: the
        // page shows exactly what the TIFF decodes to (for JPEG-in-TIFF, close to the source).
        const shown = await rendered(file, i + 1, 200, 1);
        const decoded = await sharp(tiff, { page: i }).toColourspace('b-w').raw().toBuffer();
        expect(meanDifference(shown, { ...source, data: decoded })).toBe(0);
        if (compression === 'jpeg') expect(meanDifference(shown, source)).toBeLessThan(3);
        else expect(meanDifference(shown, source)).toBe(0);
      }
    },
  );

  it('carries a JPEG over byte for byte and shows it upright when EXIF orientation 6 says so', async () => {
    const upright = letterPixels(300, 420, 5, 3);
    const jpeg = await sidewaysJpeg(upright, 150);
    const { pdf, pages } = await imageToPdf(jpeg, { fileName: 'phone.jpg' });
    expect(pages).toEqual([{ widthPt: 144, heightPt: 201.6 }]);
    const file = await writePdf(pdf);
    // The stored image is the sideways one, 420 × 300, untouched: its bytes are in the PDF whole.
    expect(imagesIn(file)).toEqual([[1, 420, 300, 'rgb', 8]]);
    expect(Buffer.from(pdf).indexOf(Buffer.from(jpeg))).toBeGreaterThan(0);
    expect(await pdfjsSizes(pdf)).toEqual([[144, 201.6]]);
    const shown = await rendered(file, 1, 150, 3);
    const asViewed = await sharp(jpeg, { autoOrient: true }).raw().toBuffer();
    expect(meanDifference(shown, { data: asViewed, width: 300, height: 420, channels: 3 })).toBeLessThan(3);
    // And it is the upright page, not a mirror or a half turn of it: the red mark is top-left.
    expect(meanDifference(shown, upright)).toBeLessThan(6);
  });

  it('stores a colour PNG losslessly at full size', async () => {
    const source = letterPixels(360, 240, 9, 3);
    const { pdf, pages } = await imageToPdf(await pngFile(source, 120), { fileName: 'exhibit-4.png' });
    expect(pages).toEqual([{ widthPt: 216, heightPt: 144 }]);
    const file = await writePdf(pdf);
    expect(imagesIn(file)).toEqual([[1, 360, 240, 'rgb', 8]]);
    expect(meanDifference(await rendered(file, 1, 120, 3), source)).toBe(0);
  });

  it('makes the same PDF from the same image every time', async () => {
    const png = await pngFile(letterPixels(100, 100, 2));
    const [a, b] = await Promise.all([imageToPdf(png, { fileName: 'a.png' }), imageToPdf(png, { fileName: 'a.png' })]);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});
