/**
 * Every kind of document as a court bundle's source: an unencrypted PDF whose pages are the
 * document's. Checked with tools that are not Exhibit's: poppler reads the text back, qpdf
 * checks the structure and says whether the file is encrypted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PDFRef } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExhibitError } from '../../shared/errors.ts';
import type { DocumentSummary } from '../../shared/ipc/contract.ts';
import { blobPath } from '../../electron/services/case/blobs.ts';
import type { CourtBuildContext } from '../../electron/services/court/build.ts';
import { checkSource, sourcePdf, type SourceOptions } from '../../electron/services/court/sources.ts';
import { enqueuePages, storeOcrPage } from '../../electron/services/ocr/queue.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { newCase, tempDir } from './helpers.ts';

const PASSWORD = 'Rapporteur-2021';
const PLAIN: SourceOptions = { highlights: false, notes: false };

let jobs = 0;
/** Import without reading any page with OCR: the tests store what OCR "read" themselves. */
async function importOne(s: Services, file: string, password?: string): Promise<DocumentSummary> {
  const [r] = await callTyped(s.router, 'import.start', {
    jobId: `court-src-${++jobs}`,
    paths: [file],
    ocr: false,
    ...(password ? { password } : {}),
  });
  expect(r!.status, r!.error ?? '').toBe('imported');
  const docs = await callTyped(s.router, 'documents.list', {});
  return docs.find((d) => d.documentId === r!.documentId)!;
}

function contextOf(s: Services, held: Record<string, string> = {}): CourtBuildContext {
  return { store: s.store, pool: s.pool, sessionPassword: (sha) => held[sha] ?? null };
}

const squash = (t: string) => t.replace(/\s+/g, ' ').trim();

function caseTexts(s: Services, documentId: string): string[] {
  return s.store.db
    .prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY page_index')
    .pluck()
    .all(documentId) as string[];
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** poppler's text of one page (1-based). */
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });

/** qpdf's verdict: the check is clean (exit 0, no warnings) and the file is not encrypted. */
function expectCleanUnencrypted(file: string): void {
  const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  expect(check.stderr).toBe('');
  expect(execFileSync('qpdf', ['--show-encryption', file], { encoding: 'utf8' })).toMatch(/File is not encrypted/);
}

/** The raw (still compressed) data of every image XObject drawn on a page. */
function pageImages(page: PDFPage): Uint8Array[] {
  const resources = page.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return [];
  return xobjects
    .values()
    .map((v) => page.doc.context.lookup(v))
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((o) => o.contents);
}

async function rejection(p: Promise<unknown>): Promise<ExhibitError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExhibitError);
  return err as ExhibitError;
}

const LETTER = [
  ['The Ministry has received the communication of the Special Rapporteurs', 'dated 2 September and replies as follows.'],
  ['No export licence was granted for the devices named', 'in the annex to the communication.'],
];

describe('court bundle sources: encrypted PDFs', () => {
  it('are decrypted with the session password or one given, pages and text as in the case, qpdf clean', async () => {
    const dir = tempDir();
    const plain = write(dir, 'reply.pdf', buildPdf({ pages: LETTER.map((lines) => ({ lines })) }));
    const locked = path.join(dir, 'reply-locked.pdf');
    execFileSync('qpdf', ['--encrypt', PASSWORD, 'owner-secret', '256', '--', plain, locked]);
    const s = newCase({ size: 1 });
    const doc = await importOne(s, locked, PASSWORD);
    const texts = caseTexts(s, doc.documentId);
    expect(texts).toHaveLength(2);

    const check = async (bytes: Uint8Array, name: string) => {
      const out = write(dir, name, bytes);
      expectCleanUnencrypted(out);
      expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
      for (const [i, text] of texts.entries()) expect(squash(pageText(out, i + 1))).toBe(squash(text));
    };

    // The password held this session.
    const held = contextOf(s, { [doc.sha256]: PASSWORD });
    await checkSource(held, doc, PLAIN);
    const fromSession = await sourcePdf(held, doc, PLAIN);
    expect(fromSession).toMatchObject({ documentId: doc.documentId, highlightsDrawn: false });
    await check(fromSession.bytes, 'from-session.pdf');

    // None held: the passwords given to the build are tried in turn.
    const given = { ...PLAIN, passwords: ['not-this-one', PASSWORD] };
    await checkSource(contextOf(s), doc, given);
    await check((await sourcePdf(contextOf(s), doc, given)).bytes, 'from-given.pdf');

    // None at all: refused before anything is made, naming the document and how to give it.
    for (const run of [checkSource, sourcePdf]) {
      const missing = await rejection(run(contextOf(s), doc, PLAIN));
      expect(missing.code).toBe('password-required');
      expect(missing.subject).toBe(doc.title);
      expect(missing.message).toContain(`"${doc.title}"`);
      expect(missing.message).toMatch(/password dialog/);
      expect(missing.message).toMatch(/--password/);
      // A wrong one, whether held or given.
      const wrong = await rejection(run(contextOf(s, { [doc.sha256]: 'stale' }), doc, { ...PLAIN, passwords: ['guess'] }));
      expect(wrong.code).toBe('password-incorrect');
      expect(wrong.subject).toBe(doc.title);
      expect(wrong.message).toMatch(/none of the 2 passwords tried opens it/);
    }
  }, 60_000);
});

