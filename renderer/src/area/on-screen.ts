/**
 * Where the Area tool's rectangle meets the screen: a pointer's position on a page in
 * points as shown, the page under the middle of the view for the keyboard's first
 * rectangle, and scrolling so a rectangle moved by keys stays in view.
 */
import {
  shownSize,
  startingRect,
  type FiledViewport,
  type ShownRect,
  type ShownViewport,
} from '../../../shared/anchoring/drawn-area.ts';

/** What the tool needs of one page pdf.js has set up. */
export interface AreaPage {
  div: HTMLElement;
  viewport: ShownViewport;
  /** The page at scale 1 with only its own /Rotate: the frame area targets are sent in. */
  filed: FiledViewport;
}

/** Where a screen point falls on a page, in points as shown (it may lie off the paper). */
export function pointOn(p: AreaPage, x: number, y: number): { x: number; y: number } {
  const box = p.div.getBoundingClientRect();
  const size = shownSize(p.viewport);
  return {
    x: ((x - box.left - p.div.clientLeft) / p.div.clientWidth) * size.width,
    y: ((y - box.top - p.div.clientTop) / p.div.clientHeight) * size.height,
  };
}

/** The 1-based number of the page under an event's target inside `root`, if any. */
export function pageUnder(root: HTMLElement, target: EventTarget | null): number | null {
  const el = target instanceof Element ? target.closest<HTMLElement>('.page[data-page-number]') : null;
  return el && root.contains(el) ? Number(el.dataset.pageNumber) : null;
}

/**
 * A rectangle for the keyboard to start from: on the page under the middle of the view,
 * around that point; where the middle falls between pages, in the middle of `fallback`.
 */
export function rectInMiddle(
  root: HTMLElement,
  page: (n: number) => AreaPage | null,
  fallback: number,
): { page: number; rect: ShownRect } | null {
  const view = root.getBoundingClientRect();
  const cx = view.left + view.width / 2;
  const cy = view.top + view.height / 2;
  for (const el of root.querySelectorAll<HTMLElement>('.page[data-page-number]')) {
    const b = el.getBoundingClientRect();
    if (cy < b.top || cy > b.bottom) continue;
    const n = Number(el.dataset.pageNumber);
    const p = page(n);
    if (p) return { page: n, rect: startingRect(shownSize(p.viewport), pointOn(p, cx, cy)) };
  }
  const p = page(fallback);
  if (!p) return null;
  const size = shownSize(p.viewport);
  return { page: fallback, rect: startingRect(size, { x: size.width / 2, y: size.height / 2 }) };
}

/** Scroll `root` just enough that `el` sits inside it with a margin. */
export function keepInView(root: HTMLElement, el: HTMLElement | null): void {
  if (!el) return;
  const b = el.getBoundingClientRect();
  const view = root.getBoundingClientRect();
  const margin = 24;
  if (b.top < view.top + margin) root.scrollTop -= view.top + margin - b.top;
  else if (b.bottom > view.bottom - margin) root.scrollTop += b.bottom - (view.bottom - margin);
  if (b.left < view.left + margin) root.scrollLeft -= view.left + margin - b.left;
  else if (b.right > view.right - margin) root.scrollLeft += b.right - (view.right - margin);
}
