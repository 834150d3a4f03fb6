/**
 * Where every glyph of a page is drawn, from pdf.js's operator list: the text state
 * (font, size, character and word spacing, horizontal scaling, rise, text and line
 * matrices) and the graphics state's matrix are followed operator by operator, the way
 * pdf.js's own renderer places glyphs, so each glyph's origin and advance are known in
 * PDF user space. These are the glyphs the viewer draws; highlight boxes are cut from them.
 */

/** A 2D affine matrix [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY: Matrix = [0.001, 0, 0, 0.001, 0, 0];

/** `m` applied after `n` (n first, then m). */
export function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** One drawn glyph: its text and the start and end of its advance along the baseline, in user space. */
export interface PlacedGlyph {
  unicode: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What the operator list says of a font (pdf.js's exported font data). */
export interface FontFacts {
  fontMatrix?: readonly number[] | undefined;
  vertical?: boolean | undefined;
}

/** The glyph objects pdf.js puts in showText's argument (numbers there are TJ adjustments). */
interface GlyphArg {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** The operator numbers used here, from pdf.js's OPS table. */
export interface TextOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginText: number;
  setFont: number;
  setGState: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setLeading: number;
  setTextRise: number;
  moveText: number;
  setLeadingMoveText: number;
  setTextMatrix: number;
  nextLine: number;
  showText: number;
}

interface State {
  ctm: Matrix;
  textMatrix: Matrix;
  /** Pen position in text space, relative to the text matrix (as pdf.js keeps it). */
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  font: FontFacts | null;
  fontSize: number;
  fontDirection: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const fresh = (): State => ({
  ctm: IDENTITY,
  textMatrix: IDENTITY,
  x: 0,
  y: 0,
  lineX: 0,
  lineY: 0,
  font: null,
  fontSize: 0,
  fontDirection: 1,
  charSpacing: 0,
  wordSpacing: 0,
  hScale: 1,
  leading: 0,
  rise: 0,
});

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const matrixOf = (v: unknown): Matrix | null => {
  if (!v || typeof v !== 'object') return null;
  const m = Array.from(v as ArrayLike<number>).map((x) => num(x));
  return m.length === 6 ? (m as Matrix) : null;
};

/**
 * Every horizontal glyph the page draws, in drawing order. Vertical writing is left out
 * (its glyphs are placed by the text items alone).
 */
export function placeGlyphs(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: TextOps,
  fontOf: (name: string) => FontFacts | null,
): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  const stack: State[] = [];
  let s = fresh();
  const setFont = (name: unknown, size: unknown) => {
    s.font = typeof name === 'string' ? fontOf(name) : null;
    const n = num(size);
    s.fontDirection = n < 0 ? -1 : 1;
    s.fontSize = Math.abs(n);
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case ops.save:
      case ops.paintFormXObjectBegin:
        stack.push(s);
        s = { ...s };
        if (fn === ops.paintFormXObjectBegin) {
          const m = matrixOf(args[0]);
          if (m) s.ctm = multiply(s.ctm, m);
        }
        break;
      case ops.restore:
      case ops.paintFormXObjectEnd:
        s = stack.pop() ?? fresh();
        break;
      case ops.transform: {
        const m = matrixOf(args);
        if (m) s.ctm = multiply(s.ctm, m);
        break;
      }
      case ops.beginText:
        s.textMatrix = IDENTITY;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      case ops.setFont:
        setFont(args[0], args[1]);
        break;
      case ops.setGState:
        for (const entry of (args[0] ?? []) as unknown[][]) {
          if (Array.isArray(entry) && entry[0] === 'Font' && Array.isArray(entry[1])) setFont(entry[1][0], entry[1][1]);
        }
        break;
      case ops.setCharSpacing:
        s.charSpacing = num(args[0]);
        break;
      case ops.setWordSpacing:
        s.wordSpacing = num(args[0]);
        break;
      case ops.setHScale:
        s.hScale = num(args[0], 100) / 100;
        break;
      case ops.setLeading:
        s.leading = -num(args[0]);
        break;
      case ops.setTextRise:
        s.rise = num(args[0]);
        break;
      case ops.moveText:
      case ops.setLeadingMoveText:
        if (fn === ops.setLeadingMoveText) s.leading = num(args[1]);
        s.x = s.lineX += num(args[0]);
        s.y = s.lineY += num(args[1]);
        break;
      case ops.nextLine:
        s.x = s.lineX += 0;
        s.y = s.lineY += s.leading;
        break;
      case ops.setTextMatrix: {
        s.textMatrix = matrixOf(args[0]) ?? matrixOf(args) ?? IDENTITY;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      }
      case ops.showText:
        showText(s, (args[0] ?? []) as (GlyphArg | number)[], out);
        break;
      default:
        break;
    }
  }
  return out;
}

/** Place one showText's glyphs and move the pen past them, as pdf.js's renderer does. */
function showText(s: State, glyphs: readonly (GlyphArg | number)[], out: PlacedGlyph[]): void {
  const font = s.font;
  if (!font || s.fontSize === 0) return;
  const fontMatrix = font.fontMatrix && font.fontMatrix.length === 6 ? font.fontMatrix : FONT_IDENTITY;
  if (font.vertical) {
    // Vertical writing: move the pen down by the advances so later text stays placed, draw nothing here.
    let y = 0;
    for (const g of glyphs) {
      if (typeof g === 'number') y += (g * s.fontSize) / 1000;
      else y += num(g.width) * fontMatrix[0]! * s.fontSize - s.charSpacing * s.fontDirection;
    }
    s.y -= y;
    return;
  }
  const hScale = s.hScale * s.fontDirection;
  // Text space -> user space for a point on the baseline: CTM after the text matrix.
  const toPage = multiply(s.ctm, s.textMatrix);
  const advanceScale = s.fontSize * fontMatrix[0]!;
  let x = 0;
  for (const g of glyphs) {
    if (typeof g === 'number') {
      x -= (g * s.fontSize) / 1000;
      continue;
    }
    const width = num(g.width) * advanceScale;
    const spacing = (g.isSpace ? s.wordSpacing : 0) + s.charSpacing;
    const [x0, y0] = apply(toPage, s.x + x * hScale, s.y + s.rise);
    const [x1, y1] = apply(toPage, s.x + (x + width) * hScale, s.y + s.rise);
    out.push({ unicode: g.unicode ?? '', x0, y0, x1, y1 });
    x += width + spacing * s.fontDirection;
  }
  s.x += x * hScale;
}
