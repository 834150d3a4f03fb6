/**
 * The annotated rendition of a plain-text letter: a PDF typeset from its text, page for
 * page, with each highlight as a real /Highlight annotation over the typeset glyphs of
 * the quote, so counsel sees the passages in any PDF reader. The letter's .txt still
 * travels byte for byte; this is a reading copy, and says so on every sheet.
 *
 * A character no embedded face can draw is never dropped: it is drawn as U+FFFD with its
 * own text kept (marked-content /ActualText, so copying and text extraction give the
 * letter's character), counted, named in a note on the first sheet and returned to the
 * export, which tells the reviewer.
 */
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { addHighlight } from '../annotate.ts';
import type { BundleHighlight } from '../model.ts';
import { throwIfCancelled } from '../../jobs/steps.ts';
import { loadFace, type Face } from './fonts.ts';
import { PAPER_SIZE, type Paper } from './paper.ts';
import { boxesFor, typeset, type Geometry, type Measured, type Placed, type Sheet } from './typeset.ts';

export interface LetterInput {
  /** The letter's pages (split at its form feeds), as the case stores them. */
  pages: string[];
  title: string;
  fileName: string;
  sha256: string;
  /**
   * Where the byte-identical original is in the evidence bundle, for the reader; null when
   * the rendition travels without it (a court bundle): the reader is then told the case holds it.
   */
  originalPath: string | null;
  /** Typeset every page however long the text (a court bundle carries the whole letter). */
  whole?: boolean;
  highlights: BundleHighlight[];
  paper: Paper;
  /** The export's time: the rendition's creation date. */
  createdAt: string;
}

export interface Rendition {
  bytes: Uint8Array;
  /** Characters no face could draw, once each, in the order met. */
  missing: string[];
}

const SIZE = 10;

/**
 * Past this many characters a text is a dump or a log rather than a letter, and typesetting
 * all of it would make a PDF of thousands of sheets: the rendition then holds only the
 * pages that carry highlights, and its note says which of how many.
 */
export const WHOLE_RENDITION_CHARS = 1024 * 1024;

/** The letter pages (1-based) a rendition shows: all of them, or only the highlighted ones of a long text. */
export function renditionPages(input: Pick<LetterInput, 'pages' | 'highlights' | 'whole'>): Set<number> | null {
  if (input.whole) return null;
  const chars = input.pages.reduce((n, t) => n + t.length, 0);
  if (chars <= WHOLE_RENDITION_CHARS) return null;
  return new Set(input.highlights.flatMap((h) => h.targets.map((t) => t.page)));
}
const FOOTER_SIZE = 6.5;
const REPLACEMENT = '\uFFFD';

function geometry(paper: Paper): Geometry {
  const [width, height] = PAPER_SIZE[paper];
  const { font } = loadFace('mono');
  const em = font.unitsPerEm;
  return {
    width,
    height,
    margin: { left: 56, right: 56, top: 60, bottom: 64 },
    size: SIZE,
    leading: SIZE * 1.3,
    ascent: font.ascent / em,
    descent: font.descent / em,
    cell: (font.layout(' ').glyphs[0]!.advanceWidth / em) * SIZE,
  };
}

/** Which face draws a cluster, and how wide it is there (the advances pdf-lib writes for those glyphs). */
function measurer(size: number): (cluster: string) => Measured {
  const cache = new Map<string, Measured>();
  return (cluster) => {
    let m = cache.get(cluster);
    if (!m) {
      const cps = [...cluster].map((ch) => ch.codePointAt(0)!);
      const face = (['mono', 'sans'] as const).find((f) => cps.every((cp) => loadFace(f).font.hasGlyphForCodePoint(cp)));
      const { font } = loadFace(face ?? 'mono');
      const glyphs = font.layout(face ? cluster : REPLACEMENT).glyphs;
      m = { face: face ?? null, width: (glyphs.reduce((w, g) => w + g.advanceWidth, 0) / font.unitsPerEm) * size };
      cache.set(cluster, m);
    }
    return m;
  };
}

