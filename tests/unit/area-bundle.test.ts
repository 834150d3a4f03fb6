/**
 * Area highlights handed over in a bundle. One case holds areas on a typed page, on a page
 * shown turned (/Rotate 90), on an unread scan, on an image file and on an encrypted PDF,
 * beside a passage of text; it is exported through the router (pictures drawn in the
 * engine's workers) and then:
 *   - the annotated PDF has a /Highlight whose /Rect is the area, read back with pdf-lib;
 *   - annotations.jsonld selects each area with RFC 3778's page=N&viewrect= as shown;
 *   - the HTML and DOCX reports hold a PNG of each area at 150 dpi, showing the page there,
 *     Markdown links the PNGs written (and listed in the manifest) under data/report/areas/;
 *   - the encrypted PDF's area, which cannot be drawn without its password, is said so;
 *   - README.txt's quote check passes on the bag as written;
 *   - imported into a second case, every highlight comes back exactly as it was; into a case
 *     that has read the scan itself, the scan's area quotes that case's words.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { storeOcrPage } from '../../electron/services/ocr/queue.ts';
import { buildModel } from '../../electron/services/report/model.ts';
import { drawAreaPictures } from '../../electron/services/report/area-pictures.ts';
import { pageFrames } from '../../electron/services/highlights/area.ts';
import type { Highlight, HighlightTarget, ShownArea } from '../../shared/ipc/contract.ts';
import { letterPixels, pngFile } from '../fixtures/images.ts';
import { commandBlocks } from '../fixtures/readme-blocks.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { readAll } from '../fixtures/zip.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { newCase } from './helpers.ts';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
];

/** The pixel size a picture of an area has at 150 dpi. */
const pixels = (a: ShownArea) => [Math.round((a.width * 150) / 72), Math.round((a.height * 150) / 72)];

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Uint8Array) => {
  const b = Buffer.from(png);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

/** The mean difference of two same-sized pictures' grey levels (0–255), both blurred by 4 pixels. */
async function blurredDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((png) => sharp(png).greyscale().blur(4).raw().toBuffer()));
  expect(x!.length).toBe(y!.length);
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += Math.abs(x![i]! - y![i]!);
  return sum / x!.length;
}

/** The darkest grey level in a picture: ink (< 128) where it shows text or a mark, paper (> 200) where blank. */
const darkest = async (png: Uint8Array) => (await sharp(png).greyscale().stats()).channels[0]!.min;

interface Made {
  areas: Record<'typed' | 'turned' | 'scan' | 'image' | 'locked', { highlight: Highlight; shown: ShownArea }>;
  text: Highlight;
  files: Map<string, Buffer>;
  bag: string;
  warnings: string[];
  before: Highlight[];
  after: Highlight[];
  typedFile: string;
  readElsewhere: { expected: HighlightTarget; got: HighlightTarget };
}

