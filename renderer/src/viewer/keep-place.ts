/**
 * Keeps the reviewer's place (place.ts) through whatever would move it: a quarter turn, a
 * zoom step or preset, and any change in the size of the scroll container — the window,
 * the library beside it, the viewer's sidebar, the find bar. A fitted zoom (automatic, fit
 * width, fit page) is worked out again for the new size, as its name promises.
 *
 * pdf.js keeps the scroll offset through a turn (so page 300 of a long document becomes
 * page 360, the pages having changed height), keeps the top-left corner through a zoom
 * step, and leaves a fitted zoom as it was when the container changes size.
 */
import { centreOn, placeAtCentre, type Place, type PlacedViewer } from './place.ts';

/** The parts of pdf.js's PDFViewer this drives. */
export interface KeptViewer extends PlacedViewer {
  container: HTMLElement;
  currentScaleValue: string;
  currentPageNumber: number;
  update(): void;
}

export interface PlaceKeeper {
  /** Make a change that moves the pages (turn, zoom), then bring the same place back under the middle. */
  keep(change: () => void): void;
  /** The view was moved on purpose (opened at a page): its place is the one to keep from now on. */
  remember(): void;
  stop(): void;
}

/** Zoom values pdf.js works out from the container's size. */
const FITTED = new Set(['auto', 'page-width', 'page-fit']);

/** Follow the reviewer's place in `viewer` until stopped. */
export function keepPlace(viewer: KeptViewer): PlaceKeeper {
  const el = viewer.container;
  let held: Place | null = null;
  // The scroll offset `held` belongs to: while the view is still there, our own scrolling
  // is not mistaken for the reviewer's, and rounding does not creep in turn after turn.
  let heldAt = { top: NaN, left: NaN };
  let size = { width: el.clientWidth, height: el.clientHeight };
  let resizeFrame = 0;

  const unmoved = () => el.scrollTop === heldAt.top && el.scrollLeft === heldAt.left;
  const remember = () => {
    held = placeAtCentre(viewer);
    heldAt = { top: el.scrollTop, left: el.scrollLeft };
  };
  const goBack = (place: Place) => {
    // Naming the page first keeps pdf.js's current page on it (after a turn it would name
    // the page now under the old scroll offset) and shows that page from its top.
    viewer.currentPageNumber = place.page;
    // Fit page is chosen to see the whole page: there the page, shown whole, is the place.
    if (viewer.currentScaleValue !== 'page-fit') centreOn(viewer, place);
    held = place;
    heldAt = { top: el.scrollTop, left: el.scrollLeft };
    viewer.update();
  };

  // Scrolled by the reviewer (or a jump to a page or passage): that is the place now. A
  // scroll while a resize waits for its frame is the browser clamping the old offset to the
  // new size, not the reviewer moving.
  const onScroll = () => {
    if (resizeFrame === 0 && !unmoved()) remember();
  };
  el.addEventListener('scroll', onScroll, { passive: true });

  const refit = () => {
    resizeFrame = 0;
    const place = held;
    // Setting a fitted value again makes pdf.js fit it to the container as it is now.
    const zoom = viewer.currentScaleValue;
    if (FITTED.has(zoom)) viewer.currentScaleValue = zoom;
    if (place) goBack(place);
  };
  // Refitting in the next frame, not inside the observer: a new scale can add or remove a
  // scrollbar, which resizes the container again while its observer is still running.
  const observer = new ResizeObserver(() => {
    const now = { width: el.clientWidth, height: el.clientHeight };
    // Unchanged (the first report), or hidden, where there is nothing to fit.
    if ((now.width === size.width && now.height === size.height) || now.width === 0 || now.height === 0) return;
    size = now;
    if (resizeFrame === 0) resizeFrame = requestAnimationFrame(refit);
  });
  observer.observe(el);

  return {
    keep(change) {
      const place = held && unmoved() ? held : placeAtCentre(viewer);
      change();
      if (place) goBack(place);
    },
    remember,
    stop() {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(resizeFrame);
      resizeFrame = 0;
    },
  };
}
