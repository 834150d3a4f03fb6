/**
 * Turns the reviewer's selection over PDF text layers into highlight targets: exact
 * offsets into each page's extracted text where the spans can be matched, else the
 * selected words with an approximate position for the engine to find. A selection
 * across a page break yields one target per page.
 */
import type { PageLayout, TargetSpec } from '../../../shared/ipc/contract.ts';
import { layoutItems, matchSpans, trimRange } from './text-spans.ts';

/** A text layer the selection touches, with its 1-based page number. */
export interface SelectedLayer {
  page: number;
  layer: HTMLElement;
}

const SPAN = 'span[role="presentation"]';

/** Text layers (page order) that the range intersects. */
export function layersInRange(range: Range, root: HTMLElement): SelectedLayer[] {
  const out: SelectedLayer[] = [];
  for (const page of root.querySelectorAll<HTMLElement>('.page[data-page-number]')) {
    const layer = page.querySelector<HTMLElement>(':scope > .textLayer');
    if (layer && range.intersectsNode(layer)) out.push({ page: Number(page.dataset.pageNumber), layer });
  }
  return out;
}

/** Characters of `span`'s text before the boundary point (node, offset) inside it. */
function offsetInSpan(span: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.setStart(span, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

/** Map the part of `range` inside one text layer to a target on that page. */
export function targetForLayer(range: Range, sel: SelectedLayer, layout: PageLayout): TargetSpec | null {
  const spans = [...sel.layer.querySelectorAll<HTMLElement>(SPAN)].filter((s) => range.intersectsNode(s));
  if (spans.length === 0) return null;
  const first = spans[0]!;
  const last = spans.at(-1)!;
  const startIn = first.contains(range.startContainer) ? offsetInSpan(first, range.startContainer, range.startOffset) : 0;
  const endIn = last.contains(range.endContainer)
    ? offsetInSpan(last, range.endContainer, range.endOffset)
    : (last.textContent ?? '').length;

  const all = [...sel.layer.querySelectorAll<HTMLElement>(SPAN)];
  const matched = matchSpans(
    all.map((s) => s.textContent ?? ''),
    layout.text,
    layoutItems(layout.items),
  );
  const itemOf = (span: HTMLElement) => matched[all.indexOf(span)] ?? -1;
  const a = itemOf(first);
  const b = itemOf(last);
  const quote = selectedText(range, first, last);
  if (a >= 0 && b >= 0) {
    const rows = layout.items;
    let start = rows[a]![0]! + startIn;
    let end = rows[b]![0]! + endIn;
    // Right-to-left runs are stored in logical order, so the visual first span may come later.
    if (end < start) [start, end] = [rows[b]![0]!, rows[a]![0]! + rows[a]![1]!];
    const [s, e] = trimRange(layout.text, start, end);
    if (e > s) return { page: sel.page, start: s, end: e };
  }
  const words = quote.replace(/\s+/g, ' ').trim();
  if (!words) return null;
  const near = a >= 0 ? layout.items[a]![0]! + startIn : undefined;
  return near === undefined ? { page: sel.page, quote: words } : { page: sel.page, quote: words, near };
}

function selectedText(range: Range, first: HTMLElement, last: HTMLElement): string {
  const r = document.createRange();
  if (first.contains(range.startContainer)) r.setStart(range.startContainer, range.startOffset);
  else r.setStartBefore(first);
  if (last.contains(range.endContainer)) r.setEnd(range.endContainer, range.endOffset);
  else r.setEndAfter(last);
  return r.toString();
}
