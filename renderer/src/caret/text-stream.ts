/**
 * The readable text of a few pages on screen (PDF text layers or text-document pages) as
 * one string laid over the DOM text nodes that hold it, so a keyboard caret can move
 * through it by character, word and line and land on real DOM points, which the
 * browser's selection (and so highlighting) takes as they are.
 *
 * A PDF text layer ends each line with a <br>; those line ends, and page ends, are a
 * '\n' in the string that no text node holds. A text page wraps where the window makes
 * it, so its lines are found on screen instead (see moves.ts).
 */

/** One page's text on screen: a PDF text layer or a text document's page body. */
export interface PageText {
  page: number;
  root: HTMLElement;
}

export interface DomPoint {
  node: Node;
  offset: number;
}

interface Segment {
  node: Text;
  from: number;
}

export interface TextStream {
  readonly text: string;
  readonly pages: readonly PageText[];
  /** Where each line starts, for text set line by line (PDF); null when lines are where the text wraps. */
  readonly lineStarts: readonly number[] | null;
  /** The DOM point for an offset into `text` (a line or page end maps to the end of the text before it). */
  point(i: number): DomPoint;
  /** The offset of a DOM point, or null when the point is not in these pages. */
  offsetOf(node: Node, offset: number): number | null;
  /** The page an offset is on. */
  pageAt(i: number): number;
}

/** Read `pages` (in reading order) into one stream; `lineBreaks`: a <br> ends a line (PDF text layers). */
export function readStream(pages: readonly PageText[], lineBreaks: boolean): TextStream {
  const segments: Segment[] = [];
  const lineStarts: number[] = [0];
  const pageStarts: number[] = [];
  let text = '';
  const breakLine = () => {
    if (text.length === 0 || text.endsWith('\n')) return;
    text += '\n';
    lineStarts.push(text.length);
  };
  for (const { root } of pages) {
    breakLine();
    pageStarts.push(text.length);
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n instanceof Text) {
        if (n.data.length === 0) continue;
        segments.push({ node: n, from: text.length });
        text += n.data;
      } else if (lineBreaks && n instanceof HTMLBRElement) {
        breakLine();
      }
    }
  }

  const segmentAt = (i: number): number => {
    // The last segment starting at or before i.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.from <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return {
    text,
    pages,
    lineStarts: lineBreaks ? lineStarts : null,
    point(i) {
      if (segments.length === 0) return { node: pages[0]?.root ?? document.body, offset: 0 };
      const s = segments[segmentAt(Math.max(0, Math.min(i, text.length)))]!;
      return { node: s.node, offset: Math.min(Math.max(0, i - s.from), s.node.data.length) };
    },
    offsetOf(node, offset) {
      if (!pages.some((p) => p.root.contains(node))) return null;
      if (node instanceof Text) {
        const s = segments.find((seg) => seg.node === node);
        if (s) return s.from + Math.min(offset, node.data.length);
      }
      // An element boundary: the first text at or after it.
      const here = document.createRange();
      here.setStart(node, offset);
      for (const s of segments) {
        if (here.comparePoint(s.node, 0) >= 0) return s.from;
      }
      return text.length;
    },
    pageAt(i) {
      let k = 0;
      while (k + 1 < pageStarts.length && pageStarts[k + 1]! <= i) k++;
      return pages[k]?.page ?? 1;
    },
  };
}

/** The text layers of a PDF's drawn pages, in page order. */
export function pdfPageTexts(root: HTMLElement | null): PageText[] {
  const layers = root?.querySelectorAll<HTMLElement>('.page[data-page-number] > .textLayer') ?? [];
  return [...layers].map((layer) => ({ page: Number(layer.parentElement?.dataset.pageNumber), root: layer }));
}

/** The page bodies of a text document that have their text, in page order. */
export function textPageTexts(root: HTMLElement | null): PageText[] {
  const bodies = root?.querySelectorAll<HTMLElement>('.text-body[data-body]') ?? [];
  return [...bodies].map((body) => ({ page: Number(body.dataset.body), root: body }));
}
