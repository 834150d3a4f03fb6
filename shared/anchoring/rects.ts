/**
 * Rectangles in PDF user space for a range of page text, from the positions of the text
 * items that extraction stored: [start, length, a, b, c, d, e, f, width, height, ascent?]
 * per item, where (a b c d e f) is the item's text matrix and (e, f) its baseline origin.
 */
import type { Rect } from '../ipc/highlight-schemas.ts';

/** Fraction of the font size above the baseline when extraction knew no better (as pdf.js assumes). */
export const DEFAULT_ASCENT = 0.8;

/** Axis-aligned rectangles covering text[start, end), one per text item touched, merged along a line. */
export function rectsForRange(items: readonly (readonly number[])[], start: number, end: number): Rect[] {
  const rects: Rect[] = [];
  for (const item of items) {
    const [s, len, a, b, c, d, e, f, width, height] = item as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (len <= 0 || s + len <= start || s >= end) continue;
    const ascent = item[10] ?? DEFAULT_ASCENT;
    const f0 = (Math.max(start, s) - s) / len;
    const f1 = (Math.min(end, s + len) - s) / len;
    // Unit vectors along the text and up from the baseline, from the text matrix.
    const along = Math.hypot(a, b) || 1;
    const up = Math.hypot(c, d) || 1;
    const [ux, uy] = [a / along, b / along];
    const [vx, vy] = [c / up, d / up];
    const size = height || up;
    const corners = [
      [f0 * width, -(1 - ascent) * size],
      [f1 * width, -(1 - ascent) * size],
      [f0 * width, ascent * size],
      [f1 * width, ascent * size],
    ].map(([x, y]) => [e + ux * x! + vx * y!, f + uy * x! + vy * y!] as const);
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    rects.push([round(Math.min(...xs)), round(Math.min(...ys)), round(Math.max(...xs)), round(Math.max(...ys))]);
  }
  return mergeLineRects(rects);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Join rectangles that sit on the same line and touch, so a phrase is one box per line. */
function mergeLineRects(rects: Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const r of rects) {
    const last = out.at(-1);
    if (last && Math.abs(last[1] - r[1]) < 0.5 && Math.abs(last[3] - r[3]) < 0.5 && r[0] - last[2] < 2 && r[0] >= last[0]) {
      last[2] = Math.max(last[2], r[2]);
    } else out.push([...r]);
  }
  return out;
}

/** True when two sets of rectangles describe the same place (within `tolerance` points). */
export function sameRects(a: readonly Rect[], b: readonly Rect[], tolerance = 1): boolean {
  return a.length === b.length && a.every((r, i) => r.every((v, k) => Math.abs(v - b[i]![k]!) <= tolerance));
}
