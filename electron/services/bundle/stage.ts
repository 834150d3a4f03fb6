/**
 * Bringing a verified bundle's new documents into the case. The originals the case lacks
 * are streamed straight from the ZIP into a fresh staging folder inside the case (no size
 * limit beyond the archive caps; nothing held in memory), each under the name
 * bagFileName(sha256, fileName) from case.json — never the ZIP entry's name — and checked
 * against case.json's SHA-256 as they stream. A PDF whose pages the bundle carries
 * (carried-pages.ts) takes them, checked, and its original is never opened, so an
 * encrypted PDF needs no password; any other document is extracted from its original, an
 * encrypted PDF with the passwords the reviewer gave. Nothing is stored yet: the documents
 * are written by `commit`, inside the merge's transaction, so a document that fails to
 * extract (or wants a password not given), or a merge that fails, leaves the case as it was.
 * A cancel (steps.signal) stops the streaming mid-entry and the extraction's workers; the
 * staging folder is removed by `dispose`, whatever happens, once no worker still reads it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary, MergeResult } from '../../../shared/ipc/contract.ts';
import { processAlive } from '../case/disk.ts';
import { discardBlob, sha256Hex, writeBlob } from '../case/blobs.ts';
import type { CaseStore } from '../case/case.ts';
import { insertDocument } from '../documents/documents.ts';
import type { ExtractedDocument } from '../ingest/extracted.ts';
import { readShared } from '../ingest/files.ts';
import { extractFile } from '../ingest/import.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { bagFileName } from './bagit.ts';
import type { CaseFile } from './case-file.ts';
import { pagesPath, readCarriedPages } from './carried-pages.ts';
import { readZip, type ZipEntryInfo, type ZipLimits } from './read-zip.ts';
import type { JobSteps } from '../jobs/steps.ts';

export interface StageOptions {
  pool: WorkerPool;
  actor: string;
  limits?: Partial<ZipLimits> | undefined;
  /**
   * Passwords to try, in turn, on an encrypted PDF whose pages the bundle does not carry
   * (one from an earlier Exhibit), so its original must be opened.
   */
  passwords?: readonly string[] | undefined;
}

/** The bundle's documents, extracted and ready to store. */
export interface StagedDocuments {
  /** Bundle document id -> the case's id for it (known documents, and the new ones once committed). */
  ids: Map<string, string>;
  /** Store the new documents (call inside the merge's transaction); blobs written are remembered for `rollback`. */
  commit(): void;
  /** Remove the blobs `commit` wrote, after its transaction was rolled back. */
  rollback(): void;
  /** Remove the staging folder. */
  dispose(): void;
}

interface Ready {
  doc: DocumentSummary;
  file: string;
  id: string;
  extracted: ExtractedDocument;
}

