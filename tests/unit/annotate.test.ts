import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { annotatePdf } from '../../electron/services/report/annotate.ts';
import { buildModel, type BundleHighlight } from '../../electron/services/report/model.ts';
import { blobPath, sha256Hex } from '../../electron/services/case/blobs.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import { callTyped } from '../../electron/services/router.ts';
import { ExhibitError } from '../../shared/errors.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const hasQpdf = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** What pdf.js reports for an annotation (the fields these tests read). */
interface PdfJsAnnotation {
  subtype: string;
  annotationType: number;
  id: string;
  quadPoints: Float32Array | null;
  color: Uint8ClampedArray | null;
  contentsObj: { str: string };
  titleObj: { str: string };
  hasAppearance: boolean;
  url?: string;
}

/** Annotations per page as pdf.js (the viewer's own reader) sees them. */
async function pdfjsAnnotations(bytes: Uint8Array): Promise<PdfJsAnnotation[][]> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  const { doc, destroy } = await openPdf(bytes.slice(), null);
  try {
    const out: PdfJsAnnotation[][] = [];
    for (let n = 1; n <= doc.numPages; n++) out.push((await (await doc.getPage(n)).getAnnotations()) as PdfJsAnnotation[]);
    return out;
  } finally {
    await destroy();
  }
}

/** A three-page letter with a web link on page 2, imported, highlighted and linked. */
async function annotatedCase() {
  const s = newCase();
  const file = writePdf(tempDir(), 'reply.pdf', {
    pages: [
      { lines: ['The company rejects the allegation.', 'The company rejects any link to the', 'devices named in the report.'] },
      {
        lines: ['Annex: export licences granted in 2019', 'to the ministry of the interior.'],
        links: [{ rect: [72, 600, 200, 620], uri: 'https://example.org/annex' }],
      },
      { lines: ['Signed on behalf of the board.'] },
    ],
  });
  const [r] = await importFiles(s, [file]);
  const documentId = r!.documentId!;
  const a = await callTyped(s.router, 'allegations.create', { title: 'Exports to the ministry', code: 'A2' });
  const denial = await callTyped(s.router, 'highlights.create', {
    documentId,
    targets: [{ page: 1, quote: 'The company rejects any link to the devices named' }],
    color: 'pink',
    note: 'Denial — contrast with annex',
  });
  await callTyped(s.router, 'links.create', {
    highlightId: denial.highlightId,
    allegationId: a.allegationId,
    stance: 'denies',
    rationale: 'Rejects the link outright',
  });
  // Crosses a page break: one highlight, two targets, two annotations.
  await callTyped(s.router, 'highlights.create', {
    documentId,
    targets: [
      { page: 1, quote: 'named in the report.' },
      { page: 2, quote: 'Annex: export licences' },
    ],
  });
  await callTyped(s.router, 'highlights.create', {
    documentId,
    targets: [{ page: 3, quote: 'behalf of the board' }],
    note: 'Signature',
  });
  const model = buildModel(s.store.db, 'case', 'T');
  const sha256 = model.documents.find((d) => d.documentId === documentId)!.sha256;
  const highlights = model.highlights.filter((h) => h.documentId === documentId);
  const original = new Uint8Array(fs.readFileSync(blobPath(s.store.dir, sha256)));
  return { s, sha256, highlights, original, file };
}

/** Every (highlight, target, /NM) the annotated copy should hold. */
function expected(highlights: BundleHighlight[]) {
  return highlights.flatMap((h) =>
    h.targets.map((t, i) => ({ h, t, nm: h.targets.length > 1 ? `${h.highlightId}#${i + 1}` : h.highlightId })),
  );
}

