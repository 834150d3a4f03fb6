/**
 * An invisible, searchable text layer over scanned pages: the OCR words drawn in text
 * render mode 3 (neither filled nor stroked) where their glyphs are on the page image, so
 * any reader can search and select them and `pdftotext` reads them, while the page looks
 * exactly as scanned.
 *
 * The page's own content streams and images are never rewritten. The layer is one more
 * content stream appended to the page; the original streams are bracketed by q/Q first,
 * so a graphics state they leave behind (a scale, a clip) cannot move the words.
 *
 * Each word is scaled to its box: its font size makes the font's ascent-to-descent span
 * the box across the line, and horizontal scaling (Tz) makes its advance the box's length
 * along the line. Words of a page whose text is turned (orientation 90, 180, 270) run
 * along their reading direction. Between the words of a line a space is drawn across the
 * gap, so copying and pdf.js's extraction give "two words" rather than "twowords"; line
 * ends get no character, since every extractor starts a new line where the baseline moves.
 */
import { PDFArray, PDFDocument, type PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import { ExhibitError } from '../../../shared/errors.ts';
import type { OcrPage, OcrWord } from '../../../shared/ocr.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import {
  alongBaseline,
  displayedToUser,
  pageFrame,
  placeWord,
  readingSpan,
  type Matrix,
  type PageFrame,
  type WordPlacement,
} from './text-layer/geometry.ts';
import { GlyphEncoder } from './text-layer/glyphs.ts';
import { visualOrder } from './text-layer/visual-order.ts';

export interface TextLayerOptions {
  signal?: AbortSignal | undefined;
}

/** What was drawn, for the export to tell the reviewer. */
export interface TextLayerReport {
  /** Pages that received a layer, 0-based. */
  pages: number[];
  words: number;
  /**
   * Characters DejaVu Sans lacks (CJK, for instance), once each. They are drawn with an
   * empty fallback font and stay searchable and extractable; nothing is lost.
   */
  fallbackChars: string[];
}

/** Numbers in content streams: short, and never in exponent form. */
const num = (n: number): string => String(Math.round(n * 1000) / 1000);
const matrix = (m: Matrix) => m.map(num).join(' ');

/** The least length a space between two words takes, as a share of the font size, where their boxes touch or overlap. */
const MIN_SPACE = 0.02;

function frameOf(page: PDFPage): PageFrame {
  const m = page.getMediaBox();
  const c = page.getCropBox();
  return pageFrame(
    [m.x, m.y, m.x + m.width, m.y + m.height],
    [c.x, c.y, c.x + c.width, c.y + c.height],
    page.getRotation().angle,
  );
}

/** The word's box in the page's displayed points (OCR of a page image may use its own scale). */
function scaled(w: OcrWord, sx: number, sy: number): OcrWord {
  return { ...w, x: w.x * sx, y: w.y * sy, width: w.width * sx, height: w.height * sy };
}

/** Writes one page's layer: operators, and the font resource names used on that page. */
class PageWriter {
  readonly ops: string[] = [];
  private readonly keys = new Map<PDFRef, PDFName>();
  private font: PDFRef | null = null;
  private size = 0;
  private tz = 100;

  private readonly page: PDFPage;
  private readonly enc: GlyphEncoder;

  constructor(page: PDFPage, enc: GlyphEncoder) {
    this.page = page;
    this.enc = enc;
  }

  private setFont(ref: PDFRef, size: number): void {
    if (this.font === ref && this.size === size) return;
    let key = this.keys.get(ref);
    if (!key) {
      key = this.page.node.newFontDictionary('OCR', ref);
      this.keys.set(ref, key);
    }
    this.ops.push(`${key.toString()} ${num(size)} Tf`);
    this.font = ref;
    this.size = size;
  }

  private setScale(tz: number): void {
    if (Math.abs(tz - this.tz) < 0.001) return;
    this.ops.push(`${num(tz)} Tz`);
    this.tz = tz;
  }

  /** Draw `chars` (in drawing order) from `at` on p's baseline, stretched to `length`. */
  draw(chars: string[], p: WordPlacement, at: [number, number], length: number): void {
    const runs = this.enc.encode(chars);
    const natural = runs.reduce((w, r) => w + r.advance, 0) * p.size;
    // A word of zero-advance glyphs (combining marks alone) cannot be stretched; it is drawn as is.
    this.setScale(natural > 0 ? (100 * length) / natural : 100);
    this.ops.push(`${matrix([p.tm[0], p.tm[1], p.tm[2], p.tm[3], at[0], at[1]])} Tm`);
    for (const r of runs) {
      this.setFont(r.font, p.size);
      this.ops.push(`<${r.hex}> Tj`);
    }
  }
}