describe('court bundle sources: scans', () => {
  it("carry the OCR words as a text layer over the scan's own page images, encrypted or not", async () => {
    const dir = tempDir();
    const lines = ['The Embassy presents its compliments to the Special', 'Rapporteurs and has the honour to reply.'];
    const scan = await scanPdf(dir, { lines });
    const plain = write(dir, 'note-verbale.pdf', scan.pdf);
    const locked = path.join(dir, 'note-verbale-locked.pdf');
    execFileSync('qpdf', ['--encrypt', PASSWORD, 'owner-secret', '256', '--', plain, locked]);
    const s = newCase({ size: 1 });
    const original = (await PDFDocument.load(scan.pdf)).getPage(0);
    const originalImages = pageImages(original);
    expect(originalImages).toHaveLength(1);

    for (const [file, password] of [
      [plain, undefined],
      [locked, PASSWORD],
    ] as const) {
      const doc = await importOne(s, file, password);
      // Nothing on the page but a picture, until OCR has read it.
      expect(doc.textLayer).toBe(false);
      enqueuePages(s.store.db, doc.documentId, [0], 'eng');
      storeOcrPage(s.store.db, doc.documentId, 0, scan.ocr, 'Test Reviewer');
      const ctx = contextOf(s, password ? { [doc.sha256]: password } : {});
      await checkSource(ctx, doc, PLAIN);
      const source = await sourcePdf(ctx, doc, PLAIN);
      const out = write(dir, `source-${path.basename(file)}`, source.bytes);
      expectCleanUnencrypted(out);
      expect(squash(pageText(out, 1))).toContain('has the honour to reply');
      expect(squash(pageText(out, 1))).toContain('presents its compliments');
      // The scan's picture is the one scanned, byte for byte; only a text layer was added.
      const page = (await PDFDocument.load(source.bytes)).getPage(0);
      expect(pageImages(page)).toEqual(originalImages);
      expect(page.getMediaBox()).toEqual(original.getMediaBox());
    }
  }, 60_000);
});

describe('court bundle sources: image documents', () => {
  it('become a PDF of the image at its own resolution, searchable from its OCR words', async () => {
    const dir = tempDir();
    const scan = await scanPdf(dir, { lines: ['Photograph of the shipping manifest', 'received from the port authority.'] });
    // scanPdf drew the typed page at 100 dpi: 850 x 1100 pixels, a US Letter page.
    const png = await sharp(path.join(dir, 'typed.png')).withMetadata({ density: 100 }).png().toBuffer();
    const file = write(dir, 'manifest.png', png);
    const s = newCase({ size: 1 });
    const doc = await importOne(s, file);
    expect(doc.kind).toBe('image');
    enqueuePages(s.store.db, doc.documentId, [0], 'eng');
    storeOcrPage(s.store.db, doc.documentId, 0, scan.ocr, 'Test Reviewer');

    await checkSource(contextOf(s), doc, PLAIN);
    const source = await sourcePdf(contextOf(s), doc, PLAIN);
    const out = write(dir, 'manifest-source.pdf', source.bytes);
    expectCleanUnencrypted(out);
    const pdf = await PDFDocument.load(source.bytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([width, height]).toEqual([(850 / 100) * 72, (1100 / 100) * 72]);
    expect(squash(pageText(out, 1))).toContain('received from the port authority');
    // The image is in it whole: one picture of 850 x 1100 pixels.
    const list = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n')[2]!.trim().split(/\s+/);
    expect(list.slice(3, 5)).toEqual(['850', '1100']);
  }, 60_000);
});

/** Each Highlight annotation of a page: its rectangle (user space) and its text. */
function highlightsOn(page: PDFPage): { rect: number[]; contents: string }[] {
  const annots = page.node.Annots();
  if (!(annots instanceof PDFArray)) return [];
  return annots
    .asArray()
    .map((ref) => page.doc.context.lookup(ref as PDFRef, PDFDict))
    .filter((a) => a.get(PDFName.of('Subtype')) === PDFName.of('Highlight'))
    .map((a) => ({
      rect: a
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => Number(n.toString())),
      contents: a.lookup(PDFName.of('Contents'), PDFHexString).decodeText(),
    }));
}

