/**
 * A scan becomes a document like any other: imported at once, its pages read in the
 * background through the worker pool, then searchable and quotable, with highlight boxes
 * on the words where poppler sees them in the typed original. Only the pages without text
 * of a mixed PDF are read; an image file imports as a document of its own; the queue lives
 * in the case, so reading that was stopped goes on when the case is opened again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { scanPdf, popplerLines } from '../fixtures/scan-pdf.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { importFiles, newCase, tempDir } from './helpers.ts';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
];

/** A 2-page PDF: page 1 typed (a text layer), page 2 the scan of LINES (an image only). */
async function mixedPdf(dir: string): Promise<Uint8Array> {
  const scan = await scanPdf(dir, { lines: LINES });
  const typed = await PDFDocument.load(buildPdf({ pages: [{ lines: ['Annex A: the covering note, typed.'] }] }));
  const scanned = await PDFDocument.load(scan.pdf);
  const [page] = await typed.copyPages(scanned, [0]);
  typed.addPage(page!);
  return typed.save();
}

describe('reading scans in a case', () => {
  it('reads only the image page of a mixed PDF, then finds and highlights its words where they are', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reply.pdf');
    fs.writeFileSync(file, await mixedPdf(dir));
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [result] = await importFiles(s, [file]);
    expect(result!.status).toBe('imported');
    const documentId = result!.documentId!;
    // Queued in the same transaction as the document: page 2 only.
    expect(s.store.db.prepare('SELECT page_index, state FROM ocr_pages').all()).toEqual([{ page_index: 1, state: 'queued' }]);
    await s.ocr.idle();

    const [status] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(status).toMatchObject({ pages: 1, done: 1, queued: 0, failed: 0, languages: 'eng' });
    expect(status!.confidence).toBeGreaterThan(70);
    const hits = await callTyped(s.router, 'search.query', { query: '"export licence"' });
    expect(hits.results.map((h) => [h.documentId, h.page])).toEqual([[documentId, 2]]);

    const highlight = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 2, quote: 'surveillance contract' }],
    });
    const rects = highlight.targets[0]!.rects;
    expect(rects).toHaveLength(1);
    // poppler's boxes of the same words on the typed page (top-left origin) against ours (PDF user space).
    const typed = path.join(dir, 'typed.pdf');
    const words = popplerLines(typed).flat();
    const first = words.find((w) => w.text === 'surveillance')!;
    const last = words.find((w) => w.text === 'contract')!;
    const [x0, y0, x1, y1] = rects[0]!;
    const tolerance = 4;
    expect(Math.abs(x0 - first.x)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(x1 - (last.x + last.width))).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(792 - y1 - first.y)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(792 - y0 - (first.y + first.height))).toBeLessThanOrEqual(tolerance);

    // The typed page kept its own text; the audit log says what was read, with what.
    const page1 = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    expect(page1.text).toContain('Annex A: the covering note, typed.');
    const audit = s.store.db.prepare(`SELECT payload FROM audit WHERE action = 'document.ocr'`).pluck().all() as string[];
    expect(audit.map((p) => JSON.parse(p) as { pages: number; languages: string })).toMatchObject([
      { pages: 1, languages: 'eng' },
    ]);
  }, 120_000);

  it('imports a PNG scan as an image document of its own size and reads it', async () => {
    const dir = tempDir();
    await scanPdf(dir, { lines: LINES });
    // The picture poppler drew of the typed page, at 100 dpi, saved with that resolution.
    const png = await sharp(fs.readFileSync(path.join(dir, 'typed.png')))
      .withMetadata({ density: 100 })
      .png()
      .toBuffer();
    const file = path.join(dir, 'fax.png');
    fs.writeFileSync(file, png);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [result] = await importFiles(s, [file]);
    expect(result).toMatchObject({ status: 'imported', pages: 1 });
    const doc = await callTyped(s.router, 'documents.get', { documentId: result!.documentId! });
    expect(doc).toMatchObject({ kind: 'image', title: 'fax', pages: 1 });
    await s.ocr.idle();
    const hits = await callTyped(s.router, 'search.query', { query: 'Ministry acknowledges' });
    expect(hits.results).toHaveLength(1);
    const page = await callTyped(s.router, 'documents.page', { documentId: result!.documentId!, page: 1 });
    expect(page.text).toContain('We deny that any export licence was granted.');
  }, 120_000);

  it('leaves pages queued when the case closes mid-way, and reads them when it opens again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reply.pdf');
    fs.writeFileSync(file, await mixedPdf(dir));
    const caseDir = path.join(tempDir(), 'case');
    const home = tempDir('exhibit-user-');
    const open = () =>
      openServices({
        caseDir,
        create: true,
        pool: { size: 1, ocr: { size: 1 } },
        actor: () => 'Test Reviewer',
        configDir: path.join(home, 'config'),
        dataDir: path.join(home, 'data'),
        rememberCase: false,
        backup: false,
      });
    const first = open();
    await importFiles(first, [file]);
    await first.close();
    const queued = (db: ReturnType<typeof open>['store']['db']) =>
      db.prepare(`SELECT count(*) FROM ocr_pages WHERE state = 'queued'`).pluck().get();
    const again = open();
    try {
      // Nothing read twice, nothing lost: the page is either still queued or was read before the close.
      expect([0, 1]).toContain(queued(again.store.db));
      await again.ocr.idle();
      expect(queued(again.store.db)).toBe(0);
      const hits = await callTyped(again.router, 'search.query', { query: 'surveillance' });
      expect(hits.results).toHaveLength(1);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('with ocr false leaves scans unread, and ocr.run reads them later; a missing pack is named', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'reply.pdf');
    fs.writeFileSync(file, await mixedPdf(dir));
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [result] = await callTyped(s.router, 'import.start', { jobId: 'no-ocr', paths: [file], ocr: false });
    expect(s.store.db.prepare('SELECT count(*) FROM ocr_pages').pluck().get()).toBe(0);
    const documentId = result!.documentId!;
    await expect(callTyped(s.router, 'ocr.run', { documentId, languages: 'eng+spa' })).rejects.toThrow(
      /OCR language pack "spa" is not installed/,
    );
    const status = await callTyped(s.router, 'ocr.run', { documentId });
    expect(status).toMatchObject({ pages: 1 });
    await s.ocr.idle();
    const [after] = await callTyped(s.router, 'ocr.status', { documentId });
    expect(after).toMatchObject({ done: 1, queued: 0 });
  }, 120_000);
});
