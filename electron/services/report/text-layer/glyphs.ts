/**
 * The glyphs of an invisible text layer. Nobody sees them (text render mode 3), so what
 * matters is that every character comes back out exactly — by search, copy and
 * `pdftotext` — and that the glyphs have sensible widths for selecting part of a word.
 *
 * Characters DejaVu Sans has (Latin, Greek, Cyrillic, Arabic, Hebrew and more) are drawn
 * with a subset of it. Each is encoded on its own, never shaped together with its
 * neighbours: a ligature or an Arabic joining form would otherwise stand for several
 * characters or for a presentation form, and text extraction would return those instead
 * of what the OCR read. A glyph is used for one character only, so the font's ToUnicode
 * map stays exact when the font draws two characters with one glyph.
 *
 * Every other character (Chinese, Japanese, Korean, emoji, scripts DejaVu lacks) gets a
 * code in a small Type 3 font of empty glyphs, one em wide, whose ToUnicode map gives the
 * character back. It draws nothing, which is all an invisible layer needs, and it keeps
 * the text searchable and extractable without embedding megabytes of CJK outlines.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFName, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import { loadFace } from '../rendition/fonts.ts';
import type { FontExtent } from './geometry.ts';

/** Consecutive characters of one word drawn with one font. */
export interface GlyphRun {
  font: PDFRef;
  /** The run's string operand: hex codes, without the angle brackets. */
  hex: string;
  /** Its advance at size 1, in ems (text space units before horizontal scaling). */
  advance: number;
}

/** Codes a fallback font gives out: one byte each, skipping 32, which Tw would treat as a word space. */
const FALLBACK_CODES = Array.from({ length: 255 }, (_, i) => i + 1).filter((c) => c !== 32);

/** The fallback glyphs' advance in glyph space (1000 units per em): one em, as CJK characters are. */
const FALLBACK_ADVANCE = 1000;

interface FallbackFont {
  ref: PDFRef;
  chars: string[];
}

const utf16Hex = (s: string) =>
  [...s]
    .flatMap((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x10000) return [cp];
      const v = cp - 0x10000;
      return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
    })
    .map((u) => u.toString(16).padStart(4, '0'))
    .join('');

/** Encodes characters for one document; call finish() before the document is saved. */
export class GlyphEncoder {
  readonly extent: FontExtent;
  private readonly sans: PDFFont;
  private readonly face = loadFace('sans').font;
  /** Per character: the run that draws it alone. */
  private readonly cache = new Map<string, GlyphRun>();
  /** Which character each DejaVu glyph (by its code in the subset) already stands for. */
  private readonly claimed = new Map<string, string>();
  private readonly fallbacks: FallbackFont[] = [];

  private readonly doc: PDFDocument;

  private constructor(doc: PDFDocument, sans: PDFFont) {
    this.doc = doc;
    this.sans = sans;
    const em = this.face.unitsPerEm;
    // pdf-lib writes these as the descriptor's /Ascent and /Descent, which readers measure words by.
    this.extent = { ascent: this.face.ascent / em, descent: this.face.descent / em };
  }

  /** An encoder whose DejaVu Sans subset is embedded in `doc`. */
  static async create(doc: PDFDocument): Promise<GlyphEncoder> {
    doc.registerFontkit(fontkit);
    const sans = await doc.embedFont(loadFace('sans').bytes, { subset: true });
    return new GlyphEncoder(doc, sans);
  }

  /** Characters met that DejaVu lacks, drawn with the empty fallback font, once each. */
  get fallbackChars(): string[] {
    return this.fallbacks.flatMap((f) => f.chars);
  }

  /** The runs that draw `chars` (code points, in drawing order), neighbours in one font merged. */
  encode(chars: readonly string[]): GlyphRun[] {
    const runs: GlyphRun[] = [];
    for (const ch of chars) {
      const one = this.char(ch);
      const last = runs.at(-1);
      if (last && last.font === one.font)
        runs[runs.length - 1] = { ...last, hex: last.hex + one.hex, advance: last.advance + one.advance };
      else runs.push(one);
    }
    return runs;
  }

  private char(ch: string): GlyphRun {
    let run = this.cache.get(ch);
    if (!run) {
      run = this.fromSans(ch) ?? this.fromFallback(ch);
      this.cache.set(ch, run);
    }
    return run;
  }

  private fromSans(ch: string): GlyphRun | null {
    if (!this.face.hasGlyphForCodePoint(ch.codePointAt(0)!)) return null;
    const hex = this.sans.encodeText(ch).asString();
    // One glyph for one character, not yet standing for another character.
    if (hex.length !== 4 || (this.claimed.get(hex) ?? ch) !== ch) return null;
    this.claimed.set(hex, ch);
    return { font: this.sans.ref, hex, advance: this.sans.widthOfTextAtSize(ch, 1) };
  }

  private fromFallback(ch: string): GlyphRun {
    let font = this.fallbacks.at(-1);
    if (!font || font.chars.length === FALLBACK_CODES.length) {
      font = { ref: this.doc.context.nextRef(), chars: [] };
      this.fallbacks.push(font);
    }
    const code = FALLBACK_CODES[font.chars.length]!;
    font.chars.push(ch);
    return { font: font.ref, hex: code.toString(16).padStart(2, '0'), advance: FALLBACK_ADVANCE / 1000 };
  }

  /** Write the fallback fonts (the DejaVu subset is written by pdf-lib when the document is saved). */
  finish(): void {
    const { context } = this.doc;
    // One empty glyph serves every code: it only advances by its width.
    const empty = context.register(context.stream(`${FALLBACK_ADVANCE} 0 d0`));
    const asc = Math.round(this.extent.ascent * 1000);
    const desc = Math.round(this.extent.descent * 1000);
    for (const f of this.fallbacks) {
      const codes = FALLBACK_CODES.slice(0, f.chars.length);
      const names = codes.map((c) => `c${c.toString(16)}`);
      const charProcs = context.obj({});
      for (const n of names) charProcs.set(PDFName.of(n), empty);
      const last = codes.at(-1)!;
      const widths = Array.from({ length: last }, (_, i) => (codes.includes(i + 1) ? FALLBACK_ADVANCE : 0));
      const differences = codes.flatMap((c, i) => [c, PDFName.of(names[i]!)]);
      const font = context.obj({
        Type: 'Font',
        Subtype: 'Type3',
        FontBBox: [0, desc, FALLBACK_ADVANCE, asc],
        FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
        CharProcs: charProcs,
        Encoding: context.obj({ Type: 'Encoding', Differences: differences }),
        FirstChar: 1,
        LastChar: last,
        Widths: widths,
        Resources: context.obj({}),
        ToUnicode: context.register(context.flateStream(toUnicode(codes, f.chars))),
      });
      context.assign(f.ref, font);
    }
  }
}

/** A ToUnicode CMap for one-byte codes (PDF 32000-1, 9.10.3). */
function toUnicode(codes: number[], chars: string[]): string {
  const lines = codes.map((c, i) => `<${c.toString(16).padStart(2, '0')}> <${utf16Hex(chars[i]!)}>`);
  const blocks: string[] = [];
  // At most 100 entries per bfchar block, as the CMap format requires.
  for (let i = 0; i < lines.length; i += 100) {
    const block = lines.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <ff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
