/**
 * The words inside an area of a page. An area highlight is anchored by its rectangle, not
 * by its text: its quote is whatever words the page's glyph geometry puts inside the
 * rectangle, read again whenever the page's text is replaced (a scan OCR'd anew).
 *
 * A word is a run of non-space characters of the page text; it is inside when the centre
 * of its glyphs' box is, so a word the rectangle only grazes stays out and one it cuts in
 * half is decided by where most of it lies. The words come in page-text order. Between two
 * of them the page text is kept as it is, unless words outside the area lie between (the
 * rest of a line in another column): those are left out, and a line break (or a space,
 * when no line ends there) stands in for them.
 */
import type { Rect } from '../ipc/highlight-schemas.ts';
import { EXTENT_STRIDE, itemExtents, type PageGeometry } from './glyphs.ts';
import { box, itemPlacement } from './rects.ts';

/** What an area reads: the words inside it and where they start and end in the page text. */
export interface AreaReading {
  /** The words inside, in page-text order ('' when none). */
  exact: string;
  /** From the first word's start to the last word's end; start = end (at 0) when none. */
  start: number;
  end: number;
}

/** Each character's glyph box in user space, by page-text offset (null where it is not drawn, as the line breaks). */
function characterBoxes(g: PageGeometry, length: number): (Rect | null)[] {
  const boxes: (Rect | null)[] = Array.from({ length }, () => null);
  g.items.forEach((item, index) => {
    const [s, len] = item as number[];
    if (!(len! > 0)) return;
    const ext = itemExtents(g, index);
    const { frame, below, above } = itemPlacement(item);
    for (let k = 0; k < len! && s! + k < length; k++) {
      const lift = ext[EXTENT_STRIDE * k + 2]!;
      const x0 = ext[EXTENT_STRIDE * k]!;
      const x1 = ext[EXTENT_STRIDE * k + 1]!;
      // A character with no advance (a combining mark) still has a place on the line.
      boxes[s! + k] = box(frame, x0, Math.max(x1, x0 + 0.01), lift + below, lift + above);
    }
  });
  return boxes;
}

/** The words of the page text with the box around their glyphs (words not drawn anywhere are left out). */
export function wordBoxes(g: PageGeometry & { text: string }): { start: number; end: number; box: Rect }[] {
  const { text } = g;
  const chars = characterBoxes(g, text.length);
  const out: { start: number; end: number; box: Rect }[] = [];
  for (const m of text.matchAll(/\S+/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    let found: Rect | null = null;
    for (let i = start; i < end; i++) {
      const b = chars[i];
      if (!b) continue;
      found = found
        ? [Math.min(found[0], b[0]), Math.min(found[1], b[1]), Math.max(found[2], b[2]), Math.max(found[3], b[3])]
        : [...b];
    }
    if (found) out.push({ start, end, box: found });
  }
  return out;
}

/** Whether a box's centre lies inside a rectangle (edges included). */
function centreInside(b: Rect, r: Rect): boolean {
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  return cx >= r[0] && cx <= r[2] && cy >= r[1] && cy <= r[3];
}

/** The words of a page inside `area` (PDF user space, like the geometry). */
export function readArea(g: PageGeometry & { text: string }, area: Rect): AreaReading {
  const inside = wordBoxes(g).filter((w) => centreInside(w.box, area));
  if (inside.length === 0) return { exact: '', start: 0, end: 0 };
  const { text } = g;
  let exact = text.slice(inside[0]!.start, inside[0]!.end);
  for (let i = 1; i < inside.length; i++) {
    const gap = text.slice(inside[i - 1]!.end, inside[i]!.start);
    // Only space between two words inside: the page's own spacing. Words outside between them: a break instead.
    exact += /\S/.test(gap) ? (gap.includes('\n') ? '\n' : ' ') : gap;
    exact += text.slice(inside[i]!.start, inside[i]!.end);
  }
  return { exact, start: inside[0]!.start, end: inside.at(-1)!.end };
}

/**
 * Whether an area's quote still fits the page text where its position says: its words are
 * those of text[start, end), in order, some perhaps left out between (words outside the
 * area), the first and last kept. The check exports and bundle imports make of an area
 * target, whose quote need not be one stretch of the page text.
 */
export function areaQuoteFits(text: string, quote: string, start: number, end: number): boolean {
  const words = quote.split(/\s+/u).filter(Boolean);
  const span = text.slice(start, end).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return start === end;
  if (words[0] !== span[0] || words.at(-1) !== span.at(-1)) return false;
  let k = 0;
  for (const w of span) if (k < words.length && w === words[k]) k++;
  return k === words.length;
}

/** Whether a target's quote reads in the page text where its position says: exactly, or for an area as above. */
export function quoteFits(
  text: string,
  t: { area?: Rect | null; quote: { exact: string }; position: { start: number; end: number } },
): boolean {
  if (t.area) return areaQuoteFits(text, t.quote.exact, t.position.start, t.position.end);
  return text.slice(t.position.start, t.position.end) === t.quote.exact;
}
