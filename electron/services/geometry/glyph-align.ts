/**
 * Matching pdf.js's text items to the glyphs the page draws (glyph-run.ts), so that each
 * character of an item's string gets its own extent along the baseline. pdf.js builds an
 * item from consecutive glyphs, adding a space where glyphs are far apart and reordering
 * right-to-left runs, so the match walks the glyphs in drawing order, anchors each item
 * where it starts on the page, and lets spaces it added span the gap they stand for.
 */
import type { PlacedGlyph } from './glyph-run.ts';

/** What alignment needs of a pdf.js text item. */
export interface ItemGeometry {
  str: string;
  dir: string;
  transform: readonly number[];
  width: number;
  height: number;
}

/**
 * Per character (UTF-16 unit) of an item, three numbers: where its advance starts and ends
 * along the item's baseline from the item's origin, and how far its own baseline sits
 * above the item's (OCR'd words on a slightly skewed line), all in points.
 */
export type CharExtents = Float64Array;

/** Numbers per character in CharExtents. */
export const STRIDE = 3;

const isSpace = (s: string) => s.trim() === '';
/** How far ahead of the cursor an item's first glyph is looked for. */
const ANCHOR_LOOKAHEAD = 400;
/** How many glyphs may be skipped between two characters of one item (dropped spaces, marks). */
const SKIP = 6;

interface Frame {
  ox: number;
  oy: number;
  ux: number;
  uy: number;
  vx: number;
  vy: number;
  height: number;
}

function frameOf(item: ItemGeometry): Frame | null {
  const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
  const along = Math.hypot(a, b);
  const up = Math.hypot(c, d);
  if (!(along > 0) || !(up > 0)) return null;
  return { ox: e, oy: f, ux: a / along, uy: b / along, vx: c / up, vy: d / up, height: item.height || up };
}

/** A glyph's advance projected on the item's baseline, and its distance off that baseline. */
function project(fr: Frame, g: PlacedGlyph) {
  const dx0 = g.x0 - fr.ox;
  const dy0 = g.y0 - fr.oy;
  return {
    t0: dx0 * fr.ux + dy0 * fr.uy,
    t1: (g.x1 - fr.ox) * fr.ux + (g.y1 - fr.oy) * fr.uy,
    off: dx0 * fr.vx + dy0 * fr.vy,
    // Cosine between the glyph's advance and the item's direction (1: same way).
    cos: (g.x1 - g.x0) * fr.ux + (g.y1 - g.y0) * fr.uy,
  };
}

/**
 * Character extents for every item (null where it could not be matched: the caller then
 * spreads the item's width evenly). Items are given in pdf.js's order.
 */
export function alignItems(items: readonly ItemGeometry[], glyphs: readonly PlacedGlyph[]): (CharExtents | null)[] {
  let cursor = 0;
  return items.map((item) => {
    if (item.str.length === 0 || isSpace(item.str)) return null;
    const fr = frameOf(item);
    if (!fr) return null;
    const rtl = item.dir === 'rtl';
    // Right-to-left items hold their string in logical order; their glyphs are drawn left to right.
    const chars = rtl ? [...item.str].reverse().join('') : item.str;
    const start = anchor(fr, chars, glyphs, cursor);
    if (start < 0) return null;
    const matched = matchChars(fr, chars, glyphs, start);
    if (!matched) return null;
    cursor = matched.next;
    const ext = fill(matched.ext, chars, item.width);
    return rtl ? reverseUnits(ext, item.str) : ext;
  });
}

/** The first glyph of the item: its text, on the item's baseline, at the item's origin. */
function anchor(fr: Frame, chars: string, glyphs: readonly PlacedGlyph[], cursor: number): number {
  const first = chars.trimStart()[0];
  if (first === undefined) return -1;
  const lead = chars.length - chars.trimStart().length;
  const tolerance = Math.max(0.5, fr.height * 0.15);
  const fits = (j: number) => {
    const g = glyphs[j]!;
    if (!g.unicode.startsWith(first)) return false;
    const p = project(fr, g);
    return Math.abs(p.off) <= tolerance && p.cos > 0 && p.t0 >= -tolerance && p.t0 <= tolerance + lead * fr.height;
  };
  const end = Math.min(glyphs.length, cursor + ANCHOR_LOOKAHEAD);
  for (let j = cursor; j < end; j++) if (fits(j)) return j;
  // Out of order (content drawn in another order than pdf.js read it): look everywhere.
  for (let j = 0; j < glyphs.length; j++) if (fits(j)) return j;
  return -1;
}

