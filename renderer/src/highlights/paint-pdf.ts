/**
 * Paints highlight boxes over a rendered PDF page. Boxes are placed from the stored PDF
 * rectangles through the page's current viewport and sized in percent of the page, so
 * they stay on the text through CSS zooming and are redrawn on every render (zoom,
 * rotation, re-render after scrolling away).
 */
import type { PagePaint } from './model.ts';

/** The part of pdf.js's page viewport we use. */
export interface ViewportLike {
  width: number;
  height: number;
  convertToViewportPoint(x: number, y: number): number[];
}

const LAYER = 'exhibit-highlight-layer';

/** Draw `paints` on the page element `pageDiv`, replacing what was there. */
export function paintPdfPage(
  pageDiv: HTMLElement,
  viewport: ViewportLike,
  paints: readonly PagePaint[],
  selectedId: string | null,
): void {
  let layer = pageDiv.querySelector<HTMLDivElement>(`:scope > .${LAYER}`);
  if (!layer) {
    layer = document.createElement('div');
    layer.className = LAYER;
    layer.setAttribute('aria-hidden', 'true');
    // Under the text layer, so selecting text over a highlight still works.
    const textLayer = pageDiv.querySelector(':scope > .textLayer');
    pageDiv.insertBefore(layer, textLayer);
  }
  const boxes: HTMLElement[] = [];
  for (const p of paints) {
    for (const rect of p.rects) {
      // Two opposite corners through the viewport (scale, rotation, flip); pdf.js 6 has no rectangle helper.
      const [x1, y1] = viewport.convertToViewportPoint(rect[0], rect[1]) as [number, number];
      const [x2, y2] = viewport.convertToViewportPoint(rect[2], rect[3]) as [number, number];
      const box = document.createElement('div');
      box.className =
        `exhibit-hl hl-${p.color}${p.area ? ' area' : ''}${p.drifted ? ' drifted' : ''}` +
        `${p.highlightId === selectedId ? ' selected' : ''}`;
      box.dataset.highlightId = p.highlightId;
      const s = box.style;
      s.left = `${(Math.min(x1, x2) / viewport.width) * 100}%`;
      s.top = `${(Math.min(y1, y2) / viewport.height) * 100}%`;
      s.width = `${(Math.abs(x2 - x1) / viewport.width) * 100}%`;
      s.height = `${(Math.abs(y2 - y1) / viewport.height) * 100}%`;
      boxes.push(box);
    }
  }
  layer.replaceChildren(...boxes);
}

/** The highlight painted under a point of the screen on this page, if any. */
export function highlightAt(pageDiv: HTMLElement, x: number, y: number): string | null {
  const boxes = pageDiv.querySelectorAll<HTMLElement>(`:scope > .${LAYER} > .exhibit-hl`);
  for (const box of boxes) {
    const r = box.getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return box.dataset.highlightId ?? null;
  }
  return null;
}
