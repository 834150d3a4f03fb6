/**
 * OCR of scans made here (tests/fixtures/ocr-scans.ts): a clean page, a photocopy, a page
 * skewed by 2 degrees and pages fed in sideways and upside down are all read with the
 * shipped English data, words placed on the glyphs of the page as displayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr, languageDataDirs, recognise, renderPdfPage } from '../../electron/services/ocr/index.ts';
import { ocrPageText, type OcrPage, type OcrWord } from '../../shared/ocr.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { degrade, expectedWords, meanDifference, scanPdf, turn, wordRecall, type ExpectedWord } from '../fixtures/ocr-scans.ts';

const PAGE_1 = ['Report on the Surveillance Inquiry', ...fillerLines(seededRandom(3), 14)];
const PAGE_2 = ['Annex B: Export Licence Records', ...fillerLines(seededRandom(11), 6)];
const W = 612;
const H = 792;

let page1: Uint8Array;
let clean: OcrPage;
let expected: ExpectedWord[];

const read = (png: Uint8Array, widthPt: number, heightPt: number) =>
  recognise(png, { languages: 'eng', dataDirs: languageDataDirs(), widthPt, heightPt, dpi: 300 });

beforeAll(async () => {
  const rendered = await renderPdfPage(scanPdf([PAGE_1, PAGE_2]), 0);
  expect(rendered).toMatchObject({ widthPt: W, heightPt: H, dpi: 300 });
  page1 = rendered.png;
  clean = await read(page1, W, H);
  expected = await expectedWords(PAGE_1);
});
afterAll(() => closeOcr());

/** Where an upright page's box lies once the page is turned clockwise, as [x0, y0, x1, y1]. */
function displayedBox(e: ExpectedWord, turned: 0 | 90 | 180): number[] {
  if (turned === 90) return [H - e.baseline, e.x0, H - e.top, e.x1];
  if (turned === 180) return [W - e.x1, H - e.baseline, W - e.x0, H - e.top];
  return [e.x0, e.top, e.x1, e.baseline];
}

/**
 * Each expected word against the read word of the same text nearest to it: how many were
 * read, and the worst distance of a box edge. Ascenders, descenders and x-height letters
 * move a glyph box's top and bottom by up to ~3 pt from cap height and baseline.
 */
function placement(page: OcrPage, turned: 0 | 90 | 180) {
  const words = page.lines.flat();
  let matched = 0;
  let worst = 0;
  for (const e of expected) {
    const box = displayedBox(e, turned);
    const cx = (box[0]! + box[2]!) / 2;
    const cy = (box[1]! + box[3]!) / 2;
    const near = words
      .filter((w) => w.text === e.text)
      .map((w): [OcrWord, number] => [w, Math.hypot(w.x + w.width / 2 - cx, w.y + w.height / 2 - cy)])
      .sort((a, b) => a[1] - b[1])[0]?.[0];
    if (!near) continue;
    matched++;
    const got = [near.x, near.y, near.x + near.width, near.y + near.height];
    worst = Math.max(worst, ...got.map((v, i) => Math.abs(v - box[i]!)));
  }
  return { share: matched / expected.length, worst };
}

