/**
 * Exporting a case as an evidence bundle: a ZIP holding a signed BagIt bag. The ZIP is
 * written to a temporary file beside the target and renamed only when complete, so a
 * crash, a full disk or a cancel never leaves a partial bundle under the final name.
 * Each step reports its progress and checks for a cancel before it starts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { quoteFits } from '../../../shared/anchoring/area.ts';
import { diskFullError, ExhibitError, isDiskFull } from '../../../shared/errors.ts';
import type { Rect } from '../../../shared/ipc/contract.ts';
import type { CaseStore } from '../case/case.ts';
import { blobPath } from '../case/blobs.ts';
import { documentTexts } from '../documents/documents.ts';
import { bagFileName, tagFiles, type BagFile } from './bagit.ts';
import { carriedPagesFile } from './carried-pages.ts';
import { bundleExtras, type ExtrasOptions } from './extras.ts';
import { ocrReadings } from '../ocr/queue.ts';
import { areaAsShown, pageFrames } from '../highlights/area.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { reviewerKey } from './keys.ts';
import { buildModel, scopeModel, type ReportModel } from '../report/model.ts';
import { titleOf } from '../report/cite.ts';
import { annotationsJsonLd } from './annotations.ts';
import { contextCopy } from './context-copy.ts';
import { scopeDescription } from './bag-info.ts';
import { auditFiles, caseJson } from './payload.ts';
import { plansForBundle } from './plans-travel.ts';
import { isScoped } from './audit-scope.ts';
import { paperFor, type Paper } from '../report/rendition/paper.ts';
import { jobSteps, type JobSteps, type StepProgress } from '../jobs/steps.ts';
import { breatheNow } from '../jobs/breathe.ts';

export const EXHIBIT_VERSION = '0.1.0';

export interface ExportOptions {
  out: string;
  reviewer: string;
  /** The reviewer's organization, named in bag-info.txt as Source-Organization (left out when unset). */
  organization?: string | null;
  configDir: string;
  /** Only these allegations and/or documents (ids), with the highlights and links between them. */
  scope?: { allegationIds?: string[]; documentIds?: string[] };
  /** The paper text letters are typeset on (default: from the reviewer's locale, rendition/paper.ts). */
  paper?: Paper;
  /** The annotated PDFs and reports (made by bundleExtras unless a caller gives another maker). */
  extras?: (model: ReportModel, originals: Map<string, Uint8Array>, steps: JobSteps, opts: ExtrasOptions) => Promise<BagFile[]>;
  /** Told as each step starts and advances (quotes, originals, annotated, reports, signing, zip). */
  onProgress?: (p: StepProgress) => void;
  /** Cancels the export between steps; the temporary file is removed and nothing is written. */
  signal?: AbortSignal;
  /** The engine's workers: the pictures of area highlights are drawn in them (in this thread without). */
  pool?: WorkerPool;
}

/** Every quote must still be exactly what its page says where the target says it is (an area's: its words, see quoteFits). */
function checkQuotes(store: CaseStore, model: ReportModel, steps: JobSteps): void {
  const texts = pageTexts(store);
  model.highlights.forEach((h, i) => {
    steps.check();
    steps.report('quotes', i, model.highlights.length);
    for (const t of h.targets) {
      const text = texts(h.documentId, t.page);
      if (!quoteFits(text, t)) {
        const doc = titleOf(model, h.documentId);
        throw new ExhibitError(
          'invalid-args',
          `The quote "${t.quote.exact.slice(0, 60)}" no longer matches "${doc}" page ${t.page}; re-anchor it before exporting`,
          h.highlightId,
        );
      }
    }
  });
  steps.report('quotes', model.highlights.length, model.highlights.length);
}

/** Page texts from the case, for offsets counted in characters. */
function pageTexts(store: CaseStore) {
  const get = store.db.prepare('SELECT text FROM pages WHERE document_id = ? AND page_index = ?').pluck();
  return (documentId: string, page: number): string => {
    const text = get.get(documentId, page - 1) as string | undefined;
    if (text === undefined) throw new ExhibitError('not-found', `The document has no page ${page}`, `${documentId}#${page}`);
    return text;
  };
}

/**
 * Bag-Group-Identifier: the case's name and the start of its first audit row's hash, which
 * every bundle of this case shares (whole or scoped) and no other case has.
 */
function groupIdentifier(store: CaseStore, caseName: string): string {
  const first = store.db.prepare('SELECT hash FROM audit ORDER BY seq LIMIT 1').pluck().get() as string | undefined;
  return first ? `${caseName} (case ${first.slice(0, 16)})` : caseName;
}

/** Write the bundle; returns what went in. A cancelled export throws the 'cancelled' error. */
export async function exportBundle(
  store: CaseStore,
  opts: ExportOptions,
): Promise<{ out: string; files: number; bytes: number; warnings: string[] }> {
  const out = path.resolve(opts.out);
  const warnings: string[] = [];
  const steps = jobSteps({ ...opts, onWarning: (w) => warnings.push(w) });
  try {
    return { ...(await writeBundle(store, opts, out, steps)), warnings };
  } catch (err) {
    if (err instanceof ExhibitError && err.code === 'cancelled')
      throw new ExhibitError('cancelled', `The export was cancelled; nothing was written to ${out}`, out);
    throw err;
  }
}

