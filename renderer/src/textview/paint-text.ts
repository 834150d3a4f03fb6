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

/** The text node and offset at `offset` characters into `el`'s text. */
function pointAt(el: HTMLElement, offset: number): { node: Node; offset: number } {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | null = null;
  for (let n = walk.nextNode() as Text | null; n; n = walk.nextNode() as Text | null) {
    if (left <= n.data.length) return { node: n, offset: left };
    left -= n.data.length;
    last = n;
  }
  return last ? { node: last, offset: last.data.length } : { node: el, offset: 0 };
}

/**
 * Run `paint` over `el` and put back a selection with an end inside it, by its offsets
 * into the text: repainting replaces the text nodes, which would otherwise drop a
 * selection the reviewer is making (highlights arriving, a highlight made by key).
 */
export function keepingSelection(el: HTMLElement, paint: () => void): void {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !(el.contains(sel.anchorNode) || el.contains(sel.focusNode))) {
    paint();
    return;
  }
  type Saved = { inside: number } | { node: Node | null; offset: number };
  const save = (node: Node | null, offset: number): Saved =>
    node && el.contains(node) ? { inside: textOffset(el, node, offset) } : { node, offset };
  const anchor = save(sel.anchorNode, sel.anchorOffset);
  const focus = save(sel.focusNode, sel.focusOffset);
  paint();
  const back = (p: Saved) => ('inside' in p ? pointAt(el, p.inside) : p);
  const a = back(anchor);
  const f = back(focus);
  if (a.node && f.node) sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
}
