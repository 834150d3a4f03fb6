/**
 * The rectangle being drawn, as an outline inside its page's element. It is placed in
 * percent of the page, like the highlight boxes, so it stays on the same spot of paper
 * while pdf.js zooms the page with CSS and re-renders it; pdf.js empties a page of
 * elements it does not know when it re-renders, so the viewer paints it again then.
 */
import type { ShownRect, Size } from '../../../shared/anchoring/drawn-area.ts';

const DRAFT = 'exhibit-area-draft';

/** Draw `rect` (points as shown) on `pageDiv`, or remove the outline when `rect` is null. */
export function paintDraft(pageDiv: HTMLElement, rect: ShownRect | null, page: Size, held: boolean): void {
  let el = pageDiv.querySelector<HTMLDivElement>(`:scope > .${DRAFT}`);
  if (!rect) {
    el?.remove();
    return;
  }
  if (!el) {
    el = document.createElement('div');
    el.className = DRAFT;
    el.setAttribute('aria-hidden', 'true');
    pageDiv.append(el);
  }
  // Held: accepted and waiting for the popup's colour, drawn steady rather than as a live outline.
  el.classList.toggle('held', held);
  const s = el.style;
  s.left = `${(rect.x / page.width) * 100}%`;
  s.top = `${(rect.y / page.height) * 100}%`;
  s.width = `${(rect.width / page.width) * 100}%`;
  s.height = `${(rect.height / page.height) * 100}%`;
}

/** Remove every outline under `root` except the one on `keep`. */
export function clearDrafts(root: HTMLElement, keep: HTMLElement | null = null): void {
  for (const el of root.querySelectorAll(`.${DRAFT}`)) if (el.parentElement !== keep) el.remove();
}
