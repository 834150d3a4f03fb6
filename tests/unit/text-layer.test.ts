/**
 * The invisible text layer over scanned pages, checked with tools that share no code with
 * it: poppler reads the words in order and puts each on its box, pdf.js finds the phrases,
 * the page renders to the same pixels with and without the layer, and qpdf shows the
 * picture and the page's own content streams byte for byte as they were — on upright
 * pages, on pages with /Rotate 90, with a media box away from 0,0 and a crop box, and
 * with text turned a half and a quarter.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { textLayerPdf } from '../../electron/services/report/text-layer.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import { popplerLines, scanPdf, type ScanOptions } from '../fixtures/scan-pdf.ts';
import { tempDir } from './helpers.ts';

const LINES = ['Dear Sir, we received your letter of 5 August.', 'Élodie répond à la société: non, jamais.'];

const CASES: [string, Omit<ScanOptions, 'lines'>][] = [
  ['an upright page', {}],
  ['a page with /Rotate 90', { rotate: 90 }],
  ['a media box away from 0,0 with a crop box', { origin: [100, -250], cropMargin: 18 }],
  ['text turned upside down (orientation 180)', { orientation: 180 }],
  ['text turned a quarter on a page with /Rotate 270', { orientation: 90, rotate: 270 }],
];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { maxBuffer: 1 << 28 });

/** The raw (still encoded) bytes of object `n`'s stream, as qpdf reads them. */
const rawStream = (file: string, n: number) => run('qpdf', [`--show-object=${n}`, '--raw-stream-data', file]);

async function layered(opts: Omit<ScanOptions, 'lines'>) {
  const dir = tempDir();
  const scan = await scanPdf(dir, { lines: LINES, ...opts });
  const before = path.join(dir, 'scan.pdf');
  const after = path.join(dir, 'searchable.pdf');
  fs.writeFileSync(before, scan.pdf);
  fs.writeFileSync(after, await textLayerPdf(scan.pdf, new Map([[0, scan.ocr]])));
  return { dir, scan, before, after };
}

/** pdf.js's text of page 1: items joined, a newline where pdf.js marks a line's end. */
async function pdfjsText(file: string): Promise<string> {
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(file)), null);
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    return content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
  } finally {
    await destroy();
  }
}

describe.each(CASES)('text layer on %s', (_name, opts) => {
  it('pdftotext reads the words in order, each on its box within 1.5 pt', async () => {
    const { scan, after } = await layered(opts);
    const text = run('pdftotext', ['-cropbox', after, '-']).toString('utf8');
    expect(text.split(/\s+/).filter(Boolean)).toEqual(scan.words);
    expect(text.trim().split('\n')).toEqual(LINES);
    const got = popplerLines(after, true).flat();
    const want = scan.ocr.lines.flat();
    expect(got.map((w) => w.text)).toEqual(want.map((w) => w.text));
    got.forEach((g, i) => {
      const w = want[i]!;
      const off = Math.max(
        Math.abs(g.x - w.x),
        Math.abs(g.y - w.y),
        Math.abs(g.x + g.width - (w.x + w.width)),
        Math.abs(g.y + g.height - (w.y + w.height)),
      );
      expect(off, `${w.text}'s box`).toBeLessThan(1.5);
    });
  });

  it('pdf.js finds the phrases, with spaces between the words', async () => {
    const { after } = await layered(opts);
    const text = await pdfjsText(after);
    expect(text).toContain('we received your letter of 5 August.');
    expect(text).toContain('Élodie répond à la société: non, jamais.');
  });

  it('renders to the same pixels as the scan: the words are invisible', async () => {
    const { dir, before, after } = await layered(opts);
    run('pdftoppm', ['-r', '40', '-gray', '-singlefile', before, path.join(dir, 'before')]);
    run('pdftoppm', ['-r', '40', '-gray', '-singlefile', after, path.join(dir, 'after')]);
    const a = fs.readFileSync(path.join(dir, 'before.pgm'));
    const b = fs.readFileSync(path.join(dir, 'after.pgm'));
    // The scan is not blank, so equal pixels mean the picture is drawn and nothing over it.
    expect(new Set(a.subarray(-10_000)).size).toBeGreaterThan(1);
    expect(b.equals(a)).toBe(true);
  });

  it("keeps the picture and the page's own content streams byte for byte", async () => {
    const { scan, before, after } = await layered(opts);
    expect(rawStream(after, scan.imageObject).equals(rawStream(before, scan.imageObject))).toBe(true);
    // pdfimages describes the same one picture (size, colour, compression, object) in both.
    const list = (f: string) => run('pdfimages', ['-list', f]).toString('utf8');
    expect(list(after)).toBe(list(before));
    expect(list(before).trim().split('\n')).toHaveLength(3);
    const original = await PDFDocument.load(scan.pdf);
    const contents = original.getPage(0).node.Contents();
    if (!(contents instanceof PDFArray)) throw new Error('expected a contents array');
    const refs = contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(rawStream(after, r.objectNumber).equals(rawStream(before, r.objectNumber))).toBe(true);
    // The original streams stay in place, bracketed by q and Q so that a graphics state they
    // leave behind cannot move the layer, which comes last.
    const layeredDoc = await PDFDocument.load(fs.readFileSync(after));
    const now = layeredDoc.getPage(0).node.Contents() as PDFArray;
    const numbers = now.asArray().map((r) => (r as PDFRef).objectNumber);
    expect(numbers).toHaveLength(refs.length + 3);
    expect(numbers.slice(1, -2)).toEqual(refs.map((r) => r.objectNumber));
    const decoded = (n: number) =>
      run('qpdf', [`--show-object=${n}`, '--filtered-stream-data', after])
        .toString('latin1')
        .trim();
    expect([decoded(numbers[0]!), decoded(numbers.at(-2)!)]).toEqual(['q', 'Q']);
    expect(decoded(numbers.at(-1)!)).toMatch(/^q\n[-\d. ]+ cm\nBT\n3 Tr\n/);
  });
});