async function reviewAndHandOver(work: string): Promise<Made> {
  const s = newCase({ size: 1, ocr: { size: 1 } });
  const typed = path.join(work, 'ministry.pdf');
  fs.writeFileSync(typed, buildPdf({ pages: [{ lines: LINES }, { lines: LINES, rotate: 90 }] }));
  const scan = await scanPdf(fs.mkdtempSync(path.join(work, 'scan-')), { lines: LINES });
  const scanFile = path.join(work, 'ministry-scan.pdf');
  fs.writeFileSync(scanFile, scan.pdf);
  // 600 x 800 pixels at 100 dpi: 432 x 576 points, a black mark in its top-left corner.
  const imageFile = path.join(work, 'fax.png');
  fs.writeFileSync(imageFile, await pngFile(letterPixels(600, 800, 3), 100));
  const plain = path.join(work, 'plain.pdf');
  fs.writeFileSync(plain, buildPdf({ pages: [{ lines: ['Private and confidential: the annex.'] }] }));
  const locked = path.join(work, 'locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);

  const results = await callTyped(s.router, 'import.start', {
    jobId: 'import',
    paths: [typed, scanFile, imageFile],
    ocr: false,
  });
  const [lockedResult] = await callTyped(s.router, 'import.start', { jobId: 'locked', paths: [locked], password: 'user-pw' });
  const [typedId, scanId, imageId] = results.map((r) => r.documentId!);
  const area = async (documentId: string, page: number, shown: ShownArea, note?: string) => ({
    highlight: await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page, area: shown }], note }),
    shown,
  });
  const areas = {
    typed: await area(typedId!, 1, { x: 60, y: 80, width: 200, height: 30 }, 'What the Ministry admits'),
    turned: await area(typedId!, 2, { x: 650, y: 60, width: 90, height: 230 }),
    scan: await area(scanId!, 1, { x: 60, y: 60, width: 300, height: 60 }),
    image: await area(imageId!, 1, { x: 0, y: 0, width: 100, height: 100 }),
    locked: await area(lockedResult!.documentId!, 1, { x: 60, y: 60, width: 150, height: 24 }),
  };
  const text = await callTyped(s.router, 'highlights.create', {
    documentId: typedId!,
    targets: [{ page: 1, quote: 'any export licence' }],
  });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- The Ministry granted an export licence' });
  for (const [h, stance] of [
    [areas.typed.highlight, 'admits'],
    [text, 'denies'],
  ] as const)
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance });

  const zip = path.join(work, 'bundle.zip');
  const exported = await callTyped(s.router, 'bundle.export', { path: zip });
  const bag = path.join(work, 'bag');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, bag]);
  const before = await callTyped(s.router, 'highlights.list', {});

  const b = newCase({ size: 1, ocr: { size: 1 } });
  const report = await callTyped(b.router, 'bundle.verify', { path: zip });
  expect(report).toMatchObject({ ok: true, problems: [] });
  await callTyped(b.router, 'bundle.import', { path: zip, acceptSigner: report.signer!.fingerprint });
  const after = await callTyped(b.router, 'highlights.list', {});

  // A case that has the scan already, and has read it: the area comes in reading this case's words.
  const c = newCase({ size: 1, ocr: { size: 1 } });
  const [own] = await callTyped(c.router, 'import.start', { jobId: 'own', paths: [scanFile], ocr: false });
  storeOcrPage(c.store.db, own!.documentId!, 0, scan.ocr, 'OCR');
  const here = await callTyped(c.router, 'highlights.create', {
    documentId: own!.documentId!,
    targets: [{ page: 1, area: areas.scan.shown }],
  });
  await callTyped(c.router, 'bundle.import', { path: zip, acceptSigner: report.signer!.fingerprint });
  const merged = (await callTyped(c.router, 'highlights.list', {})).find(
    (h) => h.highlightId === areas.scan.highlight.highlightId,
  )!;
  const readElsewhere = { expected: here.targets[0]!, got: merged.targets[0]! };
  return {
    areas,
    text,
    files: await readAll(zip),
    bag,
    warnings: exported.warnings,
    before,
    after,
    typedFile: typed,
    readElsewhere,
  };
}