describe('OCR of a clean page', () => {
  it('reads the words of the page', () => {
    expect(wordRecall(PAGE_1.join('\n'), ocrPageText(clean))).toBeGreaterThanOrEqual(0.95);
    expect(clean.lines[0]!.map((w) => w.text).join(' ')).toBe('Report on the Surveillance Inquiry');
    expect(clean).toMatchObject({ width: W, height: H, orientation: 0, languages: 'eng', dpi: 300 });
    expect(Math.abs(clean.skew)).toBeLessThan(0.5);
    expect(clean.meanConfidence).toBeGreaterThan(85);
    expect(clean.engine).toMatch(
      /^tesseract\.js-core 7\.0\.0 \(Tesseract 5\.[^)]*\), eng 4\.0\.0_best_int, osd 4\.0\.0_best_int$/,
    );
  });

  it('places each word on its glyphs, within a few points of where the PDF drew them', () => {
    const { share, worst } = placement(clean, 0);
    expect(share).toBeGreaterThanOrEqual(0.95);
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('gives each character its extent along the word', () => {
    const words = clean.lines.flat();
    const withChars = words.filter((w) => w.chars !== null);
    expect(withChars.length / words.length).toBeGreaterThan(0.9);
    for (const w of withChars) {
      expect(w.chars).toHaveLength(2 * w.text.length);
      for (const v of w.chars!) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(w.width + 0.01);
      }
      // The first character starts near the word's left edge and the last ends near its right one.
      expect(w.chars![0]!).toBeLessThan(2);
      expect(w.chars!.at(-1)!).toBeGreaterThan(w.width - 2);
    }
  });

  it('finds each heading on its own page only', async () => {
    const second = await renderPdfPage(scanPdf([PAGE_1, PAGE_2]), 1);
    const text2 = ocrPageText(await read(second.png, W, H));
    expect(text2).toContain('Annex B: Export Licence Records');
    expect(text2).not.toContain('Surveillance Inquiry');
    expect(ocrPageText(clean)).not.toContain('Annex B');
  });
});

describe('OCR of worse scans', () => {
  it('reads a blurred, speckled JPEG photocopy', async () => {
    const copy = await degrade(page1);
    // The damage is real: pixels differ from the clean page by a fifth of the grey scale on average.
    expect(await meanDifference(copy, page1)).toBeGreaterThan(20);
    const page = await read(copy, W, H);
    expect(wordRecall(PAGE_1.join('\n'), ocrPageText(page))).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a page skewed by 2 degrees and reports the lean', async () => {
    const skewed = await turn(page1, 2);
    const page = await read(skewed.png, (skewed.width * 72) / 300, (skewed.height * 72) / 300);
    expect(wordRecall(PAGE_1.join('\n'), ocrPageText(page))).toBeGreaterThanOrEqual(0.95);
    expect(page.orientation).toBe(0);
    // Turned clockwise, the lines fall to the right: a negative lean.
    expect(page.skew).toBeGreaterThan(-2.7);
    expect(page.skew).toBeLessThan(-1.3);
  });

  for (const turned of [90, 180] as const) {
    it(`reads a page fed in turned ${turned} degrees, boxes on the displayed glyphs`, async () => {
      const sideways = await turn(page1, turned);
      const [w, h] = turned === 90 ? [H, W] : [W, H];
      expect([sideways.width, sideways.height]).toEqual([(w * 300) / 72, (h * 300) / 72]);
      const page = await read(sideways.png, w, h);
      expect(page.orientation).toBe(turned);
      expect(wordRecall(PAGE_1.join('\n'), ocrPageText(page))).toBeGreaterThanOrEqual(0.95);
      expect(page.lines[0]!.map((x) => x.text).join(' ')).toBe('Report on the Surveillance Inquiry');
      const { share, worst } = placement(page, turned);
      expect(share).toBeGreaterThanOrEqual(0.95);
      expect(worst).toBeLessThanOrEqual(4);
    });
  }
});

describe('OCR of a two-column page', () => {
  it('reads each column down before the next, as a reader does, not straight across both', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const rand = seededRandom(29);
    // Two columns of a letter-size page with a clear gutter (the left's lines end by ~300 pt).
    const left = fillerLines(rand, 12, 4);
    const right = fillerLines(rand, 12, 4);
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([W, H]);
    left.forEach((line, i) => page.drawText(line, { x: 72, y: H - 96 - i * 15, size: 10, font }));
    right.forEach((line, i) => page.drawText(line, { x: 340, y: H - 96 - i * 15, size: 10, font }));
    const drawn = await renderPdfPage(await doc.save(), 0);
    const text = ocrPageText(await read(drawn.png, W, H));
    // Every line of the left column comes before the first of the right, each read whole.
    const at = (line: string) => text.replace(/\s+/g, ' ').indexOf(line);
    for (const line of [...left, ...right]) expect(at(line), line).toBeGreaterThanOrEqual(0);
    expect(at(left.at(-1)!)).toBeLessThan(at(right[0]!));
  }, 60_000);
});
