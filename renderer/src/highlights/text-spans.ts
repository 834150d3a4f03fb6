/**
 * Matches the spans of a rendered text layer to the text items the engine stored for
 * that page (documents.pageLayout). Both come from the same pdf.js text content, but
 * the engine keeps only non-empty items and puts right-to-left runs in logical order
 * within each line, so spans are matched to items by their strings, in order, looking a
 * little ahead for items that were reordered.
 */

/** An item of the page layout: where its string starts in the page text, and its length. */
export interface LayoutItem {
  start: number;
  length: number;
}

const LOOKAHEAD = 200;

/** For each span, the index of its layout item, or -1 when no item has the span's string. */
export function matchSpans(spanTexts: readonly string[], text: string, items: readonly LayoutItem[]): number[] {
  const used = new Uint8Array(items.length);
  let low = 0;
  return spanTexts.map((str) => {
    const limit = Math.min(items.length, low + LOOKAHEAD);
    for (let j = low; j < limit; j++) {
      if (used[j]) continue;
      const it = items[j]!;
      if (it.length === str.length && text.startsWith(str, it.start)) {
        used[j] = 1;
        while (low < items.length && used[low]) low++;
        return j;
      }
    }
    return -1;
  });
}

/** Read `[start, length, …]` rows of documents.pageLayout into items. */
export function layoutItems(rows: readonly (readonly number[])[]): LayoutItem[] {
  return rows.map((r) => ({ start: r[0] ?? 0, length: r[1] ?? 0 }));
}

/** Shrink [start, end) so it neither starts nor ends on whitespace. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}
