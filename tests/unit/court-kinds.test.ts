/**
 * One court bundle of every kind of document a case holds — a born-digital letter, an
 * encrypted one (opened with the password held this session), a scan read by OCR, a
 * photographed page and a plain-text letter — read back with poppler and qpdf: each
 * document's words are found on its pages (so the bundle is searchable throughout), every
 * page carries its number, and highlights sit over their words on the encrypted and the
 * scanned pages alike.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildCourtBundle } from '../../electron/services/court/build.ts';
import { enqueuePages, storeOcrPage } from '../../electron/services/ocr/queue.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { plan, popplerText, popplerWords, qpdfCheck } from './court-helpers.ts';
import { newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const PASSWORD = 'Hearing-2026';
const squash = (t: string) => t.replace(/\s+/g, ' ').trim();

let jobs = 0;
async function importOne(s: Services, file: string, password?: string) {
  const [r] = await callTyped(s.router, 'import.start', {
    jobId: `court-kinds-${++jobs}`,
    paths: [file],
    ocr: false,
    ...(password ? { password } : {}),
  });
  expect(r!.status, r!.error ?? '').toBe('imported');
  return (await callTyped(s.router, 'documents.list', {})).find((d) => d.documentId === r!.documentId)!;
}

/** The highlight annotation's rectangle contains the centre of each word poppler finds for `words` on `page`. */
function expectOver(out: string, page: number, rect: number[], words: string[]) {
  const found = popplerWords(out, page);
  const [x1, y1, x2, y2] = rect;
  for (const text of words) {
    expect(
      found.words.map((x) => x.text),
      `${text} on bundle page ${page}`,
    ).toContain(text);
    const w = found.words.find((x) => x.text === text);
    const cx = (w!.xMin + w!.xMax) / 2;
    const cy = found.height - (w!.yMin + w!.yMax) / 2;
    expect(cx).toBeGreaterThan(x1!);
    expect(cx).toBeLessThan(x2!);
    expect(cy).toBeGreaterThan(y1!);
    expect(cy).toBeLessThan(y2!);
  }
}

async function highlightRects(out: string, page: number): Promise<number[][]> {
  const { openPdf } = await import('../../electron/services/ingest/pdf-extract.ts');
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(out)), null);
  try {
    const annots = (await (await doc.getPage(page)).getAnnotations()) as { subtype: string; rect: number[] }[];
    return annots.filter((a) => a.subtype === 'Highlight').map((a) => a.rect);
  } finally {
    await destroy();
  }
}

describe('a court bundle of every kind of document', () => {
  it('is searchable throughout, numbered on every page, with highlights over their words', async () => {
    const dir = tempDir();
    const s = newCase({ size: 1 });

    const plain = writePdf(dir, 'letter.pdf', { pages: [{ lines: ['Born digital letter opening', 'of the Ministry.'] }] });
    const open = writePdf(dir, 'open.pdf', {
      pages: [{ lines: ['Encrypted reply opening', 'the contract was terminated in June.'] }],
    });
    const locked = path.join(dir, 'reply-locked.pdf');
    execFileSync('qpdf', ['--encrypt', PASSWORD, 'owner-secret', '256', '--', open, locked]);
    const scan = await scanPdf(dir, { lines: ['Scanned note verbale opening', 'the Embassy has the honour to reply.'] });
    const scanFile = writeFile(dir, 'note-verbale.pdf', scan.pdf);
    const photo = await scanPdf(path.join(dir), { lines: ['Photographed manifest opening', 'received from the port.'] });
    const png = await sharp(path.join(dir, 'typed.png')).withMetadata({ density: 100 }).png().toBuffer();
    const pngFile = writeFile(dir, 'manifest.png', png);
    const txt = writeFile(dir, 'email.txt', 'Plain text email opening\n\nWe confirm receipt of your letter.\n');

    const letter = await importOne(s, plain);
    const encrypted = await importOne(s, locked, PASSWORD);
    const scanned = await importOne(s, scanFile);
    enqueuePages(s.store.db, scanned.documentId, [0], 'eng');
    storeOcrPage(s.store.db, scanned.documentId, 0, scan.ocr, 'Test Reviewer');
    const image = await importOne(s, pngFile);
    enqueuePages(s.store.db, image.documentId, [0], 'eng');
    storeOcrPage(s.store.db, image.documentId, 0, photo.ocr, 'Test Reviewer');
    const email = await importOne(s, txt);

    await callTyped(s.router, 'highlights.create', {
      documentId: encrypted.documentId,
      targets: [{ page: 1, quote: 'contract was terminated' }],
    });
    await callTyped(s.router, 'highlights.create', {
      documentId: scanned.documentId,
      targets: [{ page: 1, quote: 'has the honour' }],
    });

    const out = path.join(dir, 'bundle.pdf');
    const body = plan(
      [
        ['Correspondence', [letter.documentId, encrypted.documentId, email.documentId]],
        ['Exhibits', [scanned.documentId, image.documentId]],
      ],
      { prefix: 'EXH-', digits: 4, highlights: true },
    );
    // The password was given at import this session: the bundle opens the PDF with it.
    const r = await buildCourtBundle(
      { store: s.store, pool: s.pool, sessionPassword: (sha) => (sha === encrypted.sha256 ? PASSWORD : null) },
      body,
      { out, caseName: 'Kinds' },
    );

    const docPages = [letter, encrypted, email, scanned, image].reduce((n, d) => n + d.pages, 0);
    expect(r.pages).toBe(r.coverPages + r.indexPages + docPages);
    expect(qpdfCheck(out).ok, qpdfCheck(out).output).toBe(true);
    expect(execFileSync('qpdf', ['--show-encryption', out], { encoding: 'utf8' })).toMatch(/File is not encrypted/);

    // Every page after the cover says its own number.
    for (let n = 2; n <= r.pages; n++) expect(popplerText(out, n)).toContain(`EXH-${String(n).padStart(4, '0')}`);

    // Each document's words are on its first page, scan and photograph included.
    const opening = new Map([
      [letter.documentId, 'Born digital letter opening'],
      [encrypted.documentId, 'Encrypted reply opening'],
      [email.documentId, 'Plain text email opening'],
      [scanned.documentId, 'Scanned note verbale opening'],
      [image.documentId, 'Photographed manifest opening'],
    ]);
    for (const e of r.entries) expect(squash(popplerText(out, e.firstPage))).toContain(opening.get(e.documentId));

    // Highlights over the words poppler finds on the bundle pages.
    const at = (id: string) => r.entries.find((e) => e.documentId === id)!.firstPage;
    const [onEncrypted] = await highlightRects(out, at(encrypted.documentId));
    expectOver(out, at(encrypted.documentId), onEncrypted!, ['contract', 'terminated']);
    const [onScan] = await highlightRects(out, at(scanned.documentId));
    expectOver(out, at(scanned.documentId), onScan!, ['has', 'honour']);
  }, 120_000);
});
