/**
 * OCR on real-world pages from the pdf.js corpus beside the repo: born-digital pages of
 * tracemonkey.pdf are photocopied (drawn at 300 dpi, blurred, speckled, JPEG-compressed, one
 * fed in sideways) into an image-only PDF; Exhibit reads it, the manifest's phrases are found
 * by search on their pages, and the words read are compared with what poppler's pdftotext
 * extracts from the original pages (an independent reader). The corpus's own scan, a Russian
 * certificate of two 200 dpi JPEG pages, is read to the end without a failed page. Skipped,
 * with a message, where the corpus is absent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdfPage } from '../../electron/services/ocr/index.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { degrade, turn, wordRecall } from '../fixtures/ocr-scans.ts';

const CORPUS = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const MANIFEST = path.join(CORPUS, 'manifest.json');
const present = fs.existsSync(MANIFEST);
if (!present)
  console.warn(`Corpus OCR skipped: ${MANIFEST} not found (the corpus sits beside the repo in the development workplace only).`);

interface Entry {
  name: string;
  pages: number | null;
  phrases?: { page: number; phrase: string }[];
}
const entries: Entry[] = present ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: Entry[] }).files : [];
const entry = (name: string) => entries.find((e) => e.name === name)!;

/** The pages of the original to photocopy, and how each is fed to the scanner. */
const COPIED = [
  { page: 1, turned: 0 },
  { page: 14, turned: 90 },
];

/** An image-only PDF of the pages, photocopied; a turned page keeps its image as scanned (sideways). */
async function photocopy(original: Uint8Array): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const [i, c] of COPIED.entries()) {
    const drawn = await renderPdfPage(original, c.page - 1, { dpi: 300 });
    let png = await degrade(drawn.png, 40 + i);
    let [w, h] = [drawn.widthPt, drawn.heightPt];
    if (c.turned) {
      png = (await turn(png, c.turned)).png;
      [w, h] = [h, w];
    }
    const image = await out.embedPng(png);
    out.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  return out.save();
}

/** poppler's text of one page of a file. */
const popplerText = (file: string, page: number) =>
  spawnSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;

describe.skipIf(!present)('OCR on corpus pages', () => {
  let s: Services;
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-ocr-corpus-'));
    s = openServices({
      caseDir: path.join(dir, 'case'),
      create: true,
      actor: () => 'corpus',
      rememberCase: false,
      configDir: path.join(dir, 'config'),
      dataDir: path.join(dir, 'data'),
      pool: { size: 1, ocr: { size: 2 } },
    });
  });
  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads photocopied pages of tracemonkey.pdf, one fed sideways: phrases are found on their pages and the words match poppler', async () => {
    const source = path.join(CORPUS, 'tracemonkey.pdf');
    const file = path.join(dir, 'tracemonkey-photocopy.pdf');
    fs.writeFileSync(file, await photocopy(new Uint8Array(fs.readFileSync(source))));
    // Image only: poppler finds no text in the copy before Exhibit reads it.
    expect(popplerText(file, 1).trim()).toBe('');

    const [result] = await callTyped(s.router, 'import.start', { jobId: 'copy', paths: [file] });
    const documentId = result!.documentId!;
    await s.ocr.idle();
    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: 2, done: 2, failed: 0 });

    const phrases = entry('tracemonkey.pdf').phrases!;
    for (const [i, c] of COPIED.entries()) {
      const copyPage = i + 1;
      const read = (await callTyped(s.router, 'documents.page', { documentId, page: copyPage })).text;
      // A reader compares against an independent extraction of the original page.
      expect(wordRecall(popplerText(source, c.page), read), `words of original page ${c.page}`).toBeGreaterThanOrEqual(0.95);
      for (const p of phrases.filter((x) => x.page === c.page)) {
        const hits = await callTyped(s.router, 'search.query', { query: `"${p.phrase}"`, limit: 50 });
        expect(
          hits.results.filter((h) => h.documentId === documentId).map((h) => h.page),
          `"${p.phrase}" (original page ${c.page}${c.turned ? `, scanned turned ${c.turned}°` : ''})`,
        ).toEqual([copyPage]);
      }
    }
    // The sideways page was read upright: its reading records the turn.
    const turned = s.store.db
      .prepare('SELECT orientation FROM ocr_pages WHERE document_id = ? AND page_index = 1')
      .pluck()
      .get(documentId) as number;
    expect(turned % 180).toBe(90);
  }, 240_000);

  it("reads the corpus's own scan (two 200 dpi JPEG pages, Cyrillic) to the end, every page done and none failed", async () => {
    const file = path.join(CORPUS, 'issue7229.pdf');
    const [result] = await callTyped(s.router, 'import.start', { jobId: 'scan', paths: [file] });
    expect(result!.status).toBe('imported');
    const documentId = result!.documentId!;
    await s.ocr.idle();
    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: entry('issue7229.pdf').pages, done: 2, failed: 0 });
    for (const page of [1, 2]) {
      const { text } = await callTyped(s.router, 'documents.page', { documentId, page });
      // Read with English only (no Russian pack here), so the letters are not checked: that
      // the page was read into words is.
      expect(text.split(/\s+/).filter(Boolean).length, `words read on page ${page}`).toBeGreaterThan(20);
    }
  }, 240_000);
});