/** Stage and extract the bundle's new documents; nothing is stored until `commit`. */
export async function stageDocuments(
  store: CaseStore,
  file: string,
  data: CaseFile,
  verified: ZipEntryInfo[],
  opts: StageOptions,
  result: MergeResult,
  steps: JobSteps,
): Promise<StagedDocuments> {
  const ids = new Map<string, string>();
  // Entry path -> the document it brings, chosen by the hashes the verify pass computed.
  const wanted = new Map<string, { doc: CaseFile['documents'][number]; name: string }>();
  // Entry path of carried pages -> their document, and the hash the verify pass found for them.
  const carried = new Map<string, { doc: CaseFile['documents'][number]; name: string; sha256: string }>();
  for (const d of data.documents) {
    const known = store.db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(d.sha256) as { id: string } | undefined;
    if (known) {
      ids.set(d.documentId, known.id);
      result.documents.known++;
      continue;
    }
    const entry = verified.find((e) => e.path.startsWith('data/originals/') && e.sha256 === d.sha256);
    if (!entry) throw new ExhibitError('invalid-args', `The bundle has no original for "${d.title}"`, d.documentId);
    if (wanted.has(entry.path))
      throw new ExhibitError('invalid-args', `${file}: case.json lists the original of "${d.title}" twice`, d.documentId);
    wanted.set(entry.path, { doc: d, name: bagFileName(d.sha256, d.fileName) });
    const pages = d.kind === 'pdf' ? verified.find((e) => e.path === pagesPath(d)) : undefined;
    // Saved under a name no original's can take (theirs begin with a hash prefix).
    if (pages) carried.set(pages.path, { doc: d, name: `pages-${carried.size}.json`, sha256: pages.sha256 });
  }
  const saveName = (p: string) => wanted.get(p)?.name ?? carried.get(p)?.name ?? null;
  const ready: Ready[] = [];
  const written: string[] = [];
  const staging = path.join(store.dir, `.staging-${process.pid}-${randomUUID()}`);
  const staged: StagedDocuments = {
    ids,
    commit: () => {
      const retitle = store.db.prepare('UPDATE documents SET title = ? WHERE id = ?');
      for (const r of ready) {
        // Read again from the staging folder (bundles may be large) and checked again.
        const bytes = fs.readFileSync(r.file);
        if (sha256Hex(bytes) !== r.doc.sha256)
          throw new ExhibitError('invalid-args', `${file}: the original of "${r.doc.title}" changed while it was staged`, file);
        if (writeBlob(store.dir, r.doc.sha256, bytes)) written.push(r.doc.sha256);
        insertDocument(store.db, {
          sha256: r.doc.sha256,
          id: r.id,
          // The bundle's file name as made safe for its bag (case.json's may hold anything),
          // without the hash prefix, so exporting again names the file as the bundle did.
          fileName: path.basename(r.file).slice(r.doc.sha256.slice(0, 12).length + 1),
          size: bytes.length,
          extracted: r.extracted,
          provenance: r.doc.provenance,
          actor: opts.actor,
        });
        // The bundle's title comes along (the file name alone would lose it).
        retitle.run(r.doc.title, r.id);
        ids.set(r.doc.documentId, r.id);
        result.documents.added++;
      }
    },
    rollback: () => {
      for (const sha of written.splice(0)) discardBlob(store.dir, sha);
    },
    dispose: () => fs.rmSync(staging, { recursive: true, force: true }),
  };
  if (wanted.size === 0) return staged;

  steps.check();
  sweepStaging(store.dir);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    // Progress in bytes, as the originals dominate a bundle and may be few and large.
    const total = verified.filter((e) => wanted.has(e.path) || carried.has(e.path)).reduce((n, e) => n + e.size, 0);
    let copied = 0;
    steps.report('staging', 0, total);
    // The directory is checked again in full; only the originals wanted are inflated this time.
    const saved = await readZip(file, {
      save: { dir: staging, name: saveName },
      select: (p) => saveName(p) !== null,
      limits: opts.limits,
      signal: steps.signal,
      onSaving: (p, bytes) => {
        copied += bytes;
        steps.report('staging', Math.min(copied, total), total, (wanted.get(p) ?? carried.get(p))?.doc.title ?? null);
      },
    });
    steps.report('staging', total, total);
    const todo = [...wanted].map(([entryPath, { doc }]) => {
      const got = saved.find((e) => e.path === entryPath);
      if (!got?.file || got.sha256 !== doc.sha256)
        throw new ExhibitError(
          'invalid-args',
          `${file}: the original of "${doc.title}" changed after the bundle was verified`,
          file,
        );
      const pagesEntry = [...carried].find(([, c]) => c.doc === doc)?.[0];
      if (pagesEntry === undefined) return { doc, file: got.file, pages: null };
      const pages = saved.find((e) => e.path === pagesEntry);
      if (!pages?.file || pages.sha256 !== carried.get(pagesEntry)!.sha256)
        throw new ExhibitError(
          'invalid-args',
          `${file}: the pages carried for "${doc.title}" changed after the bundle was verified`,
          file,
        );
      return { doc, file: got.file, pages: pages.file };
    });
    let next = 0;
    let done = 0;
    steps.report('documents', 0, todo.length);
    // The first failure (or the reviewer's cancel) stops the other lanes' workers too.
    const halt = new AbortController();
    const signal = steps.signal ? AbortSignal.any([steps.signal, halt.signal]) : halt.signal;
    let failure: unknown = null;
    // As many documents in flight as workers, as a plain import does.
    const lane = async () => {
      while (next < todo.length && !signal.aborted) {
        const i = next++;
        const { doc, file: staged, pages } = todo[i]!;
        steps.check();
        let extracted: ExtractedDocument;
        try {
          extracted = pages
            ? readCarriedPages(file, doc, fs.readFileSync(pages), data)
            : await extractOriginal(staged, doc.sha256, opts, signal);
        } catch (err) {
          steps.check();
          if (pages) throw err;
          if (err instanceof ExhibitError && (err.code === 'password-required' || err.code === 'password-incorrect'))
            throw passwordError(err.code, doc.title, opts.passwords?.length ?? 0, file);
          const code = err instanceof ExhibitError ? err.code : 'invalid-pdf';
          const why = err instanceof Error ? err.message.replace(`${staged}: `, '') : String(err);
          throw new ExhibitError(code, `A document in the bundle could not be imported: "${doc.title}": ${why}`, file);
        }
        // A bundle's id that the case already gives another document is not reused.
        const taken = store.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(doc.documentId);
        // In the bundle's order, whichever finishes first.
        ready[i] = { doc, file: staged, id: taken ? randomUUID() : doc.documentId, extracted };
        steps.report('documents', ++done, todo.length, doc.title);
      }
    };
    const guarded = () =>
      lane().catch((err: unknown) => {
        failure ??= err;
        halt.abort();
      });
    // Every lane has settled before the staging folder can be removed.
    await Promise.all(Array.from({ length: Math.min(opts.pool.size, todo.length) }, guarded));
    if (failure !== null) throw failure;
    steps.check();
    return staged;
  } catch (err) {
    staged.dispose();
    throw err;
  }
}

