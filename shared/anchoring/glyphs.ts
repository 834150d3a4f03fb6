/**
 * Glyph geometry: where each character of a page's text is drawn. Extraction stores, per
 * text item, every character's advance along the item's baseline (and, for OCR'd words on
 * a skewed line, how far its baseline is lifted), so highlight boxes, and later area
 * selections and redactions, are cut from the glyphs themselves rather than from an even
 * share of the item's width.
 *
 * Stored form, per item: integers in hundredths of a point, two per character
 * [gap, advance] — gap from the previous character's end to this one's start, so a run of
 * touching glyphs reads 0, a, 0, a… — or three [gap, advance, lift] when any character of
 * the item is lifted. The length tells which.
 */

/** Numbers per character once decoded: start, end (along the baseline from the item's origin) and lift, in points. */
export const EXTENT_STRIDE = 3;

/** Encode one item's decoded extents (EXTENT_STRIDE numbers per character) for storage. */
export function encodeExtents(ext: ArrayLike<number>): number[] {
  const n = Math.floor(ext.length / EXTENT_STRIDE);
  const lifted = Array.from({ length: n }, (_, k) => ext[EXTENT_STRIDE * k + 2]!).some((off) => Math.abs(off) >= 0.25);
  const out: number[] = [];
  let pen = 0;
  for (let k = 0; k < n; k++) {
    const s = Math.round(ext[EXTENT_STRIDE * k]! * 100);
    const e = Math.max(s, Math.round(ext[EXTENT_STRIDE * k + 1]! * 100));
    out.push(s - pen, e - s);
    if (lifted) out.push(Math.round(ext[EXTENT_STRIDE * k + 2]! * 100));
    pen = e;
  }
  return out;
}

/** Decode one item's stored extents for `length` characters; null when they do not fit the item. */
export function decodeExtents(code: readonly number[] | null | undefined, length: number): Float64Array | null {
  if (!code || length <= 0) return null;
  const stride = code.length === 2 * length ? 2 : code.length === 3 * length ? 3 : 0;
  if (stride === 0) return null;
  const out = new Float64Array(length * EXTENT_STRIDE);
  let pen = 0;
  for (let k = 0; k < length; k++) {
    const s = pen + code[stride * k]!;
    const e = s + code[stride * k + 1]!;
    out[EXTENT_STRIDE * k] = s / 100;
    out[EXTENT_STRIDE * k + 1] = e / 100;
    out[EXTENT_STRIDE * k + 2] = stride === 3 ? code[stride * k + 2]! / 100 : 0;
    pen = e;
  }
  return out;
}

/** A page's stored geometry: its text items and, parallel to them, their characters' extents. */
export interface PageGeometry {
  /** [start, length, a, b, c, d, e, f, width, height, ascent?, descent?] per text item (see rects.ts). */
  items: readonly (readonly number[])[];
  /** Encoded extents per item (encodeExtents), or null where only the item's width is known. */
  glyphs?: readonly (readonly number[] | null)[] | null | undefined;
  /** The page text the items index into, when known (spaces then end no box). */
  text?: string | undefined;
}

/**
 * The extents of characters [from, to) of item `index` (relative to the item's start),
 * as [start, end, lift] triples in points; characters spread evenly over the item's width
 * when its glyphs are not known.
 */
export function itemExtents(geometry: PageGeometry, index: number): Float64Array {
  const item = geometry.items[index]!;
  const length = item[1]!;
  const known = decodeExtents(geometry.glyphs?.[index], length);
  if (known) return known;
  const width = item[8]!;
  const out = new Float64Array(Math.max(0, length) * EXTENT_STRIDE);
  for (let k = 0; k < length; k++) {
    out[EXTENT_STRIDE * k] = (k / length) * width;
    out[EXTENT_STRIDE * k + 1] = ((k + 1) / length) * width;
  }
  return out;
}