/** Typeset the letter and annotate its highlights. */
export async function renderLetter(input: LetterInput, signal?: AbortSignal): Promise<Rendition> {
  const g = geometry(input.paper);
  const only = renditionPages(input);
  const sheets = typeset(input.pages, g, measurer(SIZE), only ?? undefined);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const faces = new Map<Face, Promise<PDFFont>>();
  const fontOf = (face: Face) => {
    // Embedded on first use, subset to the glyphs drawn: a letter is a few kilobytes of font.
    if (!faces.has(face)) faces.set(face, doc.embedFont(loadFace(face).bytes, { subset: true }));
    return faces.get(face)!;
  };
  const missing: string[] = [];
  const pages: PDFPage[] = [];
  for (const sheet of sheets) {
    throwIfCancelled(signal);
    const page = doc.addPage([g.width, g.height]);
    pages.push(page);
    for (const line of sheet.lines) await drawLine(page, line.clusters, line.y, SIZE, fontOf, missing);
  }
  const notes = [only ? excerptNote(input, only) : null, missing.length > 0 ? missingNote(input, missing) : null];
  const note = notes.filter((n) => n !== null).join(' ') || null;
  for (const [i, page] of pages.entries())
    await drawFooter(page, footerLines(input, sheets, i, noteHint(only !== null, missing.length > 0)), g, fontOf);
  for (const h of input.highlights) annotate(doc, pages, sheets, g, h);
  if (note) addNote(doc, pages[0]!, g, note);
  setInfo(doc, input, note);
  throwIfCancelled(signal);
  return { bytes: await doc.save({ useObjectStreams: false }), missing };
}

/** Draw a line's clusters as runs of one face; a cluster no face has is drawn alone, keeping its text. */
async function drawLine(
  page: PDFPage,
  clusters: Placed[],
  y: number,
  size: number,
  fontOf: (face: Face) => Promise<PDFFont>,
  missing: string[] | null,
): Promise<void> {
  let i = 0;
  while (i < clusters.length) {
    const c = clusters[i]!;
    if (!c.draw) {
      i++;
      continue;
    }
    if (c.face === null) {
      for (const ch of c.text) if (missing && !missing.includes(ch)) missing.push(ch);
      const font = await fontOf('mono');
      const actual = page.doc.context.obj({ ActualText: PDFHexString.fromText(c.text) });
      page.pushOperators(
        // pdf-lib's types omit a dictionary operand, which BDC takes and pdf-lib writes like any object;
        // poppler and Acrobat read /ActualText from an inline dictionary.
        PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), actual as unknown as PDFName]),
        ...textOps(page, font, size, c.x, y, font.encodeText(REPLACEMENT).asString()),
        PDFOperator.of(PDFOperatorNames.EndMarkedContent),
      );
      i++;
      continue;
    }
    let j = i;
    let hex = '';
    const font = await fontOf(c.face);
    // One run per face, each cluster encoded alone: the glyphs drawn are exactly the ones measured.
    while (j < clusters.length && clusters[j]!.face === c.face && (clusters[j]!.draw || clusters[j]!.text === ' ')) {
      hex += font.encodeText(clusters[j]!.text).asString();
      j++;
    }
    page.pushOperators(...textOps(page, font, size, c.x, y, hex));
    i = j;
  }
}

// One resource name per face on each sheet, however many runs use it.
const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

function textOps(page: PDFPage, font: PDFFont, size: number, x: number, y: number, hex: string): PDFOperator[] {
  const keys = fontKeys.get(page) ?? new Map<PDFFont, PDFName>();
  fontKeys.set(page, keys);
  const key = keys.get(font) ?? page.node.newFontDictionary(font.name, font.ref);
  keys.set(font, key);
  return [beginText(), setFontAndSize(key, size), moveText(x, y), showText(PDFHexString.of(hex)), endText()];
}

const clipName = (name: string) => (name.length > 48 ? `${name.slice(0, 47)}…` : name);

/** Two lines under each sheet: what this is and where the original is, then which page of the letter. */
/** What the first sheet's footer says of the note, when there is one. */
function noteHint(excerpt: boolean, missing: boolean): string | null {
  const what = [excerpt ? 'only the highlighted pages are typeset' : '', missing ? 'some characters could not be drawn' : ''];
  const said = what.filter(Boolean).join('; ');
  return said ? `${said}: see the note` : null;
}

