/**
 * An OCR'd page in the form born-digital pages are stored in (ingest/extracted.ts): its text
 * (words joined by spaces, lines by newlines) and one text item per word in PDF user space,
 * with each character's extent along the word from the engine's symbol boxes. Search,
 * quote highlights, anchors and exports then treat a scan like any other page.
 *
 * Each word's item is laid so that its font's ascent and descent lines are the edges of
 * the word's box (ascent 0.8 and descent -0.2 of a size equal to the box's height across
 * the text), which makes a highlight's box the word's box.
 */
import { encodeExtents, EXTENT_STRIDE } from '../../../shared/anchoring/glyphs.ts';
import type { OcrPage, OcrWord } from '../../../shared/ocr.ts';
import { displayedToUser, pageFrame, placeWord, type Matrix } from '../report/text-layer/geometry.ts';
import { GEOMETRY_VERSION } from '../geometry/page-glyphs.ts';

const FONT = { ascent: 0.8, descent: -0.2 };
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The page box a stored page was measured in, and its /Rotate. */
export interface StoredFrame {
  /** [x0, y0, x1, y1] in user space, as the page's layout records it. */
  view: readonly [number, number, number, number];
  rotation: number;
}

export interface OcrLayout {
  text: string;
  /** The layout JSON stored in pages.items. */
  layout: string;
  /** Each item's (word's) confidence, 0–100, in item order. */
  confidences: number[];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const turn = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y, m[1] * x + m[3] * y];

/** Character extents (start, end, lift) along a word of `length` characters, from the engine's, or null. */
function extents(word: OcrWord, along: number): number[] | null {
  const n = word.text.length;
  if (!word.chars || word.chars.length !== 2 * n) return null;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    // Clamp to the word's box: a symbol box may poke out by a pixel.
    const s = Math.min(Math.max(0, word.chars[2 * k]!), along);
    const e = Math.min(Math.max(s, word.chars[2 * k + 1]!), along);
    out.push(s, e, 0);
  }
  return out.length === n * EXTENT_STRIDE ? out : null;
}

/** Lay an OCR'd page out as stored text and items, in the user space of `frame`. */
export function ocrPageLayout(ocr: OcrPage, frame: StoredFrame): OcrLayout {
  const [x0, y0, x1, y1] = frame.view;
  const page = pageFrame([x0, y0, x1, y1], null, frame.rotation);
  const toUser = displayedToUser(page);
  // The engine measured the page as it drew it; a page read at another size is scaled onto this one.
  const sx = ocr.width > 0 ? page.width / ocr.width : 1;
  const sy = ocr.height > 0 ? page.height / ocr.height : 1;
  const items: number[][] = [];
  const glyphs: (number[] | null)[] = [];
  const confidences: number[] = [];
  let text = '';
  ocr.lines.forEach((line, li) => {
    if (li > 0) text += '\n';
    line.forEach((word, wi) => {
      if (wi > 0) text += ' ';
      const start = text.length;
      text += word.text;
      const box = { x: word.x * sx, y: word.y * sy, width: word.width * sx, height: word.height * sy };
      const placed = placeWord(box, page.height, ocr.orientation, FONT);
      if (!placed || word.text.length === 0) return;
      const [ox, oy] = apply(toUser, placed.tm[4], placed.tm[5]);
      const [ax, ay] = turn(toUser, placed.tm[0] * placed.size, placed.tm[1] * placed.size);
      const [cx, cy] = turn(toUser, placed.tm[2] * placed.size, placed.tm[3] * placed.size);
      items.push([
        start,
        word.text.length,
        r2(ax),
        r2(ay),
        r2(cx),
        r2(cy),
        r2(ox),
        r2(oy),
        r2(placed.length),
        r2(placed.size),
        FONT.ascent,
        FONT.descent,
      ]);
      // The engine's extents are along the word as read; scaled like its box.
      const scale = ocr.orientation % 180 === 0 ? sx : sy;
      const ext = extents({ ...word, chars: word.chars?.map((v) => v * scale) ?? null }, placed.length);
      glyphs.push(ext ? encodeExtents(ext) : null);
      confidences.push(Math.round(word.confidence));
    });
  });
  const layout = JSON.stringify({ view: [x0, y0, x1, y1].map(r2), items, glyphs, geometry: GEOMETRY_VERSION });
  return { text, layout, confidences };
}