describe('annotatePdf', () => {
  it('writes each target as a Highlight annotation pdf.js reads back, over the quoted words', async () => {
    const { s, sha256, highlights, original } = await annotatedCase();
    expect(highlights).toHaveLength(3);
    // The denial wraps onto a second line: two rects, two quads in one annotation.
    expect(highlights.find((h) => h.color === 'pink')!.targets[0]!.rects).toHaveLength(2);
    const out = await annotatePdf(original, highlights);
    // The original is untouched: same bytes in memory and in the case.
    expect(sha256Hex(original)).toBe(sha256);
    expect(sha256Hex(fs.readFileSync(blobPath(s.store.dir, sha256)))).toBe(sha256);
    expect(out).not.toBe(original);

    const pages = await pdfjsAnnotations(out);
    for (const { h, t } of expected(highlights)) {
      const onPage = pages[t.page - 1]!.filter((a) => a.subtype === 'Highlight');
      // pdf.js does not expose /NM; the note and the quad position identify the annotation.
      const match = onPage.find((a) => {
        const q = a.quadPoints!;
        return Math.abs(q[0]! - t.rects[0]![0]) < 0.5 && Math.abs(q[1]! - t.rects[0]![3]) < 0.5;
      });
      expect(match, `${h.highlightId} on page ${t.page}`).toMatchObject({ subtype: 'Highlight' });
      expect(match!.annotationType).toBe(9); // AnnotationType.HIGHLIGHT
      expect(match!.hasAppearance).toBe(true);
      expect(match!.titleObj.str).toBe('Test Reviewer');
      // pdf.js normalises each quad to upper-left, upper-right, lower-left, lower-right.
      const q = Array.from(match!.quadPoints!);
      expect(q).toHaveLength(8 * t.rects.length);
      t.rects.forEach(([x1, y1, x2, y2], k) => {
        const want = [x1, y2, x2, y2, x1, y1, x2, y1];
        want.forEach((v, j) => expect(Math.abs(q[8 * k + j]! - v)).toBeLessThan(0.5));
      });
      if (h.note) expect(match!.contentsObj.str).toContain(h.note);
    }
    const denial = highlights.find((h) => h.color === 'pink')!;
    const denialAnnot = pages[0]!.find((a) => a.contentsObj.str.includes(denial.note!))!;
    expect(denialAnnot.contentsObj.str).toBe('Denial — contrast with annex\nA2 — denies: Rejects the link outright');
    expect(Array.from(denialAnnot.color!)).toEqual([255, 80, 160]);
    expect(pages.map((p) => p.filter((a) => a.subtype === 'Highlight').length)).toEqual([2, 1, 1]);
    // The link that was on page 2 is still there.
    expect(pages[1]!.filter((a) => a.subtype === 'Link').map((a) => a.url)).toEqual(['https://example.org/annex']);
  });

  it('writes raw QuadPoints in reader order, /NM, /M, /F and a Multiply appearance (read with pdf-lib)', async () => {
    const { highlights, original } = await annotatedCase();
    const doc = await PDFDocument.load(await annotatePdf(original, highlights));
    const byName = new Map<string, PDFDict>();
    doc.getPages().forEach((page) => {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (const ref of annots?.asArray() ?? []) {
        const d = doc.context.lookup(ref, PDFDict);
        const nm = d.lookupMaybe(PDFName.of('NM'), PDFHexString);
        if (nm) byName.set(nm.decodeText(), d);
      }
    });
    const want = expected(highlights);
    expect([...byName.keys()].sort()).toEqual(want.map((w) => w.nm).sort());
    for (const { t, nm } of want) {
      const d = byName.get(nm)!;
      const nums = (key: string) =>
        d
          .lookup(PDFName.of(key), PDFArray)
          .asArray()
          .map((n) => (n as PDFNumber).asNumber());
      expect(nums('QuadPoints')).toEqual(t.rects.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1]));
      const [rx1, ry1, rx2, ry2] = nums('Rect');
      for (const [x1, y1, x2, y2] of t.rects) expect(rx1! <= x1 && ry1! <= y1 && rx2! >= x2 && ry2! >= y2).toBe(true);
      expect(d.lookup(PDFName.of('F'), PDFNumber).asNumber()).toBe(4);
      expect(d.lookup(PDFName.of('M'), PDFString).asString()).toMatch(/^D:\d{14}Z$/);
      const apDict = d.lookup(PDFName.of('AP'), PDFDict).lookup(PDFName.of('N'), PDFStream).dict;
      expect(apDict.get(PDFName.of('Subtype'))).toBe(PDFName.of('Form'));
      const gs = apDict
        .lookup(PDFName.of('Resources'), PDFDict)
        .lookup(PDFName.of('ExtGState'), PDFDict)
        .lookup(PDFName.of('GS0'), PDFDict);
      expect(gs.get(PDFName.of('BM'))).toBe(PDFName.of('Multiply'));
      expect(gs.lookup(PDFName.of('ca'), PDFNumber).asNumber()).toBeLessThan(1);
    }
  });

  it('keeps annotations already present when a copy is annotated again', async () => {
    const { highlights, original } = await annotatedCase();
    const once = await annotatePdf(original, highlights.slice(0, 1));
    const twice = await annotatePdf(once, highlights.slice(1));
    const pages = await pdfjsAnnotations(twice);
    expect(pages.flat().filter((a) => a.subtype === 'Highlight')).toHaveLength(4);
    expect(pages[1]!.some((a) => a.subtype === 'Link')).toBe(true);
  });

  it.skipIf(!hasQpdf)('refuses an encrypted PDF with a clear error (needs qpdf)', async () => {
    const { highlights, file } = await annotatedCase();
    const locked = path.join(tempDir(), 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', file, locked]);
    const bytes = new Uint8Array(fs.readFileSync(locked));
    const err = await annotatePdf(bytes, highlights, { password: 'user-pw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExhibitError);
    expect(err).toMatchObject({ code: 'unsupported-file' });
    expect((err as Error).message).toMatch(/encrypted.*original only/);
  });
});