/**
 * Walk the characters and glyphs together. A space the item holds takes a space glyph when
 * one is next, else it is one pdf.js added and is left NaN for fill() to place in the gap.
 */
function matchChars(fr: Frame, chars: string, glyphs: readonly PlacedGlyph[], start: number) {
  const ext = new Float64Array(chars.length * STRIDE).fill(NaN);
  let j = start;
  // Position inside a glyph whose text is several units (a ligature, a surrogate pair).
  let inGlyph = 0;
  let missed = 0;
  let letters = 0;
  const tolerance = Math.max(0.5, fr.height);
  const place = (k: number, g: PlacedGlyph, part: number, parts: number) => {
    const p = project(fr, g);
    // A ligature's advance is shared evenly by the characters it stands for.
    ext[STRIDE * k] = p.t0 + ((p.t1 - p.t0) * part) / parts;
    ext[STRIDE * k + 1] = p.t0 + ((p.t1 - p.t0) * (part + 1)) / parts;
    ext[STRIDE * k + 2] = p.off;
  };
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    const g = glyphs[j];
    if (inGlyph > 0 && g) {
      // The rest of a multi-unit glyph.
      if (g.unicode[inGlyph] === c) {
        place(k, g, inGlyph, g.unicode.length);
        inGlyph++;
        if (inGlyph >= g.unicode.length) {
          inGlyph = 0;
          j++;
        }
        continue;
      }
      inGlyph = 0;
      j++;
    }
    if (isSpace(c)) {
      const h = glyphs[j];
      if (h && isSpace(h.unicode) && Math.abs(project(fr, h).off) <= tolerance) {
        place(k, h, 0, 1);
        j++;
      }
      continue;
    }
    letters++;
    let found = -1;
    for (let q = j; q < Math.min(glyphs.length, j + SKIP + 1); q++) {
      const h = glyphs[q]!;
      if (h.unicode.startsWith(c) && Math.abs(project(fr, h).off) <= tolerance) {
        found = q;
        break;
      }
    }
    if (found < 0) {
      missed++;
      continue;
    }
    const h = glyphs[found]!;
    place(k, h, 0, h.unicode.length);
    if (h.unicode.length > 1) {
      inGlyph = 1;
      j = found;
    } else j = found + 1;
  }
  if (inGlyph > 0) j++;
  // Too little agreement: better to spread the item evenly than to place boxes by guesswork.
  if (letters === 0 || missed > letters * 0.2) return null;
  return { ext, next: j };
}

/** Give characters without a glyph (added spaces, unmatched letters) the gap between their neighbours. */
function fill(ext: Float64Array, chars: string, width: number): CharExtents {
  const n = chars.length;
  let k = 0;
  while (k < n) {
    if (!Number.isNaN(ext[STRIDE * k]!)) {
      k++;
      continue;
    }
    let end = k;
    while (end < n && Number.isNaN(ext[STRIDE * end]!)) end++;
    const from = k > 0 ? ext[STRIDE * (k - 1) + 1]! : 0;
    const to = end < n ? ext[STRIDE * end]! : Math.max(width, from);
    const off = k > 0 ? ext[STRIDE * (k - 1) + 2]! : end < n ? ext[STRIDE * end + 2]! : 0;
    const step = (to - from) / (end - k);
    for (let q = k; q < end; q++) {
      ext[STRIDE * q] = from + step * (q - k);
      ext[STRIDE * q + 1] = from + step * (q - k + 1);
      ext[STRIDE * q + 2] = off;
    }
    k = end;
  }
  return ext;
}

/** Extents found on the reversed string, put back in the item's (logical) order. */
function reverseUnits(ext: Float64Array, str: string): CharExtents {
  // [...str] splits by code point; a surrogate pair keeps its two units together and in order.
  const points = [...str];
  const out = new Float64Array(ext.length);
  let fromEnd = str.length;
  let pos = 0;
  for (const p of points) {
    fromEnd -= p.length;
    for (let u = 0; u < p.length; u++)
      for (let v = 0; v < STRIDE; v++) out[STRIDE * (pos + u) + v] = ext[STRIDE * (fromEnd + u) + v]!;
    pos += p.length;
  }
  return out;
}
