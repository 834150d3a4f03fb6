/**
 * The human-facing part of a bundle: annotated copies of the PDFs (real highlight
 * annotations any reader shows), typeset renditions of the highlighted text letters with
 * their highlights annotated the same way, and the report in HTML, DOCX, Markdown and CSV,
 * with a picture of each highlighted area of a page (report/area-pictures.ts).
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import type { OcrPage } from '../../../shared/ocr.ts';
import { annotatePdf } from '../report/annotate.ts';
import { imageToPdf } from '../report/rendition/image-pdf.ts';
import { bagFileName, type BagFile } from './bagit.ts';
import type { ReportModel } from '../report/model.ts';
import type { Paper } from '../report/rendition/paper.ts';
import { renderLetter } from '../report/rendition/rendition.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from '../report/renderers.ts';
import { titleOf } from '../report/cite.ts';
import { drawAreaPictures, type AreaPictures } from '../report/area-pictures.ts';
import type { PageFrame } from '../report/text-layer/geometry.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { JobSteps } from '../jobs/steps.ts';

const text = (s: string) => new TextEncoder().encode(s);

/** "北 U+5317": the character, and its code point for a screen whose fonts lack it too. */
const codePoint = (ch: string) => `${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export interface ExtrasOptions {
  /** The paper text letters are typeset on. */
  paper: Paper;
  /** A document's page texts as the case stores them (highlight offsets count in these). */
  pageTexts(documentId: string): string[];
  /** What OCR read off a document's scanned pages (page index -> reading); empty for none. */
  ocrReadings?(documentId: string): Map<number, OcrPage>;
  /** A page's box and /Rotate, to draw an area as the page shows it (needed when the model has area highlights). */
  pageFrame?(documentId: string, page: number): PageFrame;
  /** Where areas are drawn (its recognition lane); without one, in this thread. */
  pool?: WorkerPool | undefined;
}

/**
 * Where the PDF of an image document goes: its name with ".pdf" added ("…-fax.tiff.pdf"),
 * beside the annotated PDFs, made from the image at its own resolution.
 */
export const imagePdfPath = (d: Pick<DocumentSummary, 'sha256' | 'fileName'>): string =>
  `data/annotated/${bagFileName(d.sha256, d.fileName)}.pdf`;

/**
 * Where a letter's rendition goes: beside the annotated PDFs, named after the original
 * with ".rendition.pdf" added ("3f2a91c04b1e-letter.txt.rendition.pdf"), so it reads as
 * a rendition of that text file and sorts next to its original's name.
 */
export const renditionPath = (d: Pick<DocumentSummary, 'sha256' | 'fileName'>): string =>
  `data/annotated/${bagFileName(d.sha256, d.fileName)}.rendition.pdf`;

/** Annotated PDFs, letter renditions and the four reports, made from the model and the originals' bytes. */
export async function bundleExtras(
  model: ReportModel,
  originals: Map<string, Uint8Array>,
  steps: JobSteps,
  opts: ExtrasOptions,
): Promise<BagFile[]> {
  const files: BagFile[] = [];
  const highlighted = (d: DocumentSummary) => model.highlights.some((h) => h.documentId === d.documentId);
  const readings = new Map(
    model.documents.map((d) => [d.documentId, opts.ocrReadings?.(d.documentId) ?? new Map<number, OcrPage>()]),
  );
  // Scans get a copy of their own with the text read off them, highlighted or not: the bundle's
  // copy is then searchable in any reader. Image documents always get one (their pages as a PDF).
  const pdfs = model.documents.filter(
    (d) => d.kind === 'image' || (d.kind === 'pdf' && (highlighted(d) || readings.get(d.documentId)!.size > 0)),
  );
  const letters = model.documents.filter((d) => d.kind === 'text' && highlighted(d));
  const total = pdfs.length + letters.length;
  for (const [i, d] of pdfs.entries()) {
    steps.check();
    steps.report('annotated', i, total, titleOf(model, d.documentId));
    const highlights = model.highlights.filter((h) => h.documentId === d.documentId);
    try {
      const original = originals.get(d.documentId)!;
      const base =
        d.kind === 'image' ? (await imageToPdf(original, { fileName: d.fileName, signal: steps.signal })).pdf : original;
      const bytes = await annotatePdf(base, highlights, {
        signal: steps.signal,
        ocr: readings.get(d.documentId),
        // A PDF with many highlights takes a while: say how far it is, every 25.
        onHighlight: (done, n) => {
          if (n > 25 && done > 0 && (done % 25 === 0 || done === n))
            steps.report(
              'annotated',
              i,
              total,
              `${titleOf(model, d.documentId)}, ${done} of ${n} highlights drawn${done === n ? ', saving' : ''}`,
            );
        },
        onFallback: (chars) =>
          steps.warn(
            `${d.fileName}: the searchable text of its scanned pages has ${chars.length} character(s) its fonts lack ` +
              `(${chars.slice(0, 10).map(codePoint).join(', ')}${chars.length > 10 ? ', …' : ''}); they are found by search and copied, but drawn as nothing`,
          ),
      });
      files.push({ path: d.kind === 'image' ? imagePdfPath(d) : `data/annotated/${bagFileName(d.sha256, d.fileName)}`, bytes });
    } catch (err) {
      // An encrypted PDF cannot be rewritten: the bundle carries its original only.
      if (!(err instanceof ExhibitError && err.code === 'unsupported-file')) throw err;
    }
  }
  for (const [i, d] of letters.entries()) {
    steps.check();
    steps.report('annotated', pdfs.length + i, total, titleOf(model, d.documentId));
    const rendition = await renderLetter(
      {
        pages: opts.pageTexts(d.documentId),
        title: titleOf(model, d.documentId),
        fileName: d.fileName,
        sha256: d.sha256,
        originalPath: `data/originals/${bagFileName(d.sha256, d.fileName)}`,
        highlights: model.highlights.filter((h) => h.documentId === d.documentId),
        paper: opts.paper,
        createdAt: model.generatedAt,
      },
      steps.signal,
    );
    files.push({ path: renditionPath(d), bytes: rendition.bytes });
    if (rendition.missing.length > 0) {
      // Said while the step runs (the progress names it) and again in the export's result.
      steps.report(
        'annotated',
        pdfs.length + i,
        total,
        `${titleOf(model, d.documentId)}: ${rendition.missing.length} character(s) its fonts lack`,
      );
      steps.warn(
        `${d.fileName}: its typeset rendition (${renditionPath(d)}) shows ${rendition.missing.length} character(s) ` +
          `its fonts lack as \uFFFD (${rendition.missing.slice(0, 10).map(codePoint).join(', ')}${rendition.missing.length > 10 ? ', …' : ''}); ` +
          'copying its text still gives them, ' +
          'and the original letter in the bundle holds them.',
      );
    }
  }
  steps.report('annotated', total, total);
  let pictures: AreaPictures = new Map();
  const reports: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['data/report/report.html', () => text(reportHtml(model, pictures))],
    ['data/report/report.md', () => text(reportMarkdown(model, pictures))],
    ['data/report/links.csv', () => text(reportCsv(model))],
    ['data/report/report.docx', () => reportDocx(model, pictures)],
  ];
  pictures = await areaPictures(model, originals, steps, opts, reports.length);
  // Markdown links each picture as a file beside it; HTML and DOCX hold them inside.
  for (const list of pictures.values())
    for (const a of list) if (a.file && a.png) files.push({ path: `data/report/${a.file}`, bytes: a.png });
  for (const [i, [path, make]] of reports.entries()) {
    steps.check();
    steps.report('reports', i, reports.length, path.slice('data/report/'.length));
    files.push({ path, bytes: await make() });
  }
  steps.report('reports', reports.length, reports.length);
  return files;
}

/** The pictures of the model's area highlights, the reports' first step; areas that could not be drawn are warned of. */
async function areaPictures(
  model: ReportModel,
  originals: Map<string, Uint8Array>,
  steps: JobSteps,
  opts: ExtrasOptions,
  reportCount: number,
): Promise<AreaPictures> {
  if (!model.highlights.some((h) => h.targets.some((t) => t.area))) return new Map();
  if (!opts.pageFrame) throw new Error('bundleExtras: the model has area highlights but no pageFrame was given to draw them');
  const pictures = await drawAreaPictures(model, {
    originals,
    frameOf: opts.pageFrame,
    pool: opts.pool,
    signal: steps.signal,
    onPage: (done, total) => steps.report('reports', 0, reportCount, `pictures of highlighted areas, page ${done} of ${total}`),
  });
  steps.check();
  const missing = new Map<string, string>();
  for (const h of model.highlights)
    for (const a of pictures.get(h.highlightId) ?? []) if (a.missing) missing.set(`${h.documentId}#${a.page}`, a.missing);
  for (const [where, why] of missing) {
    const [documentId, page] = where.split('#') as [string, string];
    steps.warn(`${titleOf(model, documentId)}, page ${page}: ${why}`);
  }
  return pictures;
}
