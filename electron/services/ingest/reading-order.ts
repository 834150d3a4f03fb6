/**
 * pdf.js returns right-to-left words (Arabic, Hebrew) as separate items in visual,
 * left-to-right order, each already in logical order inside. A line's run of such
 * items is reversed here so the page text reads in logical order and phrases match.
 */

export interface LineItem {
  str: string;
  dir: string;
  hasEOL: boolean;
}

const isBlank = (s: string) => s.trim() === '';

/** Return the items of one line in logical reading order. */
export function logicalOrder<T extends LineItem>(line: readonly T[]): T[] {
  const out = [...line];
  let i = 0;
  while (i < out.length) {
    if (out[i]!.dir !== 'rtl') {
      i++;
      continue;
    }
    // Extend over rtl items and the blanks between them; end on an rtl item.
    let end = i;
    for (let j = i + 1; j < out.length; j++) {
      if (out[j]!.dir === 'rtl') end = j;
      else if (!isBlank(out[j]!.str)) break;
    }
    if (end > i) {
      const run = out.slice(i, end + 1).reverse();
      out.splice(i, run.length, ...run);
    }
    i = end + 1;
  }
  return out;
}

/** Split pdf.js text items into lines at their end-of-line marks. */
export function splitLines<T extends LineItem>(items: readonly T[]): T[][] {
  const lines: T[][] = [[]];
  for (const item of items) {
    lines.at(-1)!.push(item);
    if (item.hasEOL) lines.push([]);
  }
  if (lines.at(-1)!.length === 0) lines.pop();
  return lines;
}
