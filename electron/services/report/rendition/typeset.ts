/**
 * Laying out a text letter on PDF pages: each of the letter's pages (its form feeds) starts
 * a new sheet, long lines wrap at a space (or mid-word when a word is longer than the
 * line), a page too long for one sheet runs on to the next. Every character cluster keeps
 * its offsets in the letter page's text and where it sits, so a highlight's offsets map
 * to exact boxes on the typeset glyphs. Pure: the faces measure, this only places.
 */
import type { Rect } from '../../../../shared/ipc/highlight-schemas.ts';
import type { Face } from './fonts.ts';

/** What a face says about a character cluster: which face draws it, and its advance in points. */
export interface Measured {
  /** null: no face has it; it is drawn as U+FFFD in the mono face, one cell wide. */
  face: Face | null;
  width: number;
}

export interface Geometry {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  size: number;
  leading: number;
  /** Of the mono face, as fractions of the size: where highlight boxes end above and below the baseline. */
  ascent: number;
  descent: number;
  /** The mono cell's width: tab stops are every 8 cells. */
  cell: number;
}

/** A character cluster placed on a line; offsets into its letter page's text. */
export interface Placed {
  text: string;
  start: number;
  end: number;
  x: number;
  width: number;
  /** Whitespace, tabs, controls and format marks take room (or none) but are not drawn. */
  draw: boolean;
  face: Face | null;
}

export interface Line {
  /** The sheet (0-based) and the baseline on it. */
  sheet: number;
  y: number;
  clusters: Placed[];
}

export interface Sheet {
  /** The letter page (1-based) it shows, and whether it continues that page from the sheet before. */
  letterPage: number;
  continued: boolean;
  lines: Line[];
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
const INVISIBLE = /^[\p{Cc}\p{Cf}]+$/u;
const isBlankText = (t: string) => t === ' ' || t === '\t' || INVISIBLE.test(t);
const isBlank = (c: Placed) => isBlankText(c.text);

/**
 * Lay out the letter's pages. `measure` is asked once per cluster (callers cache). With
 * `only`, just those letter pages (1-based) are laid out; each sheet still names its page.
 */
export function typeset(
  pages: readonly string[],
  g: Geometry,
  measure: (cluster: string) => Measured,
  only?: ReadonlySet<number>,
): Sheet[] {
  const sheets: Sheet[] = [];
  const lineWidth = g.width - g.margin.left - g.margin.right;
  const top = g.height - g.margin.top - g.ascent * g.size;
  pages.forEach((text, p) => {
    if (only && !only.has(p + 1)) return;
    let sheet: Sheet = { letterPage: p + 1, continued: false, lines: [] };
    sheets.push(sheet);
    let y = top;
    const emit = (clusters: Placed[]) => {
      if (y < g.margin.bottom) {
        sheet = { letterPage: p + 1, continued: true, lines: [] };
        sheets.push(sheet);
        y = top;
      }
      sheet.lines.push({ sheet: sheets.length - 1, y, clusters });
      y -= g.leading;
    };
    for (const { line, offset } of sourceLines(text)) {
      for (const visual of wrap(line, offset, lineWidth, g, measure)) emit(visual);
    }
  });
  return sheets;
}

/** The page's lines (split at \r\n, \r or \n) with the offset each starts at. */
function sourceLines(text: string): { line: string; offset: number }[] {
  const out: { line: string; offset: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ line: text.slice(at, m.index), offset: at });
    at = m.index + m[0].length;
  }
  out.push({ line: text.slice(at), offset: at });
  return out;
}

/** One source line as visual lines of placed clusters, x measured from the left margin. */
function wrap(line: string, offset: number, max: number, g: Geometry, measure: (c: string) => Measured): Placed[][] {
  const out: Placed[][] = [];
  let current: Placed[] = [];
  let x = 0;
  let breakAt = -1;
  const place = (c: Placed) => {
    // A tab reaches the next stop from where it now stands, so it is measured as placed.
    const width = c.text === '\t' ? g.cell * 8 - (x % (g.cell * 8)) : c.width;
    current.push({ ...c, x: g.margin.left + x, width });
    x += width;
    if (isBlank(c)) breakAt = current.length;
  };
  for (const { segment, index } of segmenter.segment(line)) {
    const blank = isBlankText(segment);
    // Tabs are measured where they are placed; controls and format marks take no room and are not drawn.
    const m: Measured = segment === '\t' || INVISIBLE.test(segment) ? { face: null, width: 0 } : measure(segment);
    const c: Placed = { text: segment, start: offset + index, end: offset + index + segment.length, x: 0, ...m, draw: !blank };
    if (!blank && x + c.width > max && current.some((k) => !isBlank(k))) {
      // Break after the last blank when there is one; a word longer than the line breaks where it must.
      const carry = breakAt > 0 ? current.splice(breakAt) : [];
      out.push(current);
      current = [];
      x = 0;
      breakAt = -1;
      for (const k of carry) place(k);
    }
    place(c);
  }
  out.push(current);
  return out;
}

/**
 * The boxes covering text[start, end) of one letter page, per sheet: one per visual line,
 * from the first to the last drawn cluster of the range on it (blanks at a line's ends
 * are left out, as a reader's selection would), ascent to descent of the mono face.
 */
export function boxesFor(
  sheets: readonly Sheet[],
  g: Geometry,
  letterPage: number,
  start: number,
  end: number,
): Map<number, Rect[]> {
  const out = new Map<number, Rect[]>();
  for (const sheet of sheets) {
    if (sheet.letterPage !== letterPage) continue;
    for (const line of sheet.lines) {
      const inside = line.clusters.filter((c) => c.end > start && c.start < end && c.draw);
      if (inside.length === 0) continue;
      const first = inside[0]!;
      const last = inside.at(-1)!;
      const rect: Rect = [
        round(first.x),
        round(line.y + g.descent * g.size),
        round(last.x + last.width),
        round(line.y + g.ascent * g.size),
      ];
      out.set(line.sheet, [...(out.get(line.sheet) ?? []), rect]);
    }
  }
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;
