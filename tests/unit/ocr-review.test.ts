/**
 * Reviewing a reading through the router, on real cases and real OCR: ocr.page gives each
 * word read off a page with its box on the page as the viewer shows it and its confidence
 * (null for a typed page); a smudged scan is flagged page by page and word by word;
 * highlights that drift when a page is read again are counted; Re-run OCR reads a
 * document again in the languages asked for, with a pack added from a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { storeOcrPage } from '../../electron/services/ocr/queue.ts';
import type { OcrPage } from '../../shared/ocr.ts';
import { LOW_CONFIDENCE } from '../../shared/ocr.ts';
import { DOUBTFUL_LINES, doubtfulScanPng } from '../fixtures/doubtful-scan.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { wordRecall } from '../fixtures/ocr-scans.ts';
import { popplerLines, scanPdf } from '../fixtures/scan-pdf.ts';
import { frenchPack } from '../fixtures/language-packs.ts';
import { importFiles, newCase, tempDir } from './helpers.ts';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
];

/** A 2-page PDF: page 1 typed, page 2 the scan of LINES (an image only); and the typed original of the scan. */
async function mixedPdf(dir: string): Promise<{ file: string; typed: string }> {
  const scan = await scanPdf(dir, { lines: LINES });
  const doc = await PDFDocument.load(buildPdf({ pages: [{ lines: ['Annex A: the covering note, typed.'] }] }));
  const [page] = await doc.copyPages(await PDFDocument.load(scan.pdf), [0]);
  doc.addPage(page!);
  const file = path.join(dir, 'reply.pdf');
  fs.writeFileSync(file, await doc.save());
  return { file, typed: path.join(dir, 'typed.pdf') };
}

describe('ocr.page', () => {
  it('gives each word read with its box where the viewer shows it, null for a typed page', async () => {
    const dir = tempDir();
    const { file, typed } = await mixedPdf(dir);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [doc] = await importFiles(s, [file]);
    const documentId = doc!.documentId!;
    await s.ocr.idle();

    expect(await callTyped(s.router, 'ocr.page', { documentId, page: 1 })).toBeNull();
    const reading = (await callTyped(s.router, 'ocr.page', { documentId, page: 2 }))!;
    expect(reading).toMatchObject({ documentId, page: 2, width: 612, height: 792, orientation: 0, languages: 'eng' });
    expect(reading.engine).toMatch(/^tesseract\.js-core /);
    const read = reading.words.map((w) => w.text).join(' ');
    expect(wordRecall(LINES.join(' '), read)).toBeGreaterThanOrEqual(0.9);
    expect(reading.confidence).toBeGreaterThan(LOW_CONFIDENCE);
    const sure = reading.words.filter((w) => w.confidence > LOW_CONFIDENCE);
    expect(sure.length).toBeGreaterThanOrEqual(reading.words.length - 2);

    // Against poppler's boxes of the same words on the typed original: along the line each word
    // keeps its own box; across, it spans its line's band, which holds the glyphs. A word beside a
    // misread one may have taken in the letter lost from it ("of June" read "of une"), so one may miss.
    const truth = popplerLines(typed).flat();
    const misplaced: string[] = [];
    let compared = 0;
    for (const w of reading.words) {
      const at = truth.findIndex((t) => t.text === w.text);
      if (at < 0) continue; // misread: nothing to compare with
      const [t] = truth.splice(at, 1);
      compared++;
      const off = Math.max(
        Math.abs(w.box.x - t!.x),
        Math.abs(w.box.x + w.box.width - (t!.x + t!.width)),
        w.box.y - (t!.y + 3),
        t!.y + t!.height - 3 - (w.box.y + w.box.height),
      );
      if (off > 4 || w.box.height > 20) misplaced.push(`${w.text} ${JSON.stringify(w.box)}`);
    }
    expect(compared).toBeGreaterThanOrEqual(20);
    expect(misplaced.length, misplaced.join('; ')).toBeLessThanOrEqual(1);

    await expect(callTyped(s.router, 'ocr.page', { documentId, page: 3 })).rejects.toThrow('The document has no page 3');
    await expect(callTyped(s.router, 'ocr.page', { documentId: 'no-such-doc', page: 1 })).rejects.toThrow(
      'No document "no-such-doc" in this case',
    );
    expect(await s.router.call('ocr.page', { documentId, page: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args', subject: 'page' },
    });
  }, 120_000);

  it('flags a smudged scan: the page below the threshold, its smudged words below it, its crisp words above', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'smudged-reply.png');
    fs.writeFileSync(file, await doubtfulScanPng());
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [doc] = await importFiles(s, [file]);
    const documentId = doc!.documentId!;
    await s.ocr.idle();

    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: 1, done: 1, lowConfidencePages: [1], driftedHighlights: 0 });
    const reading = (await callTyped(s.router, 'ocr.page', { documentId, page: 1 }))!;
    expect(reading.confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(reading.confidence).toBe(status!.confidence);
    const crisp = DOUBTFUL_LINES[0]!.split(' ');
    expect(reading.words.slice(0, crisp.length).map((w) => w.text)).toEqual(crisp);
    for (const w of reading.words.slice(0, crisp.length)) expect(w.confidence, w.text).toBeGreaterThan(LOW_CONFIDENCE);
    const smudged = reading.words.slice(crisp.length);
    expect(smudged.filter((w) => w.confidence < LOW_CONFIDENCE).length).toBeGreaterThan(smudged.length / 2);
  }, 120_000);

  it('does not flag a page on which no word was found: it is empty, not doubtful', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'blank-back.pdf');
    fs.writeFileSync(file, buildPdf({ pages: [{ lines: [] }] }));
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [doc] = await importFiles(s, [file]);
    const documentId = doc!.documentId!;
    await s.ocr.idle();
    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ done: 1, lowConfidencePages: [] });
    expect(await callTyped(s.router, 'ocr.page', { documentId, page: 1 })).toMatchObject({ words: [], confidence: 0 });
  }, 120_000);
});

