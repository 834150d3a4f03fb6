/**
 * Rectangles in PDF user space for a range of page text, cut from the page's glyph
 * geometry (glyphs.ts). A text item row is [start, length, a, b, c, d, e, f, width,
 * height, ascent, descent]: where its string starts in the page text and how long it is,
 * its text matrix (e, f: the baseline origin), its advance width and font size, and the
 * font's ascent and descent as fractions of the font size (negative descent: below the
 * baseline). Rows written before glyph geometry end at `width, height, ascentShare`, the
 * share of the font size above the baseline, and their boxes keep that older shape.
 */
import type { Rect } from '../ipc/highlight-schemas.ts';
import { EXTENT_STRIDE, itemExtents, type PageGeometry } from './glyphs.ts';

/** Fraction of the font size above the baseline when extraction knew no better (as pdf.js assumes). */
export const DEFAULT_ASCENT = 0.8;
export const DEFAULT_DESCENT = -0.2;

/** The font's extent below and above the baseline, in points, for an item row. */
function verticalExtent(item: readonly number[], size: number): [number, number] {
  if (item.length >= 12) return [item[11]! * size, item[10]! * size];
  const share = item[10] ?? DEFAULT_ASCENT;
  return [-(1 - share) * size, share * size];
}

/**
 * Axis-aligned rectangles covering text[start, end): per text item touched, the advances
 * of exactly the characters in range (one box per run of characters sharing a baseline,
 * without spaces at its ends when the page text is known), merged along a line. Accepts
 * the page's geometry, or bare item rows (spread evenly).
 */
export function rectsForRange(geometry: PageGeometry | readonly (readonly number[])[], start: number, end: number): Rect[] {
  const g: PageGeometry = Array.isArray(geometry)
    ? { items: geometry as readonly (readonly number[])[] }
    : (geometry as PageGeometry);
  const rects: Rect[] = [];
  g.items.forEach((item, index) => {
    const [s, len] = item as number[];
    if (!(len! > 0) || s! + len! <= start || s! >= end) return;
    const from = Math.max(start, s!) - s!;
    const to = Math.min(end, s! + len!) - s!;
    const ext = itemExtents(g, index);
    const { frame, below, above } = itemPlacement(item);
    let k = from;
    while (k < to) {
      // A run of characters on one baseline (words of an OCR'd line may each sit a little higher or lower).
      const lift = ext[EXTENT_STRIDE * k + 2]!;
      let x0 = Infinity;
      let x1 = -Infinity;
      let q = k;
      for (; q < to && Math.abs(ext[EXTENT_STRIDE * q + 2]! - lift) < 0.5; q++) {
        // A space at either end of the run is the gap to the next word, not part of a word's box.
        if (g.text !== undefined && /\s/.test(g.text[s! + q]!)) continue;
        x0 = Math.min(x0, ext[EXTENT_STRIDE * q]!);
        x1 = Math.max(x1, ext[EXTENT_STRIDE * q + 1]!);
      }
      if (x1 > x0) rects.push(box(frame, x0, x1, lift + below, lift + above));
      k = q;
    }
  });
  return mergeLineRects(rects);
}

/** Where an item's baseline starts, and unit vectors along the text and up from the baseline, in user space. */
export interface Frame {
  e: number;
  f: number;
  ux: number;
  uy: number;
  vx: number;
  vy: number;
}

/** An item row's baseline frame (from its text matrix) and the font's extent below and above the baseline, in points. */
export function itemPlacement(item: readonly number[]): { frame: Frame; below: number; above: number } {
  const [, , a, b, c, d, e, f, , height] = item as number[];
  const along = Math.hypot(a!, b!) || 1;
  const up = Math.hypot(c!, d!) || 1;
  const frame = { e: e!, f: f!, ux: a! / along, uy: b! / along, vx: c! / up, vy: d! / up };
  const [below, above] = verticalExtent(item, height || up);
  return { frame, below, above };
}

/** The axis-aligned box of [x0, x1] along the baseline and [y0, y1] up from it, in user space. */
export function box(fr: Frame, x0: number, x1: number, y0: number, y1: number): Rect {
  const corners = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x, y]) => [fr.e + fr.ux * x! + fr.vx * y!, fr.f + fr.uy * x! + fr.vy * y!] as const);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [round(Math.min(...xs)), round(Math.min(...ys)), round(Math.max(...xs)), round(Math.max(...ys))];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Join consecutive rectangles of the passage that sit on the same line, across the spaces
 * between them (up to a line's height apart), so a phrase is one box per line; text
 * further along the line (another column) keeps a box of its own.
 */
function mergeLineRects(rects: Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const r of rects) {
    const last = out.at(-1);
    if (
      last &&
      Math.abs(last[1] - r[1]) < 0.5 &&
      Math.abs(last[3] - r[3]) < 0.5 &&
      r[0] >= last[0] &&
      r[0] - last[2] < Math.max(2, r[3] - r[1])
    ) {
      last[2] = Math.max(last[2], r[2]);
    } else out.push([...r]);
  }
  return out;
}

/** True when two sets of rectangles describe the same place (within `tolerance` points). */
export function sameRects(a: readonly Rect[], b: readonly Rect[], tolerance = 1): boolean {
  return a.length === b.length && a.every((r, i) => r.every((v, k) => Math.abs(v - b[i]![k]!) <= tolerance));
}
