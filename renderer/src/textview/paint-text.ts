/**
 * Draws one page of a plain-text document: its text split at highlight boundaries, each
 * highlighted run a span carrying its highlight's id and colour. The element is ours
 * alone (React does not manage its children), so mark.js may paint search terms in it.
 */
import type { PagePaint } from '../highlights/model.ts';

/** Replace the contents of `el` with `text`, highlighted where `paints` say. */
export function paintTextPage(el: HTMLElement, text: string, paints: readonly PagePaint[], selectedId: string | null): void {
  const cuts = new Set([0, text.length]);
  for (const p of paints) {
    cuts.add(Math.max(0, Math.min(text.length, p.start)));
    cuts.add(Math.max(0, Math.min(text.length, p.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: Node[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const piece = text.slice(s, e);
    // The latest highlight covering a run is drawn on top.
    const over = paints.filter((p) => p.start <= s && p.end >= e);
    const top = over.at(-1);
    if (!top) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const span = document.createElement('span');
    span.className = `text-hl hl-${top.color}${top.drifted ? ' drifted' : ''}${over.some((p) => p.highlightId === selectedId) ? ' selected' : ''}`;
    span.dataset.highlightId = top.highlightId;
    span.textContent = piece;
    nodes.push(span);
  }
  el.replaceChildren(...nodes);
}

/** Characters of the page text before the boundary point (node, offset) inside `el`. */
export function textOffset(el: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.setStart(el, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}
