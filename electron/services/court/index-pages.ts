/**
 * The index at the front of the bundle: each section and each of its documents (title,
 * date, provenance in short) with the bundle pages it takes, each entry a link to its first
 * page. It is laid out before any document is placed, from titles alone, so its page count
 * (and with it every later page number) is known up front; the numbers are drawn once the
 * documents are in.
 */
import { PDFName, rgb, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import type { BundleFont } from './text.ts';
import { wrap } from './text.ts';

/** A4 portrait, as most courts ask for their bundles. */
export const INDEX_PAGE: [number, number] = [595.28, 841.89];
const MARGIN_X = 56;
/** Top and bottom margins: wide enough that a stamp at either edge never touches the index. */
const MARGIN_Y = 64;
const GAP = 12;
const INDENT = 14;
const HEADING = { size: 18, lead: 30 };
const SECTION = { size: 12, lead: 16, before: 10 };
const TITLE = { size: 10, lead: 13 };
const SUB = { size: 8, lead: 10.5 };
const ENTRY_AFTER = 5;

export interface IndexDoc {
  documentId: string;
  title: string;
  /** "2024-03-01 · Ministry of Justice · obtained 2024-05-02": what tells the document apart. */
  detail: string;
}

export interface IndexSection {
  title: string;
  docs: IndexDoc[];
}

/** One thing drawn on an index page: a section or a document, with its top and height. */
export interface IndexItem {
  section: number;
  /** The document's place in its section; null for the section's own line. */
  doc: number | null;
  lines: string[];
  sub: string[];
  top: number;
  height: number;
}

export interface IndexLayout {
  pages: IndexItem[][];
  /** Width kept for the page numbers on the right. */
  numbersWidth: number;
}

/**
 * Lay the index out. `widestPages` is the widest page-range text any entry may need
 * ("EXH-01234 – EXH-01299" for the largest number the bundle could reach).
 */
export function layoutIndex(f: BundleFont, sections: IndexSection[], widestPages: string): IndexLayout {
  const [width, height] = INDEX_PAGE;
  const numbersWidth = Math.min(f.width(widestPages, TITLE.size), (width - 2 * MARGIN_X) * 0.45);
  const textWidth = width - 2 * MARGIN_X - numbersWidth - GAP;
  const pages: IndexItem[][] = [[]];
  let y = height - MARGIN_Y - HEADING.lead;
  const place = (item: Omit<IndexItem, 'top'>, before: number) => {
    if (y - before - item.height < MARGIN_Y && pages.at(-1)!.length > 0) {
      pages.push([]);
      y = height - MARGIN_Y;
      before = 0;
    }
    y -= before;
    pages.at(-1)!.push({ ...item, top: y });
    y -= item.height;
  };
  sections.forEach((s, si) => {
    const lines = wrap(f, s.title, SECTION.size, textWidth);
    place({ section: si, doc: null, lines, sub: [], height: lines.length * SECTION.lead + 4 }, SECTION.before);
    s.docs.forEach((d, di) => {
      const title = wrap(f, d.title, TITLE.size, textWidth - INDENT);
      const sub = d.detail ? wrap(f, d.detail, SUB.size, textWidth - INDENT) : [];
      place(
        { section: si, doc: di, lines: title, sub, height: title.length * TITLE.lead + sub.length * SUB.lead + ENTRY_AFTER },
        0,
      );
    });
  });
  return { pages, numbersWidth };
}

/** Where a section or document is in the bundle: the text shown and the page linked to. */
export interface IndexTarget {
  pagesText: string;
  page: PDFRef | null;
}

/** Draw the laid-out index on its pages, with a link over each entry. */
export function drawIndex(
  doc: PDFDocument,
  pages: PDFPage[],
  f: BundleFont,
  layout: IndexLayout,
  targetOf: (item: IndexItem) => IndexTarget,
): void {
  const [width, height] = INDEX_PAGE;
  const grey = rgb(0.35, 0.35, 0.35);
  layout.pages.forEach((items, n) => {
    const page = pages[n]!;
    if (n === 0) page.drawText('Index', { x: MARGIN_X, y: height - MARGIN_Y - HEADING.size, size: HEADING.size, font: f.font });
    for (const item of items) {
      const target = targetOf(item);
      const x = MARGIN_X + (item.doc === null ? 0 : INDENT);
      const style = item.doc === null ? SECTION : TITLE;
      item.lines.forEach((line, i) => {
        page.drawText(f.safe(line), { x, y: item.top - style.size - i * style.lead, size: style.size, font: f.font });
      });
      item.sub.forEach((line, i) => {
        const y = item.top - item.lines.length * style.lead - SUB.size - i * SUB.lead + 1;
        page.drawText(f.safe(line), { x, y, size: SUB.size, font: f.font, color: grey });
      });
      const pagesText = f.safe(target.pagesText);
      const w = f.font.widthOfTextAtSize(pagesText, style.size);
      page.drawText(pagesText, { x: width - MARGIN_X - w, y: item.top - style.size, size: style.size, font: f.font });
      if (target.page) addLink(doc, page, [MARGIN_X, item.top - item.height, width - MARGIN_X, item.top], target.page);
    }
  });
}

/** A /Link annotation over `rect` going to the top of `target`, with no border. */
export function addLink(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number], target: PDFRef): void {
  const link = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    F: 4,
    Dest: [target, PDFName.of('Fit')],
  });
  page.node.addAnnot(doc.context.register(link));
}