async function writeBundle(store: CaseStore, opts: ExportOptions, out: string, steps: JobSteps) {
  const caseName = path.basename(store.dir);
  const model = scopeModel(buildModel(store.db, caseName, opts.reviewer), opts.scope ?? {});
  // Each phase below holds the process for a while on a large case: a Cancel pressed meanwhile
  // is heard between them.
  await breatheNow();
  checkQuotes(store, model, steps);
  await breatheNow();
  const originals = new Map<string, Uint8Array>();
  const payload: BagFile[] = [];
  for (const [i, d] of model.documents.entries()) {
    steps.check();
    steps.report('originals', i, model.documents.length, titleOf(model, d.documentId));
    // The Buffer itself (a Uint8Array): wrapping it in a new Uint8Array would copy every original.
    const bytes = fs.readFileSync(blobPath(store.dir, d.sha256));
    originals.set(d.documentId, bytes);
    payload.push({ path: `data/originals/${bagFileName(d.sha256, d.fileName)}`, bytes });
    // A PDF's pages travel with it, so a case importing the bundle need not open it (carried-pages.ts).
    if (d.kind === 'pdf') payload.push(carriedPagesFile(store.db, d));
    await breatheNow();
  }
  steps.report('originals', model.documents.length, model.documents.length);
  await breatheNow();
  steps.check();
  const audit = auditFiles(store.db, model, opts.scope);
  const frames = pageFrames(store.db);
  const areaShown = (documentId: string, page: number, area: Rect) => areaAsShown(frames(documentId, page), area);
  payload.push(
    {
      path: 'data/case.json',
      bytes: caseJson(
        model,
        plansForBundle(store.db, isScoped(opts.scope) ? new Set(model.documents.map((d) => d.documentId)) : null),
      ),
    },
    { path: 'data/annotations.jsonld', bytes: annotationsJsonLd(model, pageTexts(store), areaShown) },
    contextCopy(),
    { path: 'data/audit/audit.jsonl', bytes: audit.lines },
    { path: 'data/audit/head.json', bytes: audit.head },
  );
  await breatheNow();
  steps.check();
  payload.push(
    ...(await (opts.extras ?? bundleExtras)(model, originals, steps, {
      paper: opts.paper ?? paperFor(),
      pageTexts: (documentId) => documentTexts(store.db, documentId),
      ocrReadings: (documentId) => ocrReadings(store.db, documentId),
      pageFrame: frames,
      pool: opts.pool,
    })),
  );
  steps.check();
  steps.report('signing', 0, 1);
  const key = reviewerKey(opts.configDir);
  const tags = tagFiles(
    payload,
    {
      caseName,
      version: EXHIBIT_VERSION,
      reviewer: opts.reviewer,
      fingerprint: key.fingerprint,
      baggingDate: model.generatedAt,
      organization: opts.organization ?? null,
      description: scopeDescription(model, opts.scope),
      groupIdentifier: groupIdentifier(store, caseName),
    },
    key.publicKeyPem,
    key.privateKey,
  );
  steps.report('signing', 1, 1);
  await writeZipAtomically(out, [...tags, ...payload], steps);
  return { out, files: payload.length, bytes: fs.statSync(out).size };
}

/**
 * Stream the ZIP into a temporary file, fsync it, then rename it over `out`. Progress counts
 * bytes written against the payload's size (stored PDFs dominate, so it tracks closely).
 */
async function writeZipAtomically(out: string, files: BagFile[], steps: JobSteps): Promise<void> {
  steps.check();
  // Its own name: another export to the same file (or one that died leaving its temp file) is never reused or removed.
  const tmp = `${out}.partial-${process.pid}-${randomUUID()}`;
  const zip = new yazl.ZipFile();
  const mtime = new Date('2000-01-01T00:00:00Z');
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  for (const f of files) {
    // PDFs are already compressed: storing them keeps export fast and bytes easy to check.
    // A view of the same memory, not a copy: the originals may be large.
    const bytes = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    zip.addBuffer(bytes, f.path, { mtime, compress: !/\.pdf$/i.test(f.path) });
  }
  zip.end();
  let written = 0;
  steps.report('zip', 0, total);
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createWriteStream(tmp, { flags: 'wx' });
      const onData = (chunk: Buffer) => {
        written += chunk.length;
        steps.report('zip', Math.min(written, total), total);
      };
      // On cancel, stop feeding the file and wait for it to close, so it can be removed everywhere.
      let cancelled = false;
      const onAbort = () => {
        cancelled = true;
        zip.outputStream.removeListener('data', onData);
        zip.outputStream.unpipe(stream);
        stream.destroy();
      };
      steps.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (err?: Error) => {
        steps.signal?.removeEventListener('abort', onAbort);
        if (cancelled) reject(new ExhibitError('cancelled', 'the export was cancelled'));
        else if (err) reject(err);
        else resolve();
      };
      stream.on('error', settle);
      zip.outputStream.on('error', settle);
      zip.outputStream.on('data', onData);
      stream.on('close', () => settle());
      zip.outputStream.pipe(stream);
    });
    // Written in full: a cancel that arrives now still leaves nothing under the final name.
    steps.check();
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, out);
    steps.report('zip', total, total);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof ExhibitError && err.code === 'cancelled') throw err;
    if (isDiskFull(err))
      throw diskFullError(path.dirname(out), `${out}: the bundle was not written (nothing was left under that name)`, out);
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExhibitError(
      'unreadable-file',
      `${out}: the bundle could not be written (${code ?? (err as Error).message}); nothing was left under that name`,
      out,
    );
  }
}
