/** `exhibit export`, `exhibit report` and `exhibit verify`. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { ExhibitError } from '../../shared/errors.ts';
import { resolveAllegation } from '../services/allegations/allegations.ts';
import { buildModel, scopeModel, type ReportModel } from '../services/report/model.ts';
import { drawAreaPictures, type AreaPictures } from '../services/report/area-pictures.ts';
import { titleOf } from '../services/report/cite.ts';
import { blobPath } from '../services/case/blobs.ts';
import { pageFrames } from '../services/highlights/area.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from '../services/report/renderers.ts';
import { callTyped } from '../services/router.ts';
import { userConfigDir } from '../services/case/paths.ts';
import { reviewerName } from '../services/case/settings.ts';
import type { Services } from '../services/services.ts';
import { str, UsageError, type Command } from './command.ts';
import type { Output } from './output.ts';

const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? (v as string[]) : undefined);

/** Run a bundle job with a fresh id (its progress shows on a terminal); Ctrl+C cancels it. */
async function cancellable<T>(s: Services, start: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = randomUUID();
  const onSigint = () => void s.router.call('bundle.cancel', { jobId });
  process.once('SIGINT', onSigint);
  try {
    return await start(jobId);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

const exportCommand: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('export takes --out FILE.zip [--allegation A]... [--document D]...');
  const file = str(values, 'out');
  if (!file) throw new UsageError('export needs --out FILE.zip');
  const result = await cancellable(s, (jobId) =>
    callTyped(s.router, 'bundle.export', {
      path: path.resolve(out.io.cwd, file),
      allegationIds: list(values.allegation),
      documentIds: list(values.document),
      jobId,
    }),
  );
  out.record(result, () => `Exported ${result.files} file(s) to ${result.out} (${Math.round(result.bytes / 1024)} KiB), signed.`);
  // The bundle is complete; what it could not show as well as it should is said on stderr (and in --json's record).
  if (!out.json) for (const w of result.warnings) out.io.stderr.write(`exhibit: warning: ${w}\n`);
  return 0;
};

const FORMATS = ['html', 'docx', 'md', 'csv'] as const;

/** The report alone, in one format, for the whole case or some allegations. */
const reportCommand: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('report takes --format html|docx|md|csv --out FILE [--allegation A]...');
  const format = str(values, 'format');
  const file = str(values, 'out');
  if (!format || !(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`report needs --format ${FORMATS.join('|')}`);
  if (!file) throw new UsageError('report needs --out FILE');
  const configDir = userConfigDir(out.io.env);
  const allegationIds = list(values.allegation)?.map((a) => resolveAllegation(s.store.db, a).id);
  const model = scopeModel(buildModel(s.store.db, path.basename(s.store.dir), reviewerName(out.io.env, configDir)), {
    allegationIds,
  });
  // A spreadsheet holds no pictures; the other formats show each highlighted area.
  const pictures = format === 'csv' ? new Map() : await reportPictures(s, model, out);
  const bytes =
    format === 'docx'
      ? await reportDocx(model, pictures)
      : new TextEncoder().encode(
          format === 'html' ? reportHtml(model, pictures) : format === 'md' ? reportMarkdown(model, pictures) : reportCsv(model),
        );
  const target = path.resolve(out.io.cwd, file);
  // Markdown links its pictures as files beside it (areas/…png), as in a bundle's data/report/.
  if (format === 'md')
    for (const list of pictures.values())
      for (const a of list) {
        if (!a.file || !a.png) continue;
        const picture = path.join(path.dirname(target), a.file);
        fs.mkdirSync(path.dirname(picture), { recursive: true });
        fs.writeFileSync(picture, a.png);
      }
  fs.writeFileSync(`${target}.partial`, bytes);
  fs.renameSync(`${target}.partial`, target);
  out.record({ out: target, format, bytes: bytes.length }, () => `Wrote the ${format} report to ${target}`);
  return 0;
};

/** The pictures of the report's area highlights, drawn in the engine's workers; an area that cannot be drawn is warned of. */
async function reportPictures(s: Services, model: ReportModel, out: Output): Promise<AreaPictures> {
  const withAreas = new Set(model.highlights.filter((h) => h.targets.some((t) => t.area)).map((h) => h.documentId));
  if (withAreas.size === 0) return new Map();
  const originals = new Map(
    model.documents
      .filter((d) => withAreas.has(d.documentId))
      .map((d) => [d.documentId, new Uint8Array(fs.readFileSync(blobPath(s.store.dir, d.sha256)))] as const),
  );
  const pictures = await drawAreaPictures(model, { originals, frameOf: pageFrames(s.store.db), pool: s.pool });
  // As export does: said on stderr, and left out of --json's output (the report itself says it where the picture would be).
  if (!out.json)
    for (const h of model.highlights)
      for (const a of pictures.get(h.highlightId) ?? [])
        if (a.missing) out.io.stderr.write(`exhibit: warning: ${titleOf(model, h.documentId)}, page ${a.page}: ${a.missing}\n`);
  return pictures;
}

/**
 * Verify a bundle and merge it into the case; Ctrl+C before the merge leaves the case
 * unchanged. A bundle signed by a key the case does not trust needs --accept-signer with
 * that key's fingerprint (and --trust-signer NAME to trust it from then on). An encrypted
 * PDF in a bundle from an earlier Exhibit (which carries no pages) needs --password.
 */
const importBundleCommand: Command = async (s, args, values, out) => {
  if (args.length !== 1)
    throw new UsageError(
      'import-bundle takes one bundle: exhibit import-bundle FILE.zip [--accept-signer FPR [--trust-signer NAME]] [--password P]...',
    );
  const file = path.resolve(out.io.cwd, args[0]!);
  const acceptSigner = str(values, 'accept-signer');
  const trustSignerAs = str(values, 'trust-signer');
  if (trustSignerAs !== undefined && acceptSigner === undefined)
    throw new UsageError('--trust-signer needs --accept-signer with the fingerprint of the key you trust');
  const passwords = list(values.password);
  const r = await cancellable(s, (jobId) =>
    callTyped(s.router, 'bundle.import', { path: file, jobId, acceptSigner, trustSignerAs, passwords }),
  ).catch((err: unknown) => {
    if (err instanceof ExhibitError && err.code === 'password-required')
      throw new ExhibitError(err.code, `${err.message}\nGive its password with --password P.`, err.subject);
    if (err instanceof ExhibitError && err.code === 'password-incorrect')
      throw new ExhibitError(
        err.code,
        `${err.message}\nGive its password with --password P (repeat --password for PDFs with different passwords).`,
        err.subject,
      );
    if (err instanceof ExhibitError && err.code === 'untrusted-signer' && acceptSigner === undefined && err.subject)
      throw new ExhibitError(
        err.code,
        `${err.message}\nIf the sender confirms that fingerprint, import with --accept-signer ${err.subject} ` +
          '(add --trust-signer NAME to trust their key from now on).',
        err.subject,
      );
    throw err;
  });
  out.record(r, () =>
    [
      `Merged: ${r.documents.added} document(s) added (${r.documents.known} already here), ` +
        `${r.allegations.added} allegation(s) added and ${r.allegations.updated} updated, ` +
        `${r.highlights.added} highlight(s) added and ${r.highlights.updated} updated, ${r.links.added} link(s) added and ${r.links.updated} updated.`,
      ...r.conflicts.map((c) => `  conflict: ${c}`),
    ].join('\n'),
  );
  return 0;
};

export const bundleCommands: Record<string, Command> = {
  export: exportCommand,
  report: reportCommand,
  'import-bundle': importBundleCommand,
};
