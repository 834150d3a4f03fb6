/**
 * The whole way a reviewer goes with a scanned letter: import it, find a sentence in it,
 * highlight it, link it to an allegation, and hand over a bundle. The bundle's copy of the
 * scan keeps the original page image and carries the text read off it, so poppler (not
 * Exhibit) finds the sentence in it, and the highlight annotation sits on those words. An
 * image file's copy is a PDF of the image, searchable the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, type PDFArray, type PDFDict, type PDFNumber } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { callTyped } from '../../electron/services/router.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir } from './helpers.ts';

const LINES = [
  'Reply of the Company to the Special Rapporteurs',
  'The Company has never sold its product to the',
  'Ministry and denies any role in the operation.',
];

/** poppler's words of page 1 of `file`, with their boxes (PDF points, top-left origin). */
function popplerWords(file: string): { text: string; x0: number; y0: number; x1: number; y1: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }),
  );
}

describe('a scanned letter handed over', () => {
  it('bundles a searchable copy of the scan whose highlight sits on the words poppler finds', async () => {
    const dir = tempDir();
    const scan = await scanPdf(dir, { lines: LINES });
    const file = path.join(dir, 'company-reply.pdf');
    fs.writeFileSync(file, scan.pdf);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [imported] = await importFiles(s, [file]);
    await s.ocr.idle();
    const documentId = imported!.documentId!;

    const hits = await callTyped(s.router, 'search.query', { query: '"denies any role"' });
    expect(hits.results.map((h) => h.page)).toEqual([1]);
    const highlight = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, quote: 'denies any role' }],
    });
    const [allegation] = await callTyped(s.router, 'allegations.import', {
      text: '- The Company sold the product to the Ministry',
    });
    await callTyped(s.router, 'links.create', {
      highlightId: highlight.highlightId,
      allegationId: allegation!.allegationId,
      stance: 'denies',
    });

    const out = path.join(dir, 'bundle.zip');
    await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir: path.join(dir, 'config') });
    const files = await readAll(out);
    const copyName = [...files.keys()].find((k) => k.startsWith('data/annotated/') && k.endsWith('company-reply.pdf'))!;
    expect(copyName).toBeDefined();
    const copy = path.join(dir, 'copy.pdf');
    fs.writeFileSync(copy, files.get(copyName)!);

    // poppler reads the sentence off the bundle's copy.
    const text = execFileSync('pdftotext', [copy, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain('Ministry and denies any role in the operation.');
    // The page image is the original's, untouched.
    const images = (f: string) => execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' }).split('\n').slice(2).join('\n');
    expect(images(copy)).toBe(images(file));

    // The highlight annotation covers "denies any role" where poppler sees those words.
    const words = popplerWords(copy);
    const first = words.find((w) => w.text === 'denies')!;
    const last = words.find((w) => w.text === 'role')!;
    const doc = await PDFDocument.load(files.get(copyName)!);
    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots')) as PDFArray;
    const annot = annots.lookup(0) as PDFDict;
    const rect = (annot.lookup(PDFName.of('Rect')) as PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    const height = doc.getPage(0).getHeight();
    const [x0, y0, x1, y1] = rect as [number, number, number, number];
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(4);
    near(x0, first.x0);
    near(x1, last.x1);
    near(height - y1, first.y0);
    near(height - y0, first.y1);

    // The report says the quote was machine-read.
    const report = files.get('data/report/report.md')!.toString('utf8');
    const passage = report.slice(report.indexOf('denies any role'));
    expect(passage).toMatch(/^denies any role[^]*?Machine-read text \(OCR, confidence \d+%\): compare with the page image/);
    const html = files.get('data/report/report.html')!.toString('utf8');
    expect(html).toMatch(/<span class="machine-read">Machine-read text \(OCR, confidence \d+%\)/);
  }, 180_000);

  it('bundles an image document as a PDF of the image at its own resolution, searchable', async () => {
    const dir = tempDir();
    await scanPdf(dir, { lines: LINES });
    const file = path.join(dir, 'fax.png');
    // poppler's 100 dpi picture of the typed page: 850 x 1100 pixels.
    fs.copyFileSync(path.join(dir, 'typed.png'), file);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    await importFiles(s, [file]);
    await s.ocr.idle();
    const out = path.join(dir, 'bundle.zip');
    await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir: path.join(dir, 'config') });
    const files = await readAll(out);
    expect([...files.keys()].filter((k) => k.includes('fax.png'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/originals\/.*fax\.png$/),
        expect.stringMatching(/^data\/annotated\/.*fax\.png\.pdf$/),
      ]),
    );
    const name = [...files.keys()].find((k) => k.endsWith('fax.png.pdf'))!;
    const copy = path.join(dir, 'fax-copy.pdf');
    fs.writeFileSync(copy, files.get(name)!);
    expect(execFileSync('pdftotext', [copy, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(
      'The Company has never sold its product to the',
    );
    const list = execFileSync('pdfimages', ['-list', copy], { encoding: 'utf8' }).split('\n')[2]!.trim().split(/\s+/);
    // page, num, type, width, height: the image at its own 850 x 1100 pixels.
    expect(list.slice(3, 5)).toEqual(['850', '1100']);
  }, 180_000);
});
