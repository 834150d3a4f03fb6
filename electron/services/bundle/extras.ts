/**
 * The human-facing part of a bundle: annotated copies of the PDFs (real highlight
 * annotations any reader shows) and the report in HTML, DOCX, Markdown and CSV.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { annotatePdf } from './annotate.ts';
import { bagFileName, type BagFile } from './bagit.ts';
import type { ReportModel } from './model.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from './report/index.ts';

const text = (s: string) => new TextEncoder().encode(s);

/** Annotated PDFs and the four reports, made from the model and the originals' bytes. */
export async function bundleExtras(model: ReportModel, originals: Map<string, Uint8Array>): Promise<BagFile[]> {
  const files: BagFile[] = [];
  for (const d of model.documents) {
    if (d.kind !== 'pdf') continue;
    const highlights = model.highlights.filter((h) => h.documentId === d.documentId);
    if (highlights.length === 0) continue;
    try {
      const bytes = await annotatePdf(originals.get(d.documentId)!, highlights);
      files.push({ path: `data/annotated/${bagFileName(d.sha256, d.fileName)}`, bytes });
    } catch (err) {
      // An encrypted PDF cannot be rewritten: the bundle carries its original only.
      if (!(err instanceof ExhibitError && err.code === 'unsupported-file')) throw err;
    }
  }
  files.push(
    { path: 'data/report/report.html', bytes: text(reportHtml(model)) },
    { path: 'data/report/report.md', bytes: text(reportMarkdown(model)) },
    { path: 'data/report/links.csv', bytes: text(reportCsv(model)) },
    { path: 'data/report/report.docx', bytes: await reportDocx(model) },
  );
  return files;
}
