/**
 * The reviewer's place in a PDF: the page under the middle of the view and the point of it
 * there, in PDF user space. Screen pixels change with every turn, zoom step and resize; a
 * point of the page does not, so the view is measured before such a change and scrolled
 * back onto the same point after it.
 */

/** A point on a page, in that page's PDF user space (unrotated, unscaled). */
export interface Place {
  page: number;
  x: number;
  y: number;
}

/** The parts of a pdf.js page view this needs: its box in the scrolled content and its transform. */
export interface PlacedPageView {
  div: { offsetTop: number; offsetLeft: number; clientTop: number; clientLeft: number };
  viewport: {
    convertToPdfPoint(x: number, y: number): number[];
    convertToViewportPoint(x: number, y: number): number[];
  };
}

/** The parts of a pdf.js viewer this needs. Pages are laid out top to bottom, in order. */
export interface PlacedViewer {
  container: { scrollTop: number; scrollLeft: number; clientWidth: number; clientHeight: number };
  pagesCount: number;
  getPageView(index: number): unknown;
}

const viewAt = (viewer: PlacedViewer, index: number) => viewer.getPageView(index) as PlacedPageView | undefined;

/**
 * The index of the page whose box starts at or above `y` (content pixels), the lowest such
 * page; a point in the gap between two pages belongs to the page above it. Binary search:
 * a 1,000-page document reads ten boxes, not a thousand.
 */
function pageIndexAt(viewer: PlacedViewer, y: number): number {
  let lo = 0;
  let hi = viewer.pagesCount - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const top = viewAt(viewer, mid)?.div.offsetTop ?? Infinity;
    if (top <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The place under the middle of the view, or null before there are pages. */
export function placeAtCentre(viewer: PlacedViewer): Place | null {
  if (viewer.pagesCount === 0) return null;
  const c = viewer.container;
  const cx = c.scrollLeft + c.clientWidth / 2;
  const cy = c.scrollTop + c.clientHeight / 2;
  const index = pageIndexAt(viewer, cy);
  const view = viewAt(viewer, index);
  if (!view) return null;
  const [x, y] = view.viewport.convertToPdfPoint(
    cx - view.div.offsetLeft - view.div.clientLeft,
    cy - view.div.offsetTop - view.div.clientTop,
  );
  return { page: index + 1, x: x!, y: y! };
}

/**
 * Scroll so that `place` is under the middle of the view, as nearly as the scroll range
 * allows (the first page cannot come further down than the top, for one).
 */
export function centreOn(viewer: PlacedViewer, place: Place): void {
  const view = viewAt(viewer, place.page - 1);
  if (!view) return;
  const [vx, vy] = view.viewport.convertToViewportPoint(place.x, place.y);
  const c = viewer.container;
  c.scrollTop = view.div.offsetTop + view.div.clientTop + vy! - c.clientHeight / 2;
  c.scrollLeft = view.div.offsetLeft + view.div.clientLeft + vx! - c.clientWidth / 2;
}
