/**
 * The human-facing part of a bundle: annotated copies of the PDFs (real highlight
 * annotations any reader shows) and the report in HTML, DOCX, Markdown and CSV.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { annotatePdf } from './annotate.ts';
import { bagFileName, type BagFile } from './bagit.ts';
import type { ReportModel } from './model.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from './report/index.ts';
import { silentSteps, type JobSteps } from './steps.ts';

const text = (s: string) => new TextEncoder().encode(s);

/** Annotated PDFs and the four reports, made from the model and the originals' bytes. */
export async function bundleExtras(
  model: ReportModel,
  originals: Map<string, Uint8Array>,
  steps: JobSteps = silentSteps,
): Promise<BagFile[]> {
  const files: BagFile[] = [];
  const pdfs = model.documents.filter((d) => d.kind === 'pdf' && model.highlights.some((h) => h.documentId === d.documentId));
  for (const [i, d] of pdfs.entries()) {
    steps.check();
    steps.report('annotated', i, pdfs.length, d.title);
    const highlights = model.highlights.filter((h) => h.documentId === d.documentId);
    try {
      const bytes = await annotatePdf(originals.get(d.documentId)!, highlights, { signal: steps.signal });
      files.push({ path: `data/annotated/${bagFileName(d.sha256, d.fileName)}`, bytes });
    } catch (err) {
      // An encrypted PDF cannot be rewritten: the bundle carries its original only.
      if (!(err instanceof ExhibitError && err.code === 'unsupported-file')) throw err;
    }
  }
  steps.report('annotated', pdfs.length, pdfs.length);
  const reports: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['data/report/report.html', () => text(reportHtml(model))],
    ['data/report/report.md', () => text(reportMarkdown(model))],
    ['data/report/links.csv', () => text(reportCsv(model))],
    ['data/report/report.docx', () => reportDocx(model)],
  ];
  for (const [i, [path, make]] of reports.entries()) {
    steps.check();
    steps.report('reports', i, reports.length, path.slice('data/report/'.length));
    files.push({ path, bytes: await make() });
  }
  steps.report('reports', reports.length, reports.length);
  return files;
}
