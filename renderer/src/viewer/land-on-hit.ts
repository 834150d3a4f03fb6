/**
 * Where a search hit lands: its first marked word in the middle of the pages' scroll
 * box, selected, with the keyboard in the pages, so the reviewer reads it at once and
 * can extend the selection from it (Shift+arrows) and highlight it (H) without a mouse.
 */

/** Scroll `scroller` (and nothing around it) so `el` sits in the middle of its box. */
export function centreIn(scroller: HTMLElement, el: Element): void {
  const box = scroller.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const top = box.top + scroller.clientTop;
  const left = box.left + scroller.clientLeft;
  scroller.scrollTop += r.top + r.height / 2 - (top + scroller.clientHeight / 2);
  // Sideways only when the word is not already in view (a page zoomed wider than the window).
  if (r.left < left || r.right > left + scroller.clientWidth) {
    scroller.scrollLeft += r.left + r.width / 2 - (left + scroller.clientWidth / 2);
  }
}

/** Select the text of `mark` and put the keyboard in `scroller`, without scrolling. */
export function selectHit(scroller: HTMLElement, mark: Element): void {
  const first = mark.firstChild;
  const last = mark.lastChild;
  if (!first || !last) return;
  window.getSelection()?.setBaseAndExtent(first, 0, last, last.textContent?.length ?? 0);
  scroller.focus({ preventScroll: true });
}

/**
 * Centre `mark` in `scroller` and select it. With `content` (what scrolls inside), keep
 * it centred while that changes size (a PDF's real page sizes arrive after the first page
 * is drawn, and a landscape page above the hit would move it out of view), until the
 * reviewer scrolls, clicks or types in the pages. Returns a function that stops the watch.
 */
export function landOnHit(scroller: HTMLElement, mark: () => Element | null, content?: Element | null): () => void {
  const first = mark();
  if (!first) return () => undefined;
  centreIn(scroller, first);
  selectHit(scroller, first);
  if (!content) return () => undefined;
  const watch = new ResizeObserver(() => {
    const m = mark();
    if (m) centreIn(scroller, m);
  });
  watch.observe(content);
  const stop = () => {
    watch.disconnect();
    for (const type of ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const) scroller.removeEventListener(type, stop);
  };
  for (const type of ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const) {
    scroller.addEventListener(type, stop, { once: true, passive: true });
  }
  return stop;
}
