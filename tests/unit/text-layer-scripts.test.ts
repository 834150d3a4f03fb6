/**
 * What the text layer gives back out, script by script: Arabic (drawn in visual order,
 * read back in reading order), Chinese (no DejaVu glyphs: the empty fallback font keeps it
 * extractable), Greek and Cyrillic, and the API's edges — a page the PDF lacks, pages with
 * no words, OCR measured at another scale than the page.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { addTextLayer, textLayerPdf } from '../../electron/services/report/text-layer.ts';
import { visualOrder } from '../../electron/services/report/text-layer/visual-order.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import type { OcrWord } from '../../shared/ocr.ts';
import { ocrPage, popplerLines } from '../fixtures/scan-pdf.ts';
import { tempDir } from './helpers.ts';

const word = (text: string, x: number, y: number, width: number, height = 20): OcrWord => ({
  text,
  x,
  y,
  width,
  height,
  confidence: 90,
  chars: null,
});

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([612, 792]);
  return doc.save({ useObjectStreams: false });
}

async function write(bytes: Uint8Array): Promise<string> {
  const file = path.join(tempDir(), 'layer.pdf');
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * pdftotext's text. poppler brackets right-to-left lines in embedding marks (U+202B ... U+202C)
 * for terminals; they are presentation, not text, and are dropped here.
 */
const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');

async function pdfjsLines(file: string): Promise<string[]> {
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(file)), null);
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
    return text.split('\n').map((l) => l.trim());
  } finally {
    await destroy();
  }
}

describe('text layer scripts', () => {
  // Lines in reading order; an Arabic line's first word is its rightmost.
  const lines: OcrWord[][] = [
    [word('مرحبا', 400, 100, 80)],
    [word('السلام', 420, 140, 70), word('عليكم', 342, 140, 70)],
    [word('北京', 72, 180, 40), word('办公室', 120, 180, 60)],
    [word('Ελλάδα', 72, 220, 70), word('Москва', 150, 220, 70), word('Zürich', 228, 220, 60)],
  ];
  const expected = ['مرحبا', 'السلام عليكم', '北京 办公室', 'Ελλάδα Москва Zürich'];

  it('pdftotext gives back every line as the OCR read it', async () => {
    const file = await write(await textLayerPdf(await blankPdf(), new Map([[0, ocrPage(lines, 612, 792)]])));
    expect(
      pdftotext(file)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ).toEqual(expected);
  });

  it('pdf.js gives back every line as the OCR read it', async () => {
    const file = await write(await textLayerPdf(await blankPdf(), new Map([[0, ocrPage(lines, 612, 792)]])));
    const got = (await pdfjsLines(file)).filter(Boolean);
    for (const line of expected) expect(got).toContain(line);
  });

  it('reports the characters drawn with the fallback font, and keeps CJK words on their boxes', async () => {
    const doc = await PDFDocument.load(await blankPdf());
    const report = await addTextLayer(doc, new Map([[0, ocrPage(lines, 612, 792)]]));
    expect(report).toEqual({ pages: [0], words: 8, fallbackChars: ['北', '京', '办', '公', '室'] });
    const file = await write(await doc.save());
    const boxes = popplerLines(file).flat();
    const beijing = boxes.find((b) => b.text === '北京')!;
    expect(Math.abs(beijing.x - 72)).toBeLessThan(1.5);
    expect(Math.abs(beijing.x + beijing.width - 112)).toBeLessThan(1.5);
  });

  it('scales OCR measured at another resolution onto the page', async () => {
    // The same words read off a 2x picture: coordinates twice as large, and a page to match.
    const twice = lines.map((l) => l.map((w) => ({ ...w, x: w.x * 2, y: w.y * 2, width: w.width * 2, height: w.height * 2 })));
    const file = await write(await textLayerPdf(await blankPdf(), new Map([[0, ocrPage(twice, 1224, 1584)]])));
    const zurich = popplerLines(file)
      .flat()
      .find((b) => b.text === 'Zürich')!;
    expect(Math.abs(zurich.x - 228)).toBeLessThan(1.5);
    expect(Math.abs(zurich.y - 220)).toBeLessThan(1.5);
  });

  it('refuses a page the PDF lacks, naming it', async () => {
    await expect(textLayerPdf(await blankPdf(), new Map([[3, ocrPage(lines, 612, 792)]]))).rejects.toThrow(
      /page 4, which the PDF lacks/,
    );
  });

  it('leaves a page without words as it was, and embeds no font', async () => {
    const original = await blankPdf();
    const doc = await PDFDocument.load(original);
    const report = await addTextLayer(doc, new Map([[0, ocrPage([[word('  ', 10, 10, 10)]], 612, 792)]]));
    expect(report).toEqual({ pages: [], words: 0, fallbackChars: [] });
    expect(
      execFileSync('pdffonts', [await write(await doc.save())], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toHaveLength(2);
  });
});

describe('visual order of a word', () => {
  it('reverses right-to-left letters and keeps digits and Latin in their order', () => {
    expect(visualOrder('Zürich')).toEqual([...'Zürich']);
    expect(visualOrder('مرحبا').join('')).toBe('ابحرم');
    expect(visualOrder('عام2024').join('')).toBe('2024ماع');
  });
});