describe('drifted highlights', () => {
  it('counts the highlights whose words changed when a page was read again', async () => {
    const dir = tempDir();
    const { file } = await mixedPdf(dir);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [doc] = await importFiles(s, [file]);
    const documentId = doc!.documentId!;
    await s.ocr.idle();
    await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, quote: 'export licence' }] });
    await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, quote: 'acknowledges receipt' }] });

    // A second reading that differs in one word, stored as the runner stores one.
    const stored = s.store.db
      .prepare(`SELECT result FROM ocr_pages WHERE document_id = ? AND page_index = 1`)
      .pluck()
      .get(documentId) as string;
    const first = JSON.parse(stored) as OcrPage;
    const again: OcrPage = {
      ...first,
      lines: first.lines.map((line) => line.map((w) => (w.text === 'licence' ? { ...w, text: 'licenee', chars: null } : w))),
    };
    storeOcrPage(s.store.db, documentId, 1, again, 'Test Reviewer');

    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status!.driftedHighlights).toBe(1);
    const listed = await callTyped(s.router, 'highlights.list', { documentId });
    const marks = listed.map((h) => h.targets[0]!.drifted && [h.targets[0]!.drifted.previousQuote, h.targets[0]!.drifted.kind]);
    expect(marks.filter(Boolean)).toEqual([['export licence', 'approximate']]);
  }, 120_000);
});

describe('Re-run OCR with a language pack added from a file', () => {
  it('adds French from a .traineddata.gz the reviewer has, then reads the scan again in English + French', async () => {
    const dir = tempDir();
    const { file } = await mixedPdf(dir);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [doc] = await importFiles(s, [file]);
    const documentId = doc!.documentId!;
    await s.ocr.idle();

    const before = await callTyped(s.router, 'ocr.languages', {});
    expect(before.find((l) => l.code === 'fra')).toEqual({ code: 'fra', label: 'French', installed: false });
    const pack = frenchPack(dir, 'fra.traineddata.gz');
    const after = await callTyped(s.router, 'ocr.addLanguage', { path: pack });
    expect(after.find((l) => l.code === 'fra')).toEqual({ code: 'fra', label: 'French', installed: true });
    expect(after.map((l) => l.code)).toEqual(['ara', 'chi_sim', 'eng', 'fra', 'rus', 'spa']);

    const queued = await callTyped(s.router, 'ocr.run', { documentId, languages: 'eng+fra', force: true });
    expect(queued).toMatchObject({ queued: 1, languages: 'eng+fra' });
    await s.ocr.idle();
    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ done: 1, queued: 0, failed: 0, languages: 'eng+fra', lowConfidencePages: [] });
    const reading = (await callTyped(s.router, 'ocr.page', { documentId, page: 2 }))!;
    expect(reading.languages).toBe('eng+fra');
    expect(reading.engine).toMatch(/, fra pack [0-9a-f]{12}, /);
    expect(wordRecall(LINES.join(' '), reading.words.map((w) => w.text).join(' '))).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
