/**
 * The 'documents' phase for one document: its source PDF opened (one at a time), its pages
 * copied into the bundle, each page's stamp box checked for ink (the sheet grown where the
 * stamp would cover content), and the case's highlights added over their words.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { ExhibitError } from '../../../shared/errors.ts';
import type { CourtOptions, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { breather } from '../jobs/breathe.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { addHighlight } from '../report/annotate.ts';
import type { BundleHighlight } from '../report/model.ts';
import { prepareSource, relinkCopied } from './copy.ts';
import { inkReader } from './ink.ts';
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
    throw new ExhibitError('invalid-pdf', `"${doc.title}" could not be read as a PDF: ${(err as Error).message}`, doc.title);
  }
  const warnings: string[] = [];
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
  const ink = await inkReader(source.bytes);
  const breathe = breather();
  try {
    for (const [i, page] of pages.entries()) {
      await breathe();
      throwIfCancelled(ctx.signal);
      const number = firstPage + i;
      const text = stampText(number, options);
      let sheet = sheetOf(page);
      const box = stampBox(sheet, options.stampPosition, font.width(text, STAMP_SIZE), font.font.heightAtSize(STAMP_SIZE));
      const inked = await ink.hasInk(i, box, sheet.height).catch(() => true);
      if (!inked) {
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
      ctx.onPage(doc.title);
    }
  } finally {
    await ink.close().catch(() => undefined);
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
  return { pages, stamps, grown, warnings };
}
