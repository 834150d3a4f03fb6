import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PDFNumber } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { paperFor } from '../../electron/services/report/rendition/paper.ts';
import { renderLetter } from '../../electron/services/report/rendition/rendition.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Highlight } from '../../shared/ipc/contract.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile } from './helpers.ts';

const LETTER =
  'Dear Special Rapporteurs,\n\nRef.:\tOL OTH 45/2021\n\n' +
  'We have received your letter of 5 August 2021 concerning the so-called \u201cVeloria\u201d devices and the ' +
  'allegations that our subsidiary in Z\u00fcrich supplied them to the Ministry of the Interior, which we reject ' +
  'entirely and without reservation of any kind whatsoever.\n\n' +
  'We have no knowledge of the\ndevices named\fin your letter, nor of any sale to \u0413\u0440\u0430\u0436\u0434\u0430\u043d\u0441\u043a\u0430\u044f ' +
  '\u043e\u0431\u043e\u0440\u043e\u043d\u0430 or to its officers.\n\nYours faithfully,\n\u00c9lodie Marchand\n';
const CJK = 'Reply from the \u5317\u4eac office: we deny it.\n';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** A case with the two letters highlighted, exported; the bundle's files and the export's result. */
async function exported(paper: 'a4' | 'letter' = 'a4') {
  const s = newCase();
  const dir = tempDir();
  const [letter, cjk] = await importFiles(s, [writeFile(dir, 'reply.txt', LETTER), writeFile(dir, 'beijing.txt', CJK)]);
  const hl = (documentId: string, page: number, quote: string, note?: string) =>
    callTyped(s.router, 'highlights.create', { documentId, targets: [{ page, quote, acrossPages: true }], note });
  const highlights: Highlight[] = [
    await hl(letter!.documentId!, 1, 'We have no knowledge of the devices named in your letter,', 'Crosses the form feed'),
    await hl(
      letter!.documentId!,
      1,
      'so-called \u201cVeloria\u201d devices and the allegations that our subsidiary in Z\u00fcrich supplied them',
    ),
    await hl(
      letter!.documentId!,
      2,
      '\u0413\u0440\u0430\u0436\u0434\u0430\u043d\u0441\u043a\u0430\u044f \u043e\u0431\u043e\u0440\u043e\u043d\u0430',
    ),
    await hl(cjk!.documentId!, 1, 'we deny it'),
  ];
  expect(highlights[0]!.targets.map((t) => t.page)).toEqual([1, 2]);
  const out = path.join(tempDir(), 'bundle.zip');
  const result = await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir: path.join(dir, 'config'), paper });
  const files = await readAll(out);
  const name = (sha: string, file: string) => `${sha.slice(0, 12)}-${file}`;
  const renditionOf = (sha: string, file: string) => {
    const bytes = files.get(`data/annotated/${name(sha, file)}.rendition.pdf`);
    expect(bytes, `${file}'s rendition`).toBeDefined();
    const pdf = path.join(tempDir(), `${file}.pdf`);
    fs.writeFileSync(pdf, bytes!);
    return pdf;
  };
  return { out, result, files, letter: letter!, cjk: cjk!, highlights, renditionOf, name };
}

