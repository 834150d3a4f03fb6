/**
 * From what Tesseract read off the upright image (pixels, top-left origin) to the words of
 * an OcrPage: boxes turned back into the page as displayed and scaled to points, and each
 * character's extent along the word's reading direction.
 */
import type { OcrWord, Orientation } from '../../../shared/ocr.ts';

/** A box as Tesseract's JSON gives it: pixel edges, x1 and y1 exclusive. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The parts of Tesseract's JSON output (GetJSONText) that are read. */
export interface TessJson {
  blocks: {
    paragraphs: {
      lines: {
        words: {
          text: string;
          confidence: number;
          bbox: PixelBox;
          symbols: { text: string; bbox: PixelBox }[];
        }[];
      }[];
    }[];
  }[];
}

/** How the upright image relates to the displayed page. */
export interface Frame {
  orientation: Orientation;
  /** The displayed image's size in pixels. */
  widthPx: number;
  heightPx: number;
  /** The displayed page's size in points. */
  widthPt: number;
  heightPt: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A box in the upright image, as it lies in the displayed image. The displayed image is the
 * upright one turned clockwise by the orientation, so its top-left corner went to the top
 * right (90), the bottom right (180) or the bottom left (270).
 */
export function toDisplayed(box: PixelBox, frame: Frame): PixelBox {
  const turned = frame.orientation === 90 || frame.orientation === 270;
  const uprightW = turned ? frame.heightPx : frame.widthPx;
  const uprightH = turned ? frame.widthPx : frame.heightPx;
  const { x0, y0, x1, y1 } = box;
  switch (frame.orientation) {
    case 0:
      return { ...box };
    case 90:
      return { x0: uprightH - y1, y0: x0, x1: uprightH - y0, y1: x1 };
    case 180:
      return { x0: uprightW - x1, y0: uprightH - y1, x1: uprightW - x0, y1: uprightH - y0 };
    case 270:
      return { x0: y0, y0: uprightW - x1, x1: y1, y1: uprightW - x0 };
  }
}

/**
 * Character extents from the symbols' boxes, in points from the word's start: null unless
 * the symbols spell the word. A symbol holding several characters (a ligature) is shared
 * evenly among them. The LSTM engine places symbols only roughly (neighbours may overlap),
 * so each extent is kept inside the word and ordered.
 */
function charExtents(
  word: TessJson['blocks'][number]['paragraphs'][number]['lines'][number]['words'][number],
  scale: number,
): number[] | null {
  const { symbols } = word;
  if (symbols.length === 0 || symbols.map((s) => s.text).join('') !== word.text) return null;
  const length = (word.bbox.x1 - word.bbox.x0) * scale;
  const out: number[] = [];
  for (const s of symbols) {
    const start = Math.min(Math.max(0, (s.bbox.x0 - word.bbox.x0) * scale), length);
    const end = Math.min(Math.max(start, (s.bbox.x1 - word.bbox.x0) * scale), length);
    // UTF-16 units, as the page text's offsets (and so the anchors) count them.
    const n = s.text.length;
    for (let i = 0; i < n; i++) out.push(r2(start + ((end - start) * i) / n), r2(start + ((end - start) * (i + 1)) / n));
  }
  return out;
}

/** The recognised lines, in Tesseract's reading order, as OcrWords in the displayed page. */
export function wordsOf(json: TessJson, frame: Frame): OcrWord[][] {
  const sx = frame.widthPt / frame.widthPx;
  const sy = frame.heightPt / frame.heightPx;
  // The upright image's x runs along the displayed y when the page is turned a quarter.
  const along = frame.orientation === 90 || frame.orientation === 270 ? sy : sx;
  const lines: OcrWord[][] = [];
  for (const block of json.blocks ?? [])
    for (const paragraph of block.paragraphs)
      for (const line of paragraph.lines) {
        const words: OcrWord[] = [];
        for (const w of line.words) {
          if (w.text.trim() === '') continue;
          const box = toDisplayed(w.bbox, frame);
          words.push({
            text: w.text,
            x: r2(box.x0 * sx),
            y: r2(box.y0 * sy),
            width: r2((box.x1 - box.x0) * sx),
            height: r2((box.y1 - box.y0) * sy),
            confidence: r2(w.confidence),
            chars: charExtents(w, along),
          });
        }
        if (words.length > 0) lines.push(words);
      }
  return lines;
}
