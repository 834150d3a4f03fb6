/**
 * A court bundle built from real files in a real case, read back with pdf.js, poppler and
 * qpdf: page count, stamps and labels on every page, index links and bookmarks landing on
 * each document's first page, upright stamps on turned and odd-boxed pages, a page with
 * text in its margin put on a larger sheet, and highlights over their words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import { callTyped } from '../../electron/services/router.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';
import {
  build,
  marginPdf,
  oddBoxPdf,
  overlaps,
  pdfjsPages,
  pdfjsTargets,
  plan,
  popplerText,
  popplerWords,
  qpdfCheck,
} from './court-helpers.ts';

const lines = (first: string, n = 3) => [first, ...Array.from({ length: n }, (_, i) => `Line ${i + 1} of ${first}`)];

async function caseWithDocuments() {
  const s = newCase();
  const dir = tempDir();
  const files = [
    writePdf(dir, 'letter.pdf', { pages: [{ lines: lines('Alpha letter opening') }, { lines: lines('Alpha second page') }] }),
    writePdf(dir, 'landscape.pdf', { pages: [{ lines: lines('Bravo turned opening'), rotate: 90 }] }),
    writePdf(dir, 'report.pdf', {
      pages: [{ lines: lines('Charlie report opening') }, { lines: ['Charlie page two'] }, { lines: ['Charlie page three'] }],
    }),
  ];
  await marginPdf(path.join(dir, 'margin.pdf'));
  await oddBoxPdf(path.join(dir, 'odd.pdf'));
  files.push(path.join(dir, 'margin.pdf'), path.join(dir, 'odd.pdf'));
  const results = await importFiles(s, files);
  const ids = results.map((r) => r.documentId!);
  expect(ids.every(Boolean)).toBe(true);
  return { s, dir, ids };
}

const FIRST_TEXT = [
  'Alpha letter opening',
  'Bravo turned opening',
  'Charlie report opening',
  'Margin letter first line',
  'Wide odd box opening line',
];

describe('court bundle', () => {
  it('paginates, stamps, labels, links and bookmarks every document', async () => {
    const { s, dir, ids } = await caseWithDocuments();
    const out = path.join(dir, 'bundle.pdf');
    const progress: string[] = [];
    const r = await build(
      s,
      plan(
        [
          ['Letters', [ids[0]!, ids[1]!]],
          ['Reports', [ids[2]!, ids[3]!, ids[4]!]],
        ],
        { prefix: 'EXH-', digits: 4 },
      ),
      { out, onProgress: (p) => progress.push(p.phase) },
    );
    expect(r.indexPages).toBe(1);
    expect(r.pages).toBe(1 + 1 + 2 + 1 + 3 + 1 + 1);
    expect(new Set(progress)).toEqual(new Set(['checking', 'documents', 'index', 'stamping', 'saving']));
    expect(r.entries.map((e) => [e.section, e.firstPage, e.lastPage])).toEqual([
      ['Letters', 3, 4],
      ['Letters', 5, 5],
      ['Reports', 6, 8],
      ['Reports', 9, 9],
      ['Reports', 10, 10],
    ]);
    expect(qpdfCheck(out).ok).toBe(true);

    const { texts, labels } = await pdfjsPages(out);
    expect(texts).toHaveLength(r.pages);
    const stamp = (n: number) => `EXH-${String(n).padStart(4, '0')}`;
    expect(labels).toEqual(Array.from({ length: r.pages }, (_, i) => stamp(i + 1)));
    for (let n = 2; n <= r.pages; n++) {
      expect(texts[n - 1]).toContain(stamp(n));
      expect(popplerText(out, n)).toContain(stamp(n));
    }
    // The cover is not stamped by default.
    expect(texts[0]).not.toContain(stamp(1));

    // Every index link and bookmark lands where its document's first text is.
    const firstPages = r.entries.map((e) => e.firstPage);
    const { links, bookmarks } = await pdfjsTargets(out, [2]);
    expect(links).toEqual([3, ...firstPages.slice(0, 2), 6, ...firstPages.slice(2)]);
    r.entries.forEach((e, i) => {
      expect(texts[e.firstPage - 1]).toContain(FIRST_TEXT[i]);
      expect(bookmarks.get(e.title)).toBe(e.firstPage);
    });
    expect(bookmarks.get('Letters')).toBe(3);
    expect(bookmarks.get('Reports')).toBe(6);

    // The turned page's stamp reads upright, bottom right, as shown. (Poppler gives words in the
    // shown page's space but the page's size unturned: shown, this Letter page is 792 x 612.)
    const turned = popplerWords(out, 5);
    const t = turned.words.find((w) => w.text === stamp(5))!;
    expect(t.xMax - t.xMin).toBeGreaterThan(t.yMax - t.yMin);
    expect(t.yMin).toBeGreaterThan(612 - 60);
    expect(t.yMax).toBeLessThan(612);
    expect(t.xMin).toBeGreaterThan(792 / 2);
    expect(t.xMax).toBeLessThan(792);

    // The page with text in its bottom margin went on a larger sheet; its stamp covers no word.
    expect(r.shrunkPages).toEqual([9]);
    expect(r.warnings.join('\n')).toContain('larger sheet');
    const margin = popplerWords(out, 9);
    const m = margin.words.find((w) => w.text === stamp(9))!;
    expect(margin.height).toBeGreaterThan(792);
    for (const w of margin.words) if (w !== m) expect(overlaps(w, m)).toBe(false);

    // The odd MediaBox: stamp upright, inside the shown page, bottom right.
    const odd = popplerWords(out, 10);
    const o = odd.words.find((w) => w.text === stamp(10))!;
    expect(o.xMax).toBeLessThanOrEqual(odd.width);
    expect(o.yMax).toBeLessThanOrEqual(odd.height);
    expect(o.yMin).toBeGreaterThan(odd.height - 60);
    expect(o.xMax - o.xMin).toBeGreaterThan(o.yMax - o.yMin);
  });

  it('draws highlights over their words on the bundle pages, with notes', async () => {
    const { s, dir, ids } = await caseWithDocuments();
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: ids[2]!,
      targets: [{ page: 2, quote: 'Charlie page two' }],
      note: 'Key admission',
    });
    const out = path.join(dir, 'hl.pdf');
    const r = await build(s, plan([['All', [ids[0]!, ids[2]!]]], { highlights: true, notes: true }), { out });
    const page = r.entries[1]!.firstPage + 1;
    const { doc, destroy } = await (
      await import('../../electron/services/ingest/pdf-extract.ts')
    ).openPdf(new Uint8Array(fs.readFileSync(out)), null);
    const annots = (await (await doc.getPage(page)).getAnnotations()) as {
      subtype: string;
      rect: number[];
      contentsObj: { str: string };
    }[];
    await destroy();
    const hl = annots.filter((a) => a.subtype === 'Highlight');
    expect(hl).toHaveLength(1);
    expect(hl[0]!.contentsObj.str).toContain('Key admission');
    // Over the words poppler finds there (y measured from the top in poppler, from the bottom in PDF).
    const words = popplerWords(out, page);
    const [x1, y1, x2, y2] = hl[0]!.rect;
    for (const word of ['Charlie', 'page', 'two']) {
      const w = words.words.find((x) => x.text === word)!;
      const cx = (w.xMin + w.xMax) / 2;
      const cy = words.height - (w.yMin + w.yMax) / 2;
      expect(cx).toBeGreaterThan(x1!);
      expect(cx).toBeLessThan(x2!);
      expect(cy).toBeGreaterThan(y1!);
      expect(cy).toBeLessThan(y2!);
    }
    expect(h.highlightId).toBeTruthy();
    expect(qpdfCheck(out).ok).toBe(true);
  });
});

describe('court bundle copying', () => {
  it('keeps internal links pointing at the bundle pages, with no orphan copies of pages', async () => {
    const s = newCase();
    const dir = tempDir();
    const file = writePdf(dir, 'linked.pdf', {
      pages: [
        { lines: ['Linked opening'], links: [{ rect: [72, 700, 300, 720], pageIndex: 2 }] },
        { lines: ['Linked middle'] },
        { lines: ['Linked end'] },
      ],
    });
    const [r0] = await importFiles(s, [file]);
    const out = path.join(dir, 'linked-bundle.pdf');
    const r = await build(s, plan([['Only', [r0!.documentId!]]]), { out });
    const bundle = await PDFDocument.load(fs.readFileSync(out));
    const pageObjects = bundle.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/Page');
    expect(pageObjects).toHaveLength(r.pages);
    const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(out)), null);
    const annots = (await (await doc.getPage(3)).getAnnotations()) as { subtype: string; dest?: unknown[] }[];
    const link = annots.find((a) => a.subtype === 'Link')!;
    expect((await doc.getPageIndex(link.dest![0] as never)) + 1).toBe(5);
    await destroy();

    // Without the source's own annotations, the link is gone.
    const clean = path.join(dir, 'clean.pdf');
    await build(s, plan([['Only', [r0!.documentId!]]], { ownAnnotations: false }), { out: clean });
    const { doc: d2, destroy: close2 } = await openPdf(new Uint8Array(fs.readFileSync(clean)), null);
    expect(((await (await d2.getPage(3)).getAnnotations()) as unknown[]).length).toBe(0);
    await close2();
  });
});

describe('court bundle titles and bookmarks', () => {
  it('writes non-Latin titles in the index and nests the document’s own bookmarks beneath it', async () => {
    const s = newCase();
    const dir = tempDir();
    const src = await PDFDocument.create();
    src.setTitle('Δήλωση μάρτυρα — Показания');
    const font = await src.embedFont(StandardFonts.Helvetica);
    for (const n of [1, 2, 3]) src.addPage([612, 792]).drawText(`Statement page ${n}`, { x: 72, y: 700, size: 12, font });
    const item = src.context.obj({ Dest: [src.getPage(2).ref, PDFName.of('Fit')] });
    item.set(PDFName.of('Title'), PDFHexString.fromText('Chapter three'));
    const itemRef = src.context.register(item);
    const outlines = src.context.register(src.context.obj({ Type: 'Outlines', First: itemRef, Last: itemRef, Count: 1 }));
    item.set(PDFName.of('Parent'), outlines);
    src.catalog.set(PDFName.of('Outlines'), outlines);
    const file = path.join(dir, 'statement.pdf');
    fs.writeFileSync(file, await src.save());
    const [r0] = await importFiles(s, [file]);
    const out = path.join(dir, 'titled.pdf');
    const r = await build(s, plan([['Свидетели', [r0!.documentId!]]]), { out });
    const { texts } = await pdfjsPages(out);
    expect(texts[1]).toContain('Δήλωση μάρτυρα');
    expect(texts[1]).toContain('Свидетели');
    const { bookmarks } = await pdfjsTargets(out, [2]);
    expect(bookmarks.get('Chapter three')).toBe(r.entries[0]!.firstPage + 2);
    expect(texts[r.entries[0]!.firstPage + 1]).toContain('Statement page 3');
    expect(qpdfCheck(out).ok).toBe(true);
  });
});

describe('court bundle numbering options', () => {
  it('stamps the cover when asked, with plain numbers at the top left', async () => {
    const s = newCase();
    const dir = tempDir();
    const files = Array.from({ length: 12 }, (_, i) =>
      writePdf(dir, `p${i}.pdf`, { pages: [{ lines: [`Plain page doc ${i}`] }] }),
    );
    const ids = (await importFiles(s, files)).map((r) => r.documentId!);
    const out = path.join(dir, 'plain.pdf');
    const r = await build(s, plan([['All', ids]], { stampCover: true, stampPosition: 'top-left' }), { out });
    expect(r.pages).toBe(14);
    const { labels } = await pdfjsPages(out);
    expect(labels).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    for (const n of [1, 2, 3, 14]) {
      const { words } = popplerWords(out, n);
      expect(
        words.map((x) => x.text),
        `page ${n}`,
      ).toContain(String(n));
      const w = words.find((x) => x.text === String(n))!;
      expect(w.yMax).toBeLessThan(60);
      expect(w.xMin).toBeLessThan(100);
    }
  });
});
