/**
 * The 'documents' phase for one document: its source PDF opened (one at a time), its pages
 * copied into the bundle, each page's stamp box checked for ink (the sheet grown where the
 * stamp would cover content), and the case's highlights added over their words.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { ExhibitError } from '../../../shared/errors.ts';
import type { CourtOptions, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { addHighlight } from '../report/annotate.ts';
import type { BundleHighlight } from '../report/model.ts';
import { prepareSource, relinkCopied } from './copy.ts';
import type { OutlineNode } from './outline.ts';
import { readOutline, type SourceBookmark } from './source-outline.ts';
import { inkChecks, type InkCheck } from './ink.ts';
import { stampText } from './numbering.ts';
import { edgeOf, growSheet, sheetOf, type Sheet } from './sheet.ts';
import { growthFor, STAMP_SIZE, stampBox, type ShownRect } from './stamp.ts';
import type { BundleFont } from './text.ts';

/** What the stamping phase draws on one page. */
export interface PageStamp {
  page: PDFPage;
  sheet: Sheet;
  box: ShownRect;
  text: string;
  /** The strip added to the sheet (painted white under the stamp), when the page was grown. */
  strip?: ShownRect;
}

export interface Placed {
  pages: PDFPage[];
  stamps: PageStamp[];
  /** Bundle page numbers put on a larger sheet. */
  grown: number[];
  /** The document's own bookmarks, pointing at its pages in the bundle. */
  outline: OutlineNode[];
  warnings: string[];
}

export async function placeDocument(
  out: PDFDocument,
  doc: DocumentSummary,
  source: { bytes: Uint8Array; highlightsDrawn: boolean },
  firstPage: number,
  ctx: {
    options: CourtOptions;
    font: BundleFont;
    highlights: BundleHighlight[];
    signal?: AbortSignal | undefined;
    onPage: (title: string) => void;
  },
): Promise<Placed> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(source.bytes.slice(), { updateMetadata: false });
  } catch (err) {
    if (/encrypt/i.test((err as Error).message))
      throw new ExhibitError('password-required', `"${doc.title}" is encrypted and its password is not known`, doc.title);
    throw new ExhibitError('invalid-pdf', `"${doc.title}" could not be read as a PDF: ${(err as Error).message}`, doc.title);
  }
  const warnings: string[] = [];
  // Read before preparing: preparation rewrites shared destination arrays of links.
  const bookmarks = readOutline(src);
  prepareSource(src, ctx.options.ownAnnotations);
  const pages = await out.copyPages(src, src.getPageIndices());
  for (const p of pages) out.addPage(p);
  relinkCopied(out, pages);
  if (pages.length !== doc.pages)
    warnings.push(
      `"${doc.title}" has ${pages.length} pages in its file where the case lists ${doc.pages}; the index follows the file`,
    );

  const { options, font } = ctx;
  const stamps: PageStamp[] = [];
  const grown: number[] = [];
  // Every page's stamp box first, then the ink under them all.
  const planned = pages.map((page, i) => {
    const text = stampText(firstPage + i, options);
    const sheet = sheetOf(page);
    const box = stampBox(sheet, options.stampPosition, font.width(text, STAMP_SIZE), font.font.heightAtSize(STAMP_SIZE));
    return { page, text, sheet, box };
  });
  throwIfCancelled(ctx.signal);
  const checks: InkCheck[] = planned.map((p, i) => ({ page: i, box: p.box, height: p.sheet.height }));
  const inked = await inkChecks(source.bytes, checks, { signal: ctx.signal, onPage: () => ctx.onPage(doc.title) });
  for (const [i, { page, text, box }] of planned.entries()) {
    let { sheet } = planned[i]!;
    const number = firstPage + i;
    if (!inked[i]) {
      stamps.push({ page, sheet, box, text });
    } else {
      const edge = edgeOf(options.stampPosition);
      const extra = growthFor(box);
      sheet = growSheet(page, sheet, edge, extra);
      // The stamp keeps its distance from the (new) edge; the strip is the added sheet.
      const moved = edge === 'bottom' ? box : { ...box, y: box.y + extra };
      const strip = { x: 0, y: edge === 'bottom' ? 0 : sheet.height - extra, width: sheet.width, height: extra };
      stamps.push({ page, sheet, box: moved, text, strip });
      grown.push(number);
    }
  }

  if (options.highlights && !source.highlightsDrawn) {
    for (const h of ctx.highlights) {
      const shown: BundleHighlight = options.notes ? h : { ...h, note: null, links: [] };
      const targets = h.targets.filter((t) => t.rects.length > 0);
      targets.forEach((t, n) => {
        const page = pages[t.page - 1];
        if (!page)
          return void warnings.push(`A highlight in "${doc.title}" is on page ${t.page}, which the file lacks; left out`);
        addHighlight(out, page, shown, t.rects, targets.length > 1 ? `${h.highlightId}#${n + 1}` : h.highlightId);
      });
    }
  }
  const toBundle = (b: SourceBookmark): OutlineNode => ({
    title: b.title,
    page: pages[b.pageIndex]!.ref,
    children: b.children.map(toBundle),
  });
  return { pages, stamps, grown, warnings, outline: bookmarks.map(toBundle) };
}
