/**
 * A source document's own bookmarks, read before its pages are copied, so the bundle's
 * bookmark for the document can hold them beneath it (each pointing at the bundle's copy of
 * its page). Bookmarks whose target is not a page of the document are left out; a hostile
 * outline (loops, absurd depth or length) is cut short rather than followed.
 */
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import { explicitDest } from './copy.ts';

export interface SourceBookmark {
  title: string;
  /** 0-based page of the source document. */
  pageIndex: number;
  children: SourceBookmark[];
}

const MAX_DEPTH = 8;
const MAX_ITEMS = 5000;

export function readOutline(src: PDFDocument): SourceBookmark[] {
  const ctx = src.context;
  const indexOf = new Map(src.getPages().map((p, i) => [p.ref.toString(), i]));
  const seen = new Set<PDFDict>();
  const level = (first: unknown, depth: number): SourceBookmark[] => {
    const out: SourceBookmark[] = [];
    let item = ctx.lookup(first as PDFRef);
    while (item instanceof PDFDict && !seen.has(item) && seen.size < MAX_ITEMS) {
      seen.add(item);
      const title = ctx.lookup(item.get(PDFName.of('Title')));
      let dest = explicitDest(src, item.get(PDFName.of('Dest')));
      const action = ctx.lookup(item.get(PDFName.of('A')));
      if (!dest && action instanceof PDFDict) dest = explicitDest(src, action.get(PDFName.of('D')));
      const target = dest?.get(0);
      const pageIndex = target instanceof PDFRef ? indexOf.get(target.toString()) : undefined;
      const children = depth < MAX_DEPTH ? level(item.get(PDFName.of('First')), depth + 1) : [];
      if (pageIndex !== undefined && (title instanceof PDFString || title instanceof PDFHexString))
        out.push({ title: title.decodeText(), pageIndex, children });
      else out.push(...children);
      item = ctx.lookup(item.get(PDFName.of('Next')));
    }
    return out;
  };
  const root = ctx.lookup(src.catalog.get(PDFName.of('Outlines')));
  return root instanceof PDFDict ? level(root.get(PDFName.of('First')), 0) : [];
}