describe('area highlights in a bundle', () => {
  let work: string;
  let made: Made;
  beforeAll(async () => {
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-area-bundle-')));
    made = await reviewAndHandOver(work);
  }, 180_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const file = (name: string) => made.files.get(name)!;
  const annotated = (fileName: string) =>
    file([...made.files.keys()].find((k) => k.startsWith('data/annotated/') && k.endsWith(`-${fileName}`))!);

  it('draws each area in the annotated PDF as a /Highlight whose /Rect is the area', async () => {
    const doc = await PDFDocument.load(annotated('ministry.pdf'));
    for (const [key, page] of [
      ['typed', 0],
      ['turned', 1],
    ] as const) {
      const { highlight } = made.areas[key];
      const annots = doc.getPages()[page]!.node.lookup(PDFName.of('Annots'), PDFArray);
      const mine = annots
        .asArray()
        .map((ref) => doc.context.lookup(ref, PDFDict))
        .filter((a) => a.lookup(PDFName.of('NM'), PDFHexString).decodeText() === highlight.highlightId);
      expect(mine, key).toHaveLength(1);
      const a = mine[0]!;
      expect(a.lookup(PDFName.of('Subtype'))).toBe(PDFName.of('Highlight'));
      const rect = a
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      expect(rect, key).toEqual(highlight.targets[0]!.area);
      expect(rect, key).toEqual(highlight.targets[0]!.rects[0]);
    }
  });

  it('selects each area in annotations.jsonld by page and viewrect as the page shows it, refined by its words', () => {
    const ld = JSON.parse(file('data/annotations.jsonld').toString('utf8'));
    const items = ld.first.items as { id: string; target: { selector: Record<string, unknown> }[] }[];
    for (const key of ['typed', 'turned', 'scan', 'image', 'locked'] as const) {
      const { highlight, shown } = made.areas[key];
      const a = items.find((i) => i.id === `urn:uuid:${highlight.highlightId}`)!;
      const t = highlight.targets[0]!;
      expect(a.target[0]!.selector, key).toEqual({
        type: 'FragmentSelector',
        conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
        value: `page=${t.page}&viewrect=${shown.x},${shown.y},${shown.width},${shown.height}`,
        refinedBy: [
          { type: 'TextQuoteSelector', exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix },
          { type: 'TextPositionSelector', start: t.position.start, end: t.position.end },
        ],
      });
    }
    // A passage of text keeps its plain page fragment.
    const text = items.find((i) => i.id === `urn:uuid:${made.text.highlightId}`)!;
    expect(text.target[0]!.selector.value).toBe('page=1');
  });

  it('carries each area in case.json', () => {
    const data = JSON.parse(file('data/case.json').toString('utf8'));
    const byId = new Map((data.highlights as Highlight[]).map((h) => [h.highlightId, h]));
    for (const { highlight } of Object.values(made.areas))
      expect(byId.get(highlight.highlightId)!.targets[0]!.area).toEqual(highlight.targets[0]!.area);
    expect(byId.get(made.text.highlightId)!.targets[0]!.area).toBeNull();
  });

  it('shows a picture of each area in the HTML report, at 150 dpi, of the page where the area is', async () => {
    const html = file('data/report/report.html').toString('utf8');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    const images = [...html.matchAll(/<img src="data:image\/png;base64,([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]*)">/g)];
    // Every area but the encrypted PDF's: the linked one under its allegation, then the unlinked by title and page.
    expect(images.map((m) => m[4])).toEqual([
      'Area on p. 1 of ministry',
      'Area on p. 1 of fax',
      'Area on p. 2 of ministry',
      'Area on p. 1 of ministry-scan',
    ]);
    const byAlt = new Map(images.map((m) => [m[4]!, m]));
    for (const [key, alt] of [
      ['typed', 'Area on p. 1 of ministry'],
      ['turned', 'Area on p. 2 of ministry'],
      ['scan', 'Area on p. 1 of ministry-scan'],
      ['image', 'Area on p. 1 of fax'],
    ] as const) {
      const m = byAlt.get(alt)!;
      const png = Buffer.from(m[1]!, 'base64');
      const { shown } = made.areas[key];
      expect(pngSize(png), key).toEqual(pixels(shown));
      // Shown at its size on paper: points as CSS pixels of 1/96 inch.
      expect([Number(m[2]), Number(m[3])], key).toEqual([shown.width, shown.height].map((pt) => Math.round((pt * 96) / 72)));
      // Each area holds ink: the typed and scanned words, the image's mark.
      expect(await darkest(png), key).toBeLessThan(128);
    }
    // The typed pages' areas look as poppler draws the same region of the page as shown (turned or not).
    for (const [key, page, alt] of [
      ['typed', 1, 'Area on p. 1 of ministry'],
      ['turned', 2, 'Area on p. 2 of ministry'],
    ] as const) {
      const { shown } = made.areas[key];
      const [w, h] = pixels(shown);
      const [x, y] = [shown.x, shown.y].map((pt) => Math.round((pt * 150) / 72));
      const crop = path.join(work, `poppler-${key}`);
      execFileSync(
        'pdftoppm',
        ['-f', `${page}`, '-l', `${page}`, '-r', '150', '-gray', '-png', '-singlefile'].concat([
          '-x',
          `${x}`,
          '-y',
          `${y}`,
          '-W',
          `${w}`,
          '-H',
          `${h}`,
          made.typedFile,
          crop,
        ]),
      );
      const ours = Buffer.from(byAlt.get(alt)![1]!, 'base64');
      // Blurred, so the two renderers' fonts (pdf.js's and poppler's stand-ins for Helvetica) compare
      // by where their ink lies: about 5 when the regions match, over 40 when one is 7 points off.
      expect(await blurredDifference(ours, fs.readFileSync(`${crop}.png`)), key).toBeLessThan(12);
    }
    // The image's mark fills its top-left corner (pixels 4 to 79 across, 4 to 70 down, at 100 dpi); the
    // margin under it is paper. A picture pixel is 72/150 of a point, a pixel of the image 72/100.
    const fax = Buffer.from(byAlt.get('Area on p. 1 of fax')![1]!, 'base64');
    const { data, info } = await sharp(fax).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (xPx: number, yPx: number) => data[Math.round((yPx * 150) / 100) * info.width + Math.round((xPx * 150) / 100)]!;
    expect(at(20, 20)).toBeLessThan(64);
    expect(at(70, 60)).toBeLessThan(64);
    expect(at(30, 100)).toBeGreaterThan(200);
    // The words beside the picture; an unread scan's area says it holds none.
    expect(html).toContain(`<blockquote>${made.areas.typed.highlight.quote.replace(/\n/g, ' ')}</blockquote>`);
    expect(html).toContain('<blockquote>No text was found inside the area.</blockquote>');
  });

  it("says where an encrypted PDF's area could not be drawn, gives its words alone, and warns", () => {
    const html = file('data/report/report.html').toString('utf8');
    const note =
      'the PDF is encrypted and the case keeps no password to open it, so the area could not be drawn; its words are given alone';
    expect(html).toContain(`<span class="area-missing">Area on p. 1: ${note}</span>`);
    expect(html).toContain(`<blockquote>${made.areas.locked.highlight.quote}</blockquote>`);
    expect(made.areas.locked.highlight.quote).toMatch(/^Private and\b/);
    expect(made.warnings).toContain(`locked, page 1: ${note}`);
  });

  it('holds the same pictures in the DOCX report, at the same size', async () => {
    const docx = path.join(work, 'report.docx');
    fs.writeFileSync(docx, file('data/report/report.docx'));
    const parts = await readAll(docx);
    const media = [...parts.keys()].filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    const sizes = media.map((k) => pngSize(parts.get(k)!)).sort((a, b) => a[0]! - b[0]!);
    const want = (['typed', 'turned', 'scan', 'image'] as const)
      .map((k) => pixels(made.areas[k].shown))
      .sort((a, b) => a[0]! - b[0]!);
    expect(sizes).toEqual(want);
    expect(parts.get('word/document.xml')!.toString('utf8')).toContain('Area on p. 1: the PDF is encrypted');
  });

  it('links PNG files from the Markdown report, each in the bag and its manifest', () => {
    const md = file('data/report/report.md').toString('utf8');
    const manifest = file('manifest-sha256.txt').toString('utf8');
    for (const key of ['typed', 'turned', 'scan', 'image'] as const) {
      const { highlight, shown } = made.areas[key];
      const name = `areas/${highlight.highlightId}-1.png`;
      expect(md, key).toMatch(new RegExp(`!\\[Area on p\\. \\d\\]\\(${name}\\)\\n\\n> `));
      const png = file(`data/report/${name}`);
      expect(pngSize(png), key).toEqual(pixels(shown));
      expect(manifest, key).toContain(`  data/report/${name}\n`);
    }
    expect(md).not.toContain(`areas/${made.areas.locked.highlight.highlightId}`);
    expect(md).toContain('Area on p. 1: the PDF is encrypted');
  });

  it("passes README.txt's quote check, areas leaving words out included", () => {
    expect(made.areas.typed.highlight.quote.split('\n')).toHaveLength(2);
    const script = commandBlocks(fs.readFileSync(path.join(made.bag, 'README.txt'), 'utf8')).get('check-quotes')!;
    const out = execFileSync('bash', ['-c', script], { cwd: made.bag, encoding: 'utf8' });
    // Every target of the three PDFs (the image file carries no pages): four areas and the passage.
    expect(out.trim()).toBe('quotes ok: 5 found in the pages of 3 PDF(s)');
  });

  it('reads the words of a case that has read the scan itself, where the bundle had none', () => {
    const { expected, got } = made.readElsewhere;
    expect(made.areas.scan.highlight.quote).toBe('');
    expect(expected.quote.exact).not.toBe('');
    expect(got).toEqual(expected);
  });

  it('draws the same pictures in this thread when there is no pool (a tool, a test)', async () => {
    const s = newCase({ size: 1 });
    const [doc] = await callTyped(s.router, 'import.start', { jobId: 'again', paths: [made.typedFile] });
    const shown = made.areas.turned.shown;
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: doc!.documentId!,
      targets: [{ page: 2, area: shown }],
    });
    const model = buildModel(s.store.db, 'case', 'T');
    const pictures = await drawAreaPictures(model, {
      originals: new Map([[doc!.documentId!, new Uint8Array(fs.readFileSync(made.typedFile))]]),
      frameOf: pageFrames(s.store.db),
    });
    const [picture] = pictures.get(h.highlightId)!;
    expect(picture).toMatchObject({ page: 2, file: `areas/${h.highlightId}-1.png`, missing: null, widthPt: shown.width });
    expect(pngSize(picture!.png!)).toEqual(pixels(shown));
    const html = file('data/report/report.html').toString('utf8');
    const inBundle = html.match(/<img src="data:image\/png;base64,([^"]+)"[^>]*alt="Area on p\. 2 of ministry">/)![1]!;
    expect(await blurredDifference(picture!.png!, Buffer.from(inBundle, 'base64'))).toBeLessThan(1);
  });

  it('comes back exactly as it was in a second case', () => {
    expect(made.after).toEqual(made.before);
    expect(made.after.filter((h) => h.targets[0]!.area !== null)).toHaveLength(5);
  });
});