interface Word {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** pdftotext -bbox's words per page, turned into PDF user space (y up). */
function wordBoxes(pdf: string): Word[][] {
  const xml = run('pdftotext', ['-bbox', pdf, '-']);
  const decode = (t: string) =>
    t.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((p) => {
    const height = Number(p[2]);
    return [...p[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
      (w) => ({ text: decode(w[5]!), x1: Number(w[1]), y1: height - Number(w[4]), x2: Number(w[3]), y2: height - Number(w[2]) }),
    );
  });
}

/** The /Highlight annotations per page: /NM, /Contents and the quads as rects [x1, y1, x2, y2]. */
async function highlightAnnots(pdf: string) {
  const doc = await PDFDocument.load(fs.readFileSync(pdf));
  return doc.getPages().map((page) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((d) => d.get(PDFName.of('Subtype')) === PDFName.of('Highlight'))
      .map((d) => {
        const q = d
          .lookup(PDFName.of('QuadPoints'), PDFArray)
          .asArray()
          .map((n) => (n as PDFNumber).asNumber());
        const rects: number[][] = [];
        for (let i = 0; i < q.length; i += 8) rects.push([q[i + 4]!, q[i + 5]!, q[i + 2]!, q[i + 3]!]);
        return {
          nm: d.lookup(PDFName.of('NM'), PDFHexString).decodeText(),
          contents: d.lookup(PDFName.of('Contents'), PDFHexString).decodeText(),
          rects,
        };
      }),
  );
}

describe('text letter renditions in a bundle', () => {
  it('typesets the letter page for page into a valid PDF whose text is the letter, original kept byte for byte', async () => {
    const { out, files, letter, renditionOf, name } = await exported();
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
    expect(files.get(`data/originals/${name(letter.sha256!, 'reply.txt')}`)!.equals(Buffer.from(LETTER, 'utf8'))).toBe(true);
    const manifest = files.get('manifest-sha256.txt')!.toString('utf8');
    expect(manifest).toContain(`data/annotated/${name(letter.sha256!, 'reply.txt')}.rendition.pdf`);
    const pdf = renditionOf(letter.sha256!, 'reply.txt');
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    expect(run('pdfinfo', [pdf])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);

    // Each sheet: the letter's words, then the two footer lines naming the original and the letter page.
    const sheets = run('pdftotext', [pdf, '-']).split('\f').slice(0, -1);
    const pages = LETTER.split('\f');
    expect(sheets).toHaveLength(pages.length);
    sheets.forEach((sheet, i) => {
      const footer = sheet.indexOf('Typeset rendition of the text letter reply.txt');
      expect(footer, `sheet ${i + 1}`).toBeGreaterThan(0);
      expect(words(sheet.slice(0, footer))).toEqual(words(pages[i]!));
      expect(sheet.slice(footer)).toContain(`Letter page ${i + 1} of 2`);
    });
  });

  it('puts each highlight on the typeset glyphs of its words, to within 1 pt of pdftotext -bbox', async () => {
    const { letter, highlights, renditionOf } = await exported();
    const pdf = renditionOf(letter.sha256!, 'reply.txt');
    const boxes = wordBoxes(pdf);
    const annots = await highlightAnnots(pdf);
    const mine = highlights.filter((h) => h.documentId === letter.documentId);
    for (const h of mine) {
      const parts = annots.flatMap((list, page) =>
        list.filter((a) => a.nm.startsWith(h.highlightId)).map((a) => ({ ...a, page })),
      );
      // One annotation per page the passage covers; the note travels with each.
      expect(parts.map((p) => p.page)).toEqual(h.targets.map((t) => t.page - 1));
      if (h.note) for (const p of parts) expect(p.contents).toContain(h.note);
      const covered: string[] = [];
      for (const part of parts) {
        for (const [x1, y1, x2, y2] of part.rects) {
          // The words inside the quad, and no word cut by it.
          const inside = boxes[part.page]!.filter(
            (w) => w.x1 >= x1! - 1 && w.x2 <= x2! + 1 && w.y1 >= y1! - 1 && w.y2 <= y2! + 1,
          );
          const cut = boxes[part.page]!.filter(
            (w) => !inside.includes(w) && w.x1 < x2! && w.x2 > x1! && w.y1 < y2! && w.y2 > y1!,
          );
          expect(inside.length, `words in ${[x1, y1, x2, y2].join(' ')}`).toBeGreaterThan(0);
          expect(cut).toEqual([]);
          expect(Math.abs(inside[0]!.x1 - x1!)).toBeLessThanOrEqual(1);
          expect(Math.abs(inside.at(-1)!.x2 - x2!)).toBeLessThanOrEqual(1);
          for (const w of inside) {
            expect(Math.abs(w.y1 - y1!)).toBeLessThanOrEqual(1);
            expect(Math.abs(w.y2 - y2!)).toBeLessThanOrEqual(1);
          }
          covered.push(...inside.map((w) => w.text));
        }
      }
      expect(covered).toEqual(words(h.quote));
    }
  });

  it('draws characters its fonts lack as U+FFFD, keeps their text, and says so in the PDF and the export result', async () => {
    const { result, cjk, renditionOf } = await exported();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^beijing\.txt: its typeset rendition .* shows 2 character\(s\) its fonts lack as \uFFFD \(\u5317 U\+5317, \u4eac U\+4EAC\)/,
    );
    const pdf = renditionOf(cjk.sha256!, 'beijing.txt');
    // Copying or extracting the text still gives the letter's characters.
    expect(words(run('pdftotext', [pdf, '-']))).toEqual(expect.arrayContaining(words(CJK)));
    const doc = await PDFDocument.load(fs.readFileSync(pdf));
    const notes = (doc.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((d) => d.get(PDFName.of('Subtype')) === PDFName.of('Text'))
      .map((d) => d.lookup(PDFName.of('Contents'), PDFHexString).decodeText());
    expect(notes).toEqual([
      expect.stringContaining('could not draw 2 character(s) of the letter: \u5317 (U+5317), \u4eac (U+4EAC)'),
    ]);
    expect(run('pdftotext', [pdf, '-'])).toContain('some characters could not be drawn: see the note');
  });

  it('leaves the bundle importable: a colleague merges it and gets the letter and its highlights, not the rendition', async () => {
    const { out, letter } = await exported();
    const colleague = newCase();
    // The colleague has a key of their own and accepts the one that signed, as after checking it.
    const { signer } = await callTyped(colleague.router, 'bundle.verify', { path: out });
    const merged = await callTyped(colleague.router, 'bundle.import', { path: out, acceptSigner: signer?.fingerprint });
    expect(merged.documents.added).toBe(2);
    expect(merged.highlights.added).toBe(4);
    const docs = await callTyped(colleague.router, 'documents.list', {});
    expect(docs.map((d) => d.sha256)).toContain(letter.sha256);
    expect(docs).toHaveLength(2);
  });

  it('runs a page too long for one sheet on to the next, and breaks a word longer than a line', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Item ${i + 1}: shipment record kept by the depot.`);
    const url = `https://registry.example.org/${'0123456789'.repeat(20)}`;
    const page = [...lines, url].join('\n');
    const { bytes } = await renderLetter({
      pages: [page],
      title: 'Annex',
      fileName: 'annex.txt',
      sha256: 'ab'.repeat(32),
      originalPath: 'data/originals/abababababab-annex.txt',
      highlights: [],
      paper: 'a4',
      createdAt: '2024-05-01T00:00:00.000Z',
    });
    const pdf = path.join(tempDir(), 'annex.pdf');
    fs.writeFileSync(pdf, bytes);
    expect(run('pdfinfo', [pdf])).toMatch(/Pages:\s+3\n/);
    const sheets = run('pdftotext', [pdf, '-']).split('\f').slice(0, -1);
    expect(sheets.map((t) => /Letter page 1 of 1(, continued)?/.exec(t)?.[0])).toEqual([
      'Letter page 1 of 1',
      'Letter page 1 of 1, continued',
      'Letter page 1 of 1, continued',
    ]);
    // Nothing lost or reordered: the sheets' text, footers aside, is the page's (the long word split across lines).
    const body = sheets.map((t) => t.slice(0, t.indexOf('Typeset rendition of the text letter'))).join('');
    expect(body.replace(/\s+/g, '')).toBe(page.replace(/\s+/g, ''));
  });

  it('typesets only the highlighted pages of a text too long to typeset whole, and says so', async () => {
    const s = newCase();
    const dir = tempDir();
    // Some 1.4 MB of records: far more than a letter, split by the import into pages.
    const rows = Array.from({ length: 36_000 }, (_, i) => `Record ${String(i + 1).padStart(5, '0')}: depot transfer logged.`);
    rows[33_000] = 'Record 33001: the transfer to Xanthe Holdings.';
    const [dump] = await importFiles(s, [writeFile(dir, 'dump.txt', rows.join('\n'))]);
    const pages = dump!.pages!;
    expect(pages).toBeGreaterThan(10);
    let page = 0;
    for (let p = 1; p <= pages && page === 0; p++) {
      const { text } = await callTyped(s.router, 'documents.page', { documentId: dump!.documentId!, page: p });
      if (text.includes('Xanthe Holdings')) page = p;
    }
    expect(page).toBeGreaterThan(1);
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: dump!.documentId!,
      targets: [{ page, quote: 'Xanthe Holdings' }],
    });
    const out = path.join(tempDir(), 'bundle.zip');
    await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir: path.join(dir, 'config'), paper: 'a4' });
    const pdf = path.join(tempDir(), 'dump.pdf');
    fs.writeFileSync(pdf, (await readAll(out)).get(`data/annotated/${dump!.sha256!.slice(0, 12)}-dump.txt.rendition.pdf`)!);
    const sheets = run('pdftotext', [pdf, '-']).split('\f').slice(0, -1);
    // Only that page's sheets, each naming it among all the pages; the highlight sits on one of them.
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) expect(sheet).toMatch(new RegExp(`Letter page ${page} of ${pages}`));
    expect(sheets[0]).toContain('only the highlighted pages are typeset: see the note');
    expect(sheets.join('')).toContain('Record 33001: the transfer to Xanthe Holdings.');
    const annots = (await highlightAnnots(pdf)).flat();
    expect(annots.map((a) => a.nm)).toEqual([h.highlightId]);
    const doc = await PDFDocument.load(fs.readFileSync(pdf));
    const note = (doc.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .find((d) => d.get(PDFName.of('Subtype')) === PDFName.of('Text'));
    expect(note?.lookup(PDFName.of('Contents'), PDFHexString).decodeText()).toContain(
      `shows only the 1 page(s) with highlights (${page}) of its ${pages}`,
    );
  });

  it('typesets on US Letter for a US or Canadian locale, A4 elsewhere, and refuses a wrong EXHIBIT_PAPER', async () => {
    const { letter, renditionOf } = await exported('letter');
    expect(run('pdfinfo', [renditionOf(letter.sha256!, 'reply.txt')])).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(paperFor({ LANG: 'en_US.UTF-8' })).toBe('letter');
    expect(paperFor({ LANG: 'fr_CA.UTF-8' })).toBe('letter');
    expect(paperFor({ LANG: 'en_GB.UTF-8' })).toBe('a4');
    expect(paperFor({ LC_PAPER: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('a4');
    expect(paperFor({ LC_ALL: 'en_CA.UTF-8', LC_PAPER: 'de_DE.UTF-8' })).toBe('letter');
    expect(paperFor({ LANG: 'C.UTF-8' }, 'en-US')).toBe('letter');
    expect(paperFor({}, 'pt-BR')).toBe('a4');
    expect(paperFor({ EXHIBIT_PAPER: 'Letter', LANG: 'de_DE' })).toBe('letter');
    expect(() => paperFor({ EXHIBIT_PAPER: 'legal' })).toThrow(/EXHIBIT_PAPER must be a4 or letter, not "legal"/);
  });
});
