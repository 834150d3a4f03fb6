/**
 * The numbers behind the viewer's Area tool, kept apart from the DOM so they can be tested
 * in Node against real pdf.js viewports and the engine that reads them. While drawn, a rectangle lives in points of the page as it
 * is shown now (the viewer's turn included), so arrow keys move it the way the screen
 * reads and zooming leaves it where it is. Only when accepted is it turned into the
 * contract's frame: points of the page as its own /Rotate shows it, before any turn the
 * reviewer gave the view — the one frame the engine can know.
 */
import type { TargetSpec } from '../ipc/highlight-schemas.ts';

/** A rectangle in points from the top-left corner of the page as shown now. */
export interface ShownRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** pdf.js's viewport of a page as the viewer draws it (scale and every turn applied). */
export interface ShownViewport {
  width: number;
  height: number;
  scale: number;
  convertToPdfPoint(x: number, y: number): number[];
}

/** pdf.js's viewport of the page at scale 1 with only its own /Rotate (`pdfPage.getViewport({ scale: 1 })`). */
export interface FiledViewport {
  convertToViewportPoint(x: number, y: number): number[];
}

export type AreaSpec = Extract<TargetSpec, { area: unknown }>;

/** A rectangle smaller than this many points either way is a click, not an area. */
export const MIN_SIDE = 3;

/** The page's size as shown now, in points. */
export const shownSize = (v: ShownViewport): Size => ({ width: v.width / v.scale, height: v.height / v.scale });

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** The rectangle with corners `a` and `b` (either order), kept on the page. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }, page: Size): ShownRect {
  const x1 = clamp(Math.min(a.x, b.x), 0, page.width);
  const y1 = clamp(Math.min(a.y, b.y), 0, page.height);
  const x2 = clamp(Math.max(a.x, b.x), 0, page.width);
  const y2 = clamp(Math.max(a.y, b.y), 0, page.height);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** A rectangle for the keyboard to start from: a few inches wide, centred on `at`, wholly on the page. */
export function startingRect(page: Size, at: { x: number; y: number }): ShownRect {
  const width = Math.min(216, page.width / 2);
  const height = Math.min(72, page.height / 4);
  return {
    x: clamp(at.x - width / 2, 0, page.width - width),
    y: clamp(at.y - height / 2, 0, page.height - height),
    width,
    height,
  };
}

export type Arrow = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/**
 * Move the rectangle by `step` points in the arrow's direction, or with `resize` move its
 * right or bottom edge instead (Right and Down grow it, Left and Up shrink it). It stays on
 * the page and never shrinks below MIN_SIDE.
 */
export function nudge(r: ShownRect, arrow: Arrow, step: number, resize: boolean, page: Size): ShownRect {
  const dx = arrow === 'ArrowLeft' ? -step : arrow === 'ArrowRight' ? step : 0;
  const dy = arrow === 'ArrowUp' ? -step : arrow === 'ArrowDown' ? step : 0;
  if (resize) {
    return {
      ...r,
      width: clamp(r.width + dx, MIN_SIDE, page.width - r.x),
      height: clamp(r.height + dy, MIN_SIDE, page.height - r.y),
    };
  }
  return { ...r, x: clamp(r.x + dx, 0, page.width - r.width), y: clamp(r.y + dy, 0, page.height - r.height) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The drawn rectangle as the contract's area target: its corners through the shown
 * viewport back to user space, then out through the page's own viewport at scale 1.
 * pdf.js does both turns, so what is drawn is what the engine reads, whatever the page's
 * /Rotate, its box's origin and the reviewer's turn of the view.
 */
export function toAreaSpec(page: number, r: ShownRect, shown: ShownViewport, filed: FiledViewport): AreaSpec {
  const corners = [
    [r.x, r.y],
    [r.x + r.width, r.y + r.height],
  ].map(([x, y]) => {
    const [ux, uy] = shown.convertToPdfPoint(x! * shown.scale, y! * shown.scale) as [number, number];
    return filed.convertToViewportPoint(ux, uy) as [number, number];
  });
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.max(0, round(Math.min(...xs)));
  const y = Math.max(0, round(Math.min(...ys)));
  return { page, area: { x, y, width: round(Math.max(...xs)) - x, height: round(Math.max(...ys)) - y } };
}

/** What a screen reader hears about the rectangle: where it is and its size in points. */
export function describeRect(page: number, r: ShownRect): string {
  const n = Math.round;
  return `Area on page ${page}: ${n(r.width)} by ${n(r.height)} points, ${n(r.x)} from the left and ${n(r.y)} from the top.`;
}
