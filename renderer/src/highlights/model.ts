/** What the viewers need to know about highlights, derived from the contract's types. */
import type { Highlight, HighlightColor, Rect, TargetSpec } from '../../../shared/ipc/contract.ts';

export type { Highlight, HighlightColor, Rect, TargetSpec };

export const COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink', 'orange', 'purple'];

/** A piece of a highlight to paint on one page: PDF rectangles, or text offsets for text documents. */
export interface PagePaint {
  highlightId: string;
  color: HighlightColor;
  page: number;
  rects: Rect[];
  start: number;
  end: number;
  /** Painted where the text is now, not where it was saved: drawn differently so nobody mistakes it. */
  drifted: boolean;
  /** A rectangle drawn with the Area tool: outlined, so what it covers stays readable. */
  area: boolean;
}

/**
 * Where each target is painted: ok targets where they were saved, drifted ones where the
 * text is now (marked as drifted), orphaned ones nowhere — they are listed instead.
 */
export function paintsByPage(highlights: readonly Highlight[]): Map<number, PagePaint[]> {
  const pages = new Map<number, PagePaint[]>();
  const add = (p: PagePaint) => {
    const list = pages.get(p.page);
    if (list) list.push(p);
    else pages.set(p.page, [p]);
  };
  for (const h of highlights) {
    for (const t of h.targets) {
      const base = { highlightId: h.highlightId, color: h.color, area: t.area !== null };
      if (t.anchor === 'ok') {
        add({ ...base, page: t.page, rects: t.rects, start: t.position.start, end: t.position.end, drifted: false });
      } else if (t.anchor === 'drifted' && t.current) {
        const c = t.current;
        add({ ...base, page: c.page, rects: c.rects, start: c.start, end: c.end, drifted: true });
      }
    }
  }
  return pages;
}

/** Targets that need the reviewer's attention, one line each. */
export interface AnchorProblem {
  highlightId: string;
  page: number;
  quote: string;
  state: 'drifted' | 'orphaned';
  /** Where a drifted target's text is now. */
  nowOnPage: number | null;
}

export function anchorProblems(highlights: readonly Highlight[]): AnchorProblem[] {
  const out: AnchorProblem[] = [];
  for (const h of highlights)
    for (const t of h.targets)
      if (t.anchor !== 'ok')
        out.push({
          highlightId: h.highlightId,
          page: t.page,
          quote: t.quote.exact,
          state: t.anchor,
          nowOnPage: t.current?.page ?? null,
        });
  return out;
}

/** The first place a highlight is painted: for scrolling to it. */
export function firstPaint(h: Highlight): { page: number; rect: Rect | null; start: number } | null {
  for (const t of h.targets) {
    if (t.anchor === 'ok') return { page: t.page, rect: t.rects[0] ?? null, start: t.position.start };
    if (t.anchor === 'drifted' && t.current)
      return { page: t.current.page, rect: t.current.rects[0] ?? null, start: t.current.start };
  }
  return null;
}
