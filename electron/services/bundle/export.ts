/**
 * Exporting a case as an evidence bundle: a ZIP holding a signed BagIt bag. The ZIP is
 * written to a temporary file beside the target and renamed only when complete, so a
 * crash or a full disk never leaves a partial bundle under the final name.
 */
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { ExhibitError } from '../../../shared/errors.ts';
import type { CaseStore } from '../case/case.ts';
import { blobPath } from '../case/blobs.ts';
import { pageLayout } from '../highlights/targets.ts';
import { bagFileName, tagFiles, type BagFile } from './bagit.ts';
import { bundleExtras } from './extras.ts';
import { reviewerKey } from './keys.ts';
import { buildModel, scopeModel, type ReportModel } from './model.ts';
import { annotationsJsonLd, auditFiles, caseJson } from './payload.ts';

export const EXHIBIT_VERSION = '0.1.0';

export interface ExportOptions {
  out: string;
  reviewer: string;
  configDir: string;
  /** Only these allegations and/or documents (ids), with the highlights and links between them. */
  scope?: { allegationIds?: string[]; documentIds?: string[] };
  /** The annotated PDFs and reports (made by bundleExtras unless a caller gives another maker). */
  extras?: (model: ReportModel, originals: Map<string, Uint8Array>) => Promise<BagFile[]>;
}

/** Every quote must still be exactly what its page says where the target says it is. */
function checkQuotes(store: CaseStore, model: ReportModel): void {
  for (const h of model.highlights) {
    for (const t of h.targets) {
      const text = pageLayout(store.db, h.documentId, t.page).text;
      if (text.slice(t.position.start, t.position.end) !== t.quote.exact) {
        const doc = model.documents.find((d) => d.documentId === h.documentId)?.title ?? h.documentId;
        throw new ExhibitError(
          'invalid-args',
          `The quote "${t.quote.exact.slice(0, 60)}" no longer matches "${doc}" page ${t.page}; re-anchor it before exporting`,
          h.highlightId,
        );
      }
    }
  }
}

/** Write the bundle; returns what went in. */
export async function exportBundle(
  store: CaseStore,
  opts: ExportOptions,
): Promise<{ out: string; files: number; bytes: number }> {
  const caseName = path.basename(store.dir);
  const model = scopeModel(buildModel(store.db, caseName, opts.reviewer), opts.scope ?? {});
  checkQuotes(store, model);
  const originals = new Map<string, Uint8Array>();
  const payload: BagFile[] = [];
  for (const d of model.documents) {
    const bytes = new Uint8Array(fs.readFileSync(blobPath(store.dir, d.sha256)));
    originals.set(d.documentId, bytes);
    payload.push({ path: `data/originals/${bagFileName(d.sha256, d.fileName)}`, bytes });
  }
  const audit = auditFiles(store.db, model, opts.scope);
  payload.push(
    { path: 'data/case.json', bytes: caseJson(model) },
    { path: 'data/annotations.jsonld', bytes: annotationsJsonLd(model) },
    { path: 'data/audit/audit.jsonl', bytes: audit.lines },
    { path: 'data/audit/head.json', bytes: audit.head },
    ...(await (opts.extras ?? bundleExtras)(model, originals)),
  );
  const key = reviewerKey(opts.configDir);
  const tags = tagFiles(
    payload,
    { caseName, version: EXHIBIT_VERSION, reviewer: opts.reviewer, fingerprint: key.fingerprint, baggingDate: model.generatedAt },
    key.publicKeyPem,
    key.privateKey,
  );
  const out = path.resolve(opts.out);
  await writeZipAtomically(out, [...tags, ...payload]);
  return { out, files: payload.length, bytes: fs.statSync(out).size };
}

async function writeZipAtomically(out: string, files: BagFile[]): Promise<void> {
  const tmp = `${out}.partial-${process.pid}`;
  const zip = new yazl.ZipFile();
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const f of files) {
    // PDFs are already compressed: storing them keeps export fast and bytes easy to check.
    zip.addBuffer(Buffer.from(f.bytes), f.path, { mtime, compress: !/\.pdf$/i.test(f.path) });
  }
  zip.end();
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createWriteStream(tmp, { flags: 'wx' });
      stream.on('error', reject);
      zip.outputStream.on('error', reject);
      stream.on('close', resolve);
      zip.outputStream.pipe(stream);
    });
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExhibitError(
      'unreadable-file',
      `${out}: the bundle could not be written (${code ?? (err as Error).message}); nothing was left under that name`,
      out,
    );
  }
}