/** poppler's words of page 1 whose boxes lie inside `rect` (PDF user space, origin bottom-left). */
function wordsInside(file: string, rect: number[], pageHeight: number): string[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  const [x1, y1, x2, y2] = rect as [number, number, number, number];
  return [...xml.matchAll(/<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]*)<\/word>/g)]
    .filter((m) => {
      const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      const cx = (a + c) / 2;
      const cy = pageHeight - (b + d) / 2;
      return cx > x1 && cx < x2 && cy > y1 && cy < y2;
    })
    .map((m) => m[5]!);
}

describe('court bundle sources: plain-text letters', () => {
  it('are typeset with their text, and with highlights drawn by the rendition when asked (notes only when asked)', async () => {
    const dir = tempDir();
    const text = `${LETTER[0]!.join('\n')}\n\f${LETTER[1]!.join('\n')}\n`;
    const file = write(dir, 'reply.txt', new TextEncoder().encode(text));
    const s = newCase({ size: 1 });
    const doc = await importOne(s, file);
    expect(doc.kind).toBe('text');
    await callTyped(s.router, 'highlights.create', {
      documentId: doc.documentId,
      targets: [{ page: 2, quote: 'No export licence was granted' }],
      note: 'Flat denial',
    });
    const ctx = contextOf(s);
    await checkSource(ctx, doc, PLAIN);

    const clean = await sourcePdf(ctx, doc, { ...PLAIN, paper: 'a4' });
    expect(clean.highlightsDrawn).toBe(false);
    const cleanFile = write(dir, 'clean.pdf', clean.bytes);
    expectCleanUnencrypted(cleanFile);
    const cleanPdf = await PDFDocument.load(clean.bytes);
    expect(cleanPdf.getPageCount()).toBe(2);
    expect(cleanPdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    for (const [i, lines] of LETTER.entries()) expect(squash(pageText(cleanFile, i + 1))).toContain(squash(lines.join(' ')));
    expect(cleanPdf.getPages().flatMap(highlightsOn)).toEqual([]);

    for (const notes of [false, true]) {
      const marked = await sourcePdf(ctx, doc, { highlights: true, notes, paper: 'a4' });
      expect(marked.highlightsDrawn).toBe(true);
      const pdf = await PDFDocument.load(marked.bytes);
      expect(highlightsOn(pdf.getPage(0))).toEqual([]);
      const [h, ...more] = highlightsOn(pdf.getPage(1));
      expect(more).toEqual([]);
      // Over the quoted words on the typeset sheet, and nothing else.
      const second = write(dir, `marked-${notes}.pdf`, await pageOf(marked.bytes, 1));
      expect(wordsInside(second, h!.rect, 841.89).join(' ')).toBe('No export licence was granted');
      expect(h!.contents.includes('Flat denial')).toBe(notes);
    }
  }, 60_000);
});

/** Page `index` of a PDF alone, so poppler's words are that page's. */
async function pageOf(bytes: Uint8Array, index: number): Promise<Uint8Array> {
  const from = await PDFDocument.load(bytes);
  const to = await PDFDocument.create();
  const [page] = await to.copyPages(from, [index]);
  to.addPage(page);
  return to.save();
}

describe('court bundle sources: damaged and missing originals', () => {
  it('name the document: a PDF pdf-lib cannot read, an original changed on disk, a removed document', async () => {
    const dir = tempDir();
    const good = buildPdf({ pages: [{ lines: ['A letter without its header line.'] }] });
    // No "%PDF-" anywhere: pdf.js still opens it (and the case imports it), pdf-lib cannot.
    const headless = Buffer.from(good);
    headless.write('%FDP-', headless.indexOf('%PDF-'), 'latin1');
    const s = newCase({ size: 1 });
    const damaged = await importOne(s, write(dir, 'headless.pdf', headless));
    const err = await rejection(checkSource(contextOf(s), damaged, PLAIN));
    expect(err.code).toBe('invalid-pdf');
    expect(err.subject).toBe(damaged.title);
    expect(err.message).toContain(`"${damaged.title}"`);

    const whole = await importOne(s, write(dir, 'whole.pdf', buildPdf({ pages: [{ lines: ['An intact letter.'] }] })));
    await checkSource(contextOf(s), whole, PLAIN);
    const blob = blobPath(s.store.dir, whole.sha256);
    fs.chmodSync(blob, 0o644);
    fs.writeFileSync(blob, fs.readFileSync(blob).subarray(0, 200));
    for (const run of [checkSource, sourcePdf]) {
      const changed = await rejection(run(contextOf(s), whole, PLAIN));
      expect(changed.code).toBe('case-damaged');
      expect(changed.subject).toBe(whole.title);
      expect(changed.message).toMatch(/SHA-256 no longer matches/);
    }

    const removed = await rejection(checkSource(contextOf(s), { ...damaged, status: 'removed' }, PLAIN));
    expect(removed).toMatchObject({ code: 'not-found', subject: damaged.title });
  }, 60_000);
});
