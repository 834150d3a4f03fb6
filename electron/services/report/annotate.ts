/**
 * The annotated copy of a PDF in a bundle: every highlight target becomes a real
 * /Highlight annotation, so counsel can open the file in Acrobat, Preview, a browser or
 * poppler and see the passages, notes and linked allegations without Exhibit.
 */
import type { OcrPage } from '../../../shared/ocr.ts';
import { addTextLayer } from './text-layer.ts';
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFContext, type PDFDict, type PDFPage, type PDFRef } from 'pdf-lib';
import type { HighlightColor, Rect } from '../../../shared/ipc/highlight-schemas.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { BundleHighlight } from './model.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { breather } from '../jobs/breathe.ts';

/**
 * RGB 0..1 and opacity per colour: the same values as the app's highlight boxes
 * (renderer/src/highlights/highlights.css), so the printed copy looks like the screen.
 */
const PALETTE: Record<HighlightColor, { rgb: [number, number, number]; opacity: number }> = {
  yellow: { rgb: [255 / 255, 214 / 255, 0], opacity: 0.42 },
  green: { rgb: [60 / 255, 200 / 255, 90 / 255], opacity: 0.35 },
  blue: { rgb: [60 / 255, 150 / 255, 255 / 255], opacity: 0.33 },
  pink: { rgb: [255 / 255, 80 / 255, 160 / 255], opacity: 0.32 },
  orange: { rgb: [255 / 255, 140 / 255, 0], opacity: 0.38 },
  purple: { rgb: [150 / 255, 90 / 255, 230 / 255], opacity: 0.33 },
};

/** Annotation flag bit 3: print the annotation, so a printed bundle shows the highlights. */
const PRINT_FLAG = 4;

/** Numbers in content streams and arrays: short, and never in exponent form. */
const num = (n: number): string => String(Math.round(n * 1000) / 1000);

/** The note, then one line per linked allegation ("A2 — denies: rationale"). */
export function annotationContents(h: BundleHighlight): string {
  const lines: string[] = [];
  if (h.label) lines.push(h.label);
  if (h.note) lines.push(h.note);
  for (const l of h.links) lines.push(`${l.code} — ${l.stance}${l.rationale ? `: ${l.rationale}` : ''}`);
  return lines.join('\n');
}

/**
 * QuadPoints for rects [x1,y1,x2,y2]: upper-left, upper-right, lower-left, lower-right.
 * This is the order Acrobat writes and every reader expects, not the counter-clockwise
 * order the PDF specification describes.
 */
export function quadPoints(rects: Rect[]): number[] {
  return rects.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1]);
}

function union(rects: Rect[]): Rect {
  return [
    Math.min(...rects.map((r) => r[0])),
    Math.min(...rects.map((r) => r[1])),
    Math.max(...rects.map((r) => r[2])),
    Math.max(...rects.map((r) => r[3])),
  ];
}

/**
 * The /AP /N appearance: a Form XObject over the annotation's rect that fills each
 * quad translucently with Multiply, so text stays readable. Readers without their own
 * highlight renderer (and all of them when printing) draw this stream.
 */
function appearance(context: PDFContext, rects: Rect[], bbox: Rect, color: HighlightColor): PDFRef {
  const { rgb, opacity } = PALETTE[color];
  const ops = ['/GS0 gs', `${rgb.map(num).join(' ')} rg`];
  for (const [x1, y1, x2, y2] of rects) ops.push(`${num(x1)} ${num(y1)} ${num(x2 - x1)} ${num(y2 - y1)} re`);
  ops.push('f');
  const gs = context.obj({ Type: 'ExtGState', ca: opacity, CA: opacity, BM: 'Multiply' });
  const stream = context.stream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    // BBox equal to /Rect in page space keeps the form's mapping onto the page an identity.
    BBox: bbox,
    Matrix: [1, 0, 0, 1, 0, 0],
    Resources: { ExtGState: { GS0: gs } },
  });
  return context.register(stream);
}

