/**
 * Where an OCR word goes in a PDF page's user space. OCR speaks of the page as displayed
 * (top-left origin, y down, /Rotate applied, measured from the crop box), while a content
 * stream draws in user space (bottom-left origin, y up, before /Rotate, from the media
 * box's own origin). Scanners and their drivers often write /Rotate 90 or a media box that
 * does not start at 0,0, so both are honoured here. Pure: numbers in, numbers out.
 */
import type { OcrWord, Orientation } from '../../../../shared/ocr.ts';

/** An affine matrix [a b c d e f], as the PDF operators cm and Tm take it. */
export type Matrix = [number, number, number, number, number, number];

/** A page's visible box in user space and how it is turned for display. */
export interface PageFrame {
  /** The crop box (clipped to the media box, as readers do): x0, y0, x1, y1 with x0 < x1, y0 < y1. */
  box: [number, number, number, number];
  /** /Rotate, normalised to a quarter turn clockwise. */
  rotate: Orientation;
  /** The page's size as displayed, in points. */
  width: number;
  height: number;
}

type Box = readonly [number, number, number, number];

const ordered = ([a, b, c, d]: Box): [number, number, number, number] => [
  Math.min(a, c),
  Math.min(b, d),
  Math.max(a, c),
  Math.max(b, d),
];

/**
 * The frame of a page from its media box, crop box (null when it has none) and /Rotate.
 * A /Rotate that is not a multiple of 90 is invalid; readers round it, and so does this.
 */
export function pageFrame(mediaBox: Box, cropBox: Box | null, rotate: number): PageFrame {
  const media = ordered(mediaBox);
  let box = media;
  if (cropBox) {
    const crop = ordered(cropBox);
    const clipped: [number, number, number, number] = [
      Math.max(crop[0], media[0]),
      Math.max(crop[1], media[1]),
      Math.min(crop[2], media[2]),
      Math.min(crop[3], media[3]),
    ];
    // A crop box outside the media box shows nothing; readers fall back to the media box.
    if (clipped[0] < clipped[2] && clipped[1] < clipped[3]) box = clipped;
  }
  const turn = ((((Math.round(rotate / 90) * 90) % 360) + 360) % 360) as Orientation;
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  return { box, rotate: turn, width: turn % 180 === 0 ? w : h, height: turn % 180 === 0 ? h : w };
}

/**
 * The matrix from "upright displayed" space — the page as shown, origin at its bottom-left
 * corner, y up — to user space. Text drawn after `cm` with it can be laid out as the page
 * looks on screen, whatever the page's /Rotate and box origin.
 */
export function displayedToUser(frame: PageFrame): Matrix {
  const [x0, y0, x1, y1] = frame.box;
  switch (frame.rotate) {
    case 0:
      return [1, 0, 0, 1, x0, y0];
    case 90:
      // The page is shown turned a quarter clockwise: the user box's left edge is the top.
      return [0, 1, -1, 0, x1, y0];
    case 180:
      return [-1, 0, 0, -1, x1, y1];
    case 270:
      return [0, -1, 1, 0, x0, y1];
  }
}

/** The font's extent above and below the baseline, as fractions of the size (descent negative). */
export interface FontExtent {
  ascent: number;
  descent: number;
}

/** Where and how large one word is drawn, in upright displayed space. */
export interface WordPlacement {
  /** Text matrix: the rotation of the word's reading direction and the start of its baseline. */
  tm: Matrix;
  /** Font size that makes the font's ascent-to-descent span the box across the reading direction. */
  size: number;
  /** The box's length along the reading direction: the width the drawn word must have. */
  length: number;
}

/** Unit vectors of the reading direction and of "up" for glyphs, for text turned clockwise by `o`. */
const AXES: Record<Orientation, { read: [number, number]; up: [number, number] }> = {
  0: { read: [1, 0], up: [0, 1] },
  90: { read: [0, -1], up: [1, 0] },
  180: { read: [-1, 0], up: [0, -1] },
  270: { read: [0, 1], up: [-1, 0] },
};

/**
 * Place a word whose box is in displayed, top-left-origin coordinates (already scaled to
 * the page's points) on a page `height` points high. The box's edges are taken as the
 * font's ascent and descent lines: poppler and pdf.js both measure a word's box from those
 * two font metrics, so a word drawn this way reports the box it was given.
 */
export function placeWord(
  word: Pick<OcrWord, 'x' | 'y' | 'width' | 'height'>,
  height: number,
  o: Orientation,
  font: FontExtent,
): WordPlacement | null {
  const left = word.x;
  const right = word.x + word.width;
  const top = height - word.y;
  const bottom = height - word.y - word.height;
  const along = o % 180 === 0 ? word.width : word.height;
  const across = o % 180 === 0 ? word.height : word.width;
  if (!(along > 0 && across > 0)) return null;
  const size = across / (font.ascent - font.descent);
  // How far the baseline sits from the box's descent edge.
  const lift = -font.descent * size;
  const { read, up } = AXES[o];
  const origin: Record<Orientation, [number, number]> = {
    0: [left, bottom + lift],
    90: [left + lift, top],
    180: [right, top - lift],
    270: [right - lift, bottom],
  };
  const [ox, oy] = origin[o];
  return { tm: [read[0], read[1], up[0], up[1], ox, oy], size, length: along };
}

/** Where a placed word starts and ends along its reading direction (a coordinate on that axis). */
export function readingSpan(p: WordPlacement): [number, number] {
  const start = p.tm[0] * p.tm[4] + p.tm[1] * p.tm[5];
  return [start, start + p.length];
}

/** A point `d` along a placement's reading direction from its start, on its baseline. */
export function alongBaseline(p: WordPlacement, d: number): [number, number] {
  return [p.tm[4] + p.tm[0] * d, p.tm[5] + p.tm[1] * d];
}