/**
 * Extract an original the bundle carries no pages for: as it is, and an encrypted PDF with
 * each password given in turn until one opens it.
 */
async function extractOriginal(
  staged: string,
  sha256: string,
  opts: StageOptions,
  signal: AbortSignal,
): Promise<ExtractedDocument> {
  const data = readShared(staged);
  const extract = (password?: string) =>
    extractFile(staged, data, sha256, { pool: opts.pool, password, signal, onPages: () => undefined });
  let failure: unknown;
  for (const password of [undefined, ...(opts.passwords ?? [])]) {
    try {
      return await extract(password);
    } catch (err) {
      if (!(err instanceof ExhibitError && (err.code === 'password-required' || err.code === 'password-incorrect'))) throw err;
      failure = err;
    }
  }
  throw failure;
}

/**
 * A PDF of the bundle that needs a password not given. The subject is the document's
 * title, which the app's import dialog names when it asks for the password; the message
 * leaves out how to give one, which the dialog and the command line each say their own way.
 */
function passwordError(
  code: 'password-required' | 'password-incorrect',
  title: string,
  tried: number,
  file: string,
): ExhibitError {
  const why =
    code === 'password-required'
      ? `"${title}" is an encrypted PDF and needs its password: the bundle does not carry its pages (an earlier Exhibit made it), so the PDF itself must be opened`
      : tried === 1
        ? `the password given does not open "${title}", an encrypted PDF`
        : `none of the ${tried} passwords given opens "${title}", an encrypted PDF`;
  return new ExhibitError(code, `${path.basename(file)}: ${why}. Nothing was imported; the case is unchanged.`, title);
}

/**
 * Remove staging folders left by a process that died while importing a bundle (they may
 * hold copies of large originals); those of processes still running are left alone.
 */
export function sweepStaging(caseDir: string): void {
  for (const name of fs.readdirSync(caseDir)) {
    const m = /^\.staging-(\d+)-[0-9a-f-]{36}$/.exec(name);
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(caseDir, name), { recursive: true, force: true });
  }
}