/** Add one /Highlight annotation (QuadPoints, colour, note, appearance) over `rects` on `page`. */
export function addHighlight(doc: PDFDocument, page: PDFPage, h: BundleHighlight, rects: Rect[], name: string): void {
  const { context } = doc;
  const { rgb, opacity } = PALETTE[h.color];
  const rect = union(rects);
  const annot: PDFDict = context.obj({
    Type: 'Annot',
    Subtype: 'Highlight',
    Rect: rect,
    QuadPoints: quadPoints(rects),
    C: rgb,
    CA: opacity,
    F: PRINT_FLAG,
    P: page.ref,
  });
  // Hex strings carry UTF-16 text: notes, names and the em dash are not Latin-1.
  annot.set(PDFName.of('Contents'), PDFHexString.fromText(annotationContents(h)));
  annot.set(PDFName.of('T'), PDFHexString.fromText(h.author));
  annot.set(PDFName.of('NM'), PDFHexString.fromText(name));
  annot.set(PDFName.of('Subj'), PDFHexString.fromText(h.label ?? 'Highlight'));
  annot.set(PDFName.of('M'), PDFString.fromDate(new Date(h.updatedAt)));
  annot.set(PDFName.of('CreationDate'), PDFString.fromDate(new Date(h.createdAt)));
  annot.set(PDFName.of('AP'), context.obj({ N: appearance(context, rects, rect, h.color) }));
  // addAnnot appends to the page's /Annots (creating it if absent), so existing links,
  // comments and form widgets are kept.
  page.node.addAnnot(context.register(annot));
}

/**
 * A copy of `original` with every highlight target as a /Highlight annotation on its
 * page. `original` is never written to; the result is new bytes.
 *
 * Encrypted PDFs are refused: pdf-lib can neither decrypt nor re-encrypt them, and
 * writing them unencrypted would strip the owner's protection. The bundle then ships the
 * original only.
 */
export async function annotatePdf(
  original: Uint8Array,
  highlights: BundleHighlight[],
  opts: {
    password?: string;
    signal?: AbortSignal | undefined;
    /** What OCR read off scanned pages (page index -> reading): drawn as an invisible, searchable text layer. */
    ocr?: ReadonlyMap<number, OcrPage>;
    /** Told of characters the text layer's fonts lack (still searchable, drawn as nothing). */
    onFallback?: (chars: string[]) => void;
    /** Told as highlights are drawn (`done` of `total`), so a PDF with thousands shows movement. */
    onHighlight?: (done: number, total: number) => void;
  } = {},
): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    // A copy of the bytes: pdf-lib parses lazily from the buffer it is given, and the
    // original must stay untouched whatever happens here. updateMetadata: false keeps
    // the document's Info (producer, dates) as the author left it.
    doc = await PDFDocument.load(original.slice(), { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new ExhibitError('invalid-pdf', `The PDF could not be read for annotation: ${(err as Error).message}`);
  }
  if (doc.isEncrypted) {
    throw new ExhibitError(
      'unsupported-file',
      `The PDF is encrypted${opts.password ? ' (a password was given)' : ''}: pdf-lib cannot write encrypted PDFs, ` +
        'so no annotated copy is made and the bundle ships the original only.',
    );
  }
  if (opts.ocr && opts.ocr.size > 0) {
    const layer = await addTextLayer(doc, opts.ocr, { signal: opts.signal });
    if (layer.fallbackChars.length > 0) opts.onFallback?.(layer.fallbackChars);
  }
  const pages = doc.getPages();
  const breathe = breather();
  for (const [n, h] of highlights.entries()) {
    // Thousands of highlights are seconds of work: let the process breathe as they are drawn, so
    // a Cancel (and everything else the engine serves meanwhile) is heard at once.
    await breathe();
    opts.onHighlight?.(n, highlights.length);
    throwIfCancelled(opts.signal);
    // Targets without rects (text documents) have nothing to draw on a PDF page.
    const targets = h.targets.filter((t) => t.rects.length > 0);
    targets.forEach((t, i) => {
      const page = pages[t.page - 1];
      if (!page) throw new ExhibitError('not-found', `Highlight ${h.highlightId} is on page ${t.page}, which the PDF lacks`);
      // One /NM per annotation: the id alone when it has one target, id#n when split.
      const name = targets.length > 1 ? `${h.highlightId}#${i + 1}` : h.highlightId;
      addHighlight(doc, page, h, t.rects, name);
    });
  }
  // All drawn: said before the save, which for thousands of annotations is the longest part.
  opts.onHighlight?.(highlights.length, highlights.length);
  // Classic xref tables rather than object streams: older readers and tools (and people
  // reading the file in a text editor) handle them.
  const bytes = await doc.save({ useObjectStreams: false });
  throwIfCancelled(opts.signal);
  return bytes;
}
