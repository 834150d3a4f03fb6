/**
 * What optical character recognition reads off one page: its words with their boxes and
 * confidence, in the page's own space, so that the rest of Exhibit (search, highlights,
 * anchors, exports) can treat a scanned page as it treats a born-digital one.
 *
 * Coordinates are PDF points with the origin at the top-left corner of the page *as it is
 * displayed* (a PDF's /Rotate applied; an image as its pixels lie, at its own resolution),
 * x to the right and y down. A word's box is that of its glyphs in that space. When the
 * page was scanned sideways or upside down, `orientation` says by how much the text is
 * turned, and the words' boxes still sit where their glyphs are in the displayed page.
 */

/**
 * How far the text of a page is turned clockwise from upright, as displayed; its lines
 * then read left to right (0), top to bottom (90), right to left (180) or bottom to top
 * (270). Turning the page back by as much shows it upright.
 */
export type Orientation = 0 | 90 | 180 | 270;

export interface OcrWord {
  text: string;
  /** The word's box in points, in the displayed page (top-left origin, y down). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0–100, as the engine reports it. */
  confidence: number;
  /**
   * Where each character starts and ends along the word's reading direction, in points from
   * the word's start edge: 2 numbers per character of `text` ([start, end, start, end…]);
   * null when the engine gave no character boxes that fit the text.
   */
  chars: number[] | null;
}

export interface OcrPage {
  /** The page's size in points as displayed. */
  width: number;
  height: number;
  /** How far the text is turned clockwise (detected); 0 for an upright page. */
  orientation: Orientation;
  /** Degrees the lines lean (positive: rising to the right), after orientation. */
  skew: number;
  /** Lines in reading order, each its words in reading order. */
  lines: OcrWord[][];
  /** Mean of the words' confidences (0–100); 0 for a page with no words. */
  meanConfidence: number;
  /** The languages read with, as tesseract names them joined by '+' ("eng", "eng+fra"). */
  languages: string;
  /** The engine and its data ("tesseract.js 7.0.0, eng 4.0.0_best_int"). */
  engine: string;
  /** The resolution the page was read at, in pixels per inch. */
  dpi: number;
}

/** Pages whose mean confidence is below this are flagged as doubtful reading; so are words, in the viewer. */
export const LOW_CONFIDENCE = 70;

/** Tesseract's names for its language data: letters, digits and underscores ("eng", "chi_sim"). */
export const LANGUAGE_CODE = /^[a-z][a-z0-9_]{1,31}$/;

/**
 * The language a pack's file name is for ("fra" for fra.traineddata or fra.traineddata.gz),
 * or null for a name that is not a pack's. Tesseract finds a language's data by this name,
 * so the name is what says which language a pack holds.
 */
export function packLanguageCode(fileName: string): string | null {
  const m = /^(.+)\.traineddata(\.gz)?$/.exec(fileName);
  return m && LANGUAGE_CODE.test(m[1]!) ? m[1]! : null;
}

/** The text of an OCR'd page as stored: words joined by spaces, lines by newlines. */
export function ocrPageText(page: OcrPage): string {
  return page.lines.map((line) => line.map((w) => w.text).join(' ')).join('\n');
}

/**
 * The page with the words of each line sharing the line's band across the text (from its
 * highest ascender to its lowest descender), as a typed line's glyphs share a font size.
 * A passage's box is then one box per line, and the words laid as a text layer over the
 * image line up for selection like typed text. Along the line each word keeps its box.
 */
export function bandLines(page: OcrPage): OcrPage {
  const across = page.orientation % 180 === 0 ? 'y' : 'x';
  const lines = page.lines.map((line) => {
    if (line.length === 0) return line;
    const lo = Math.min(...line.map((w) => (across === 'y' ? w.y : w.x)));
    const hi = Math.max(...line.map((w) => (across === 'y' ? w.y + w.height : w.x + w.width)));
    return line.map((w) => (across === 'y' ? { ...w, y: lo, height: hi - lo } : { ...w, x: lo, width: hi - lo }));
  });
  return { ...page, lines };
}