function footerLines(input: LetterInput, sheets: Sheet[], i: number, hint: string | null): [string, string] {
  const s = sheets[i]!;
  return [
    `Typeset rendition of the text letter ${clipName(input.fileName)} (SHA-256 ${input.sha256.slice(0, 12)}); ${input.originalPath === null ? 'the case' : 'the bundle'} holds the original unchanged.`,
    `Letter page ${s.letterPage} of ${input.pages.length}${s.continued ? ', continued' : ''}` +
      (hint && i === 0 ? ` · ${hint}` : ''),
  ];
}

async function drawFooter(
  page: PDFPage,
  lines: [string, string],
  g: Geometry,
  fontOf: (face: Face) => Promise<PDFFont>,
): Promise<void> {
  const measure = measurer(FOOTER_SIZE);
  page.pushOperators(pushGraphicsState(), setFillingGrayscaleColor(0.35));
  for (const [k, text] of lines.entries()) {
    let x = g.margin.left;
    const clusters: Placed[] = [];
    for (const ch of text) {
      const m = measure(ch);
      clusters.push({ text: ch, start: 0, end: 0, x, width: m.width, draw: ch !== ' ', face: m.face });
      x += m.width;
    }
    await drawLine(page, clusters, g.margin.bottom / 2 - k * FOOTER_SIZE * 1.4, FOOTER_SIZE, fontOf, null);
  }
  page.pushOperators(popGraphicsState());
}

/** Each target's boxes, per sheet, as /Highlight annotations named like annotatePdf's. */
function annotate(doc: PDFDocument, pages: PDFPage[], sheets: Sheet[], g: Geometry, h: BundleHighlight): void {
  const parts = h.targets.flatMap((t) =>
    [...boxesFor(sheets, g, t.page, t.position.start, t.position.end).entries()].map(([sheet, rects]) => ({ sheet, rects })),
  );
  parts.forEach((p, i) =>
    addHighlight(doc, pages[p.sheet]!, h, p.rects, parts.length > 1 ? `${h.highlightId}#${i + 1}` : h.highlightId),
  );
}

/** Where the reader finds the original, as a note's subject. */
const originalIs = (input: LetterInput): string =>
  input.originalPath === null ? 'The original letter, kept in the Exhibit case,' : `The original, ${input.originalPath},`;

function excerptNote(input: LetterInput, only: ReadonlySet<number>): string {
  const shown = [...only].sort((a, b) => a - b);
  const list = shown.length > 12 ? `${shown.slice(0, 12).join(', ')}, …` : shown.join(', ');
  return (
    `This text is too long to typeset whole: the rendition shows only the ${shown.length} page(s) with highlights ` +
    `(${list}) of its ${input.pages.length}. ${originalIs(input)} holds all of it.`
  );
}

function missingNote(input: LetterInput, missing: string[]): string {
  const shown = missing
    .slice(0, 20)
    .map((ch) => `${ch} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)
    .join(', ');
  return (
    `This rendition could not draw ${missing.length} character(s) of the letter: ${shown}${missing.length > 20 ? ', …' : ''}. ` +
    `Each is shown as ${REPLACEMENT}, and copying or searching the text still gives the letter's character. ` +
    `${originalIs(input)} holds them all.`
  );
}

/** A visible sticky note (/Text annotation) in the first sheet's top margin. */
function addNote(doc: PDFDocument, page: PDFPage, g: Geometry, note: string): void {
  const x = g.width - g.margin.right - 18;
  const y = g.height - g.margin.top / 2 - 9;
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [x, y, x + 18, y + 18],
    Name: 'Note',
    F: 4,
    Open: false,
  });
  annot.set(PDFName.of('Contents'), PDFHexString.fromText(note));
  annot.set(PDFName.of('T'), PDFHexString.fromText('Exhibit'));
  page.node.addAnnot(doc.context.register(annot));
}

function setInfo(doc: PDFDocument, input: LetterInput, note: string | null): void {
  const at = new Date(input.createdAt);
  doc.setTitle(`${input.title} — typeset rendition of ${input.fileName}`);
  doc.setSubject(
    `A reading copy typeset by Exhibit from the text letter ${input.fileName} (SHA-256 ${input.sha256}), ` +
      `with its highlights; ${input.originalPath === null ? 'the original is kept in the Exhibit case' : `the original is ${input.originalPath}`}.${note ? ` ${note}` : ''}`,
  );
  doc.setProducer('Exhibit');
  doc.setCreator('Exhibit');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
}