/** The space between two placed words of a line: across the gap between their boxes, whichever side the next one lies. */
function spaceBetween(p: WordPlacement, next: WordPlacement): { from: number; length: number } {
  const [s0, e0] = readingSpan(p);
  const [s1, e1] = readingSpan(next);
  const min = MIN_SPACE * p.size;
  if (s1 >= e0) return { from: e0 - s0, length: Math.max(s1 - e0, min) };
  // The next word lies before this one along the page's direction: a right-to-left line.
  if (e1 <= s0) return { from: e1 - s0, length: Math.max(s0 - e1, min) };
  return { from: e0 - s0, length: min };
}

function drawPage(page: PDFPage, ocr: OcrPage, enc: GlyphEncoder): number {
  const frame = frameOf(page);
  const sx = ocr.width > 0 ? frame.width / ocr.width : 1;
  const sy = ocr.height > 0 ? frame.height / ocr.height : 1;
  const w = new PageWriter(page, enc);
  let words = 0;
  for (const line of ocr.lines) {
    const placed = line
      .filter((word) => word.text.trim() !== '')
      .map((word) => ({ word, p: placeWord(scaled(word, sx, sy), frame.height, ocr.orientation, enc.extent) }))
      .filter((x): x is { word: OcrWord; p: WordPlacement } => x.p !== null);
    // A right-to-left line (Arabic, Hebrew) is drawn from its last word to its first, like
    // its words' letters: extractors reverse right-to-left text drawn in visual order, and
    // would otherwise swap the words back.
    if (placed.length > 1 && readingSpan(placed[1]!.p)[0] < readingSpan(placed[0]!.p)[0]) placed.reverse();
    placed.forEach(({ word, p }, i) => {
      w.draw(visualOrder(word.text), p, [p.tm[4], p.tm[5]], p.length);
      words++;
      const next = placed[i + 1];
      if (!next) return;
      const gap = spaceBetween(p, next.p);
      w.draw([' '], p, alongBaseline(p, gap.from), gap.length);
    });
  }
  if (words === 0) return 0;
  const { context } = page.doc;
  const body = ['q', `${matrix(displayedToUser(frame))} cm`, 'BT', '3 Tr', ...w.ops, 'ET', 'Q'].join('\n');
  // Resources and /Contents as an array; pdf-lib may bracket the original streams itself here.
  page.node.normalizedEntries();
  const contents = page.node.Contents();
  const push = context.getPushGraphicsStateContentStream();
  if (contents instanceof PDFArray && !(contents.size() > 0 && contents.get(0) === push)) {
    page.node.wrapContentStreams(push, context.getPopGraphicsStateContentStream());
  }
  page.node.addContentStream(context.register(context.flateStream(body)));
  return words;
}

/**
 * Draw the OCR words of `pages` (page index, 0-based -> what OCR read there) as an
 * invisible text layer on a loaded document. The caller saves the document; the fonts
 * are written then.
 */
export async function addTextLayer(
  doc: PDFDocument,
  pages: ReadonlyMap<number, OcrPage>,
  opts: TextLayerOptions = {},
): Promise<TextLayerReport> {
  const all = doc.getPages();
  for (const index of pages.keys()) {
    if (!all[index]) {
      throw new ExhibitError(
        'not-found',
        `OCR text was given for page ${index + 1}, which the PDF lacks (it has ${all.length} page(s))`,
      );
    }
  }
  const report: TextLayerReport = { pages: [], words: 0, fallbackChars: [] };
  const hasWords = [...pages.values()].some((p) => p.lines.some((l) => l.some((w) => w.text.trim() !== '')));
  // No words, no font: embedding DejaVu for nothing would add an unused font to the file.
  if (!hasWords) return report;
  const enc = await GlyphEncoder.create(doc);
  for (const [index, ocr] of [...pages].sort(([a], [b]) => a - b)) {
    throwIfCancelled(opts.signal);
    const words = drawPage(all[index]!, ocr, enc);
    if (words > 0) report.pages.push(index);
    report.words += words;
  }
  enc.finish();
  report.fallbackChars = enc.fallbackChars;
  return report;
}

/**
 * A copy of the PDF `original` with an invisible text layer of `pages` (0-based page index
 * -> OCR). `original` is never written to. Encrypted PDFs are refused, as for annotation:
 * pdf-lib cannot write them back encrypted.
 */
export async function textLayerPdf(
  original: Uint8Array,
  pages: ReadonlyMap<number, OcrPage>,
  opts: TextLayerOptions = {},
): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original.slice(), { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new ExhibitError('invalid-pdf', `The PDF could not be read to add its OCR text: ${(err as Error).message}`);
  }
  if (doc.isEncrypted) {
    throw new ExhibitError(
      'unsupported-file',
      'The PDF is encrypted: pdf-lib cannot write encrypted PDFs, so no searchable copy is made.',
    );
  }
  await addTextLayer(doc, pages, opts);
  const bytes = await doc.save({ useObjectStreams: false });
  throwIfCancelled(opts.signal);
  return bytes;
}
