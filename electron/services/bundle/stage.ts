/**
 * Bringing a verified bundle's new documents into the case. The originals the case lacks
 * are streamed straight from the ZIP into a fresh staging folder inside the case (no size
 * limit beyond the archive caps; nothing held in memory), each under the name
 * bagFileName(sha256, fileName) from case.json — never the ZIP entry's name — and checked
 * against case.json's SHA-256 as they stream. Each is then extracted, storing nothing:
 * the documents are written by `commit`, inside the merge's transaction, so a document
 * that fails to extract, or a merge that fails, leaves the case as it was.
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
import type { ExtractionPool } from '../ingest/pool.ts';
import { bagFileName } from './bagit.ts';
import type { CaseFile } from './case-file.ts';
import { readZip, type ZipEntryInfo, type ZipLimits } from './read-zip.ts';
import type { JobSteps } from './steps.ts';

export interface StageOptions {
  pool: ExtractionPool;
  actor: string;
  limits?: Partial<ZipLimits> | undefined;
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
  const wanted = new Map<string, { doc: DocumentSummary; name: string }>();
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
  }
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
    const total = verified.filter((e) => wanted.has(e.path)).reduce((n, e) => n + e.size, 0);
    let copied = 0;
    steps.report('staging', 0, total);
    const saved = await readZip(file, {
      save: { dir: staging, name: (p) => wanted.get(p)?.name ?? null },
      limits: opts.limits,
      signal: steps.signal,
      onSaving: (p, bytes) => {
        copied += bytes;
        steps.report('staging', Math.min(copied, total), total, wanted.get(p)?.doc.title ?? null);
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
      return { doc, file: got.file };
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
        const { doc, file: staged } = todo[i]!;
        steps.check();
        let extracted: ExtractedDocument;
        try {
          extracted = await extractFile(staged, readShared(staged), doc.sha256, {
            pool: opts.pool,
            signal,
            onPages: () => undefined,
          });
        } catch (err) {
          steps.check();
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
 * Remove staging folders left by a process that died while importing a bundle (they may
 * hold copies of large originals); those of processes still running are left alone.
 */
export function sweepStaging(caseDir: string): void {
  for (const name of fs.readdirSync(caseDir)) {
    const m = /^\.staging-(\d+)-[0-9a-f-]{36}$/.exec(name);
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(caseDir, name), { recursive: true, force: true });
  }
}
