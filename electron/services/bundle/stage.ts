/**
 * Bringing a verified bundle's new documents into the case. The originals the case lacks
 * are streamed straight from the ZIP into a fresh staging folder inside the case (no size
 * limit beyond the archive caps; nothing held in memory), each under the name
 * bagFileName(sha256, fileName) from case.json — never the ZIP entry's name — and checked
 * against case.json's SHA-256 as they stream. Then they are imported keeping their ids.
 * The staging folder is removed whatever happens.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExhibitError } from '../../../shared/errors.ts';
import { DocumentSummary, type Allegation, type Highlight, type MergeResult, type Stance } from '../../../shared/ipc/contract.ts';
import type { CaseStore } from '../case/case.ts';
import { importPaths } from '../ingest/import.ts';
import type { ExtractionPool } from '../ingest/pool.ts';
import { bagFileName } from './bagit.ts';
import { CASE_SCHEMA } from './payload.ts';
import { readZip, type ZipEntryInfo, type ZipLimits } from './read-zip.ts';
import type { JobSteps } from './steps.ts';

export interface CaseFile {
  schema: string;
  case: { name: string; reviewer: string };
  documents: DocumentSummary[];
  allegations: Omit<Allegation, 'counts'>[];
  highlights: Highlight[];
  links: { highlightId: string; allegationId: string; stance: Stance; rationale: string | null }[];
}

// The documents decide file names in the staging folder, so they are checked field by field.
const Documents = z.array(DocumentSummary.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256') }));

/** case.json from the verified entries, its schema and documents checked. */
export function parseCaseFile(file: string, entries: ZipEntryInfo[]): CaseFile {
  const bytes = entries.find((e) => e.path === 'data/case.json')?.bytes;
  let data: CaseFile;
  try {
    data = JSON.parse(bytes?.toString('utf8') ?? '{}') as CaseFile;
  } catch {
    throw new ExhibitError('invalid-args', `${file}: data/case.json is not valid JSON`, file);
  }
  if (data.schema !== CASE_SCHEMA)
    throw new ExhibitError('invalid-args', `${file}: case.json is "${data.schema}", not ${CASE_SCHEMA}`, file);
  const docs = Documents.safeParse(data.documents);
  if (!docs.success) {
    const issue = docs.error.issues[0]!;
    const where = ['documents', ...issue.path].join('.');
    throw new ExhibitError('invalid-args', `${file}: case.json ${where}: ${issue.message}`, file);
  }
  return data;
}

export interface StageOptions {
  pool: ExtractionPool;
  actor: string;
  limits?: Partial<ZipLimits> | undefined;
}

/** Import the bundle's new documents through a staging folder; map every bundle document id to the case's. */
export async function stageDocuments(
  store: CaseStore,
  file: string,
  data: CaseFile,
  verified: ZipEntryInfo[],
  opts: StageOptions,
  result: MergeResult,
  steps: JobSteps,
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  // Entry path -> the document it brings, chosen by the hashes the verify pass computed.
  const wanted = new Map<string, { doc: DocumentSummary; name: string }>();
  for (const d of data.documents) {
    const known = store.db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(d.sha256) as { id: string } | undefined;
    if (known) {
      map.set(d.documentId, known.id);
      result.documents.known++;
      continue;
    }
    const entry = verified.find((e) => e.path.startsWith('data/originals/') && e.sha256 === d.sha256);
    if (!entry) throw new ExhibitError('invalid-args', `The bundle has no original for "${d.title}"`, d.documentId);
    if (wanted.has(entry.path))
      throw new ExhibitError('invalid-args', `${file}: case.json lists the original of "${d.title}" twice`, d.documentId);
    wanted.set(entry.path, { doc: d, name: bagFileName(d.sha256, d.fileName) });
  }
  if (wanted.size === 0) return map;

  const staging = path.join(store.dir, `.staging-${randomUUID()}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    const saved = await readZip(file, { save: { dir: staging, name: (p) => wanted.get(p)?.name ?? null }, limits: opts.limits });
    const ids = new Map<string, string>();
    const titles = new Map<string, string>();
    for (const [entryPath, { doc }] of wanted) {
      const got = saved.find((e) => e.path === entryPath);
      if (!got?.file || got.sha256 !== doc.sha256)
        throw new ExhibitError(
          'invalid-args',
          `${file}: the original of "${doc.title}" changed after the bundle was verified`,
          file,
        );
      ids.set(got.file, doc.documentId);
      titles.set(got.file, doc.title);
    }
    const imported = await importPaths(store, [...ids.keys()], {
      pool: opts.pool,
      actor: opts.actor,
      documentIds: ids,
      onProgress: (p) =>
        steps.report('documents', p.filesDone, p.filesTotal, p.currentFile ? (titles.get(p.currentFile) ?? null) : null),
    });
    for (const r of imported) {
      if (r.status === 'failed')
        throw new ExhibitError('invalid-args', `A document in the bundle could not be imported: ${r.error}`, r.path);
      map.set(ids.get(r.path)!, r.documentId!);
      result.documents.added++;
    }
    // The bundle's title and provenance come along (the file name alone would lose them).
    const describe = store.db.prepare(
      'UPDATE documents SET title = ?, source = ?, obtained_from = ?, obtained_at = ?, collected_by = ?, notes = ? WHERE id = ?',
    );
    for (const { doc: d } of wanted.values()) {
      const p = d.provenance;
      describe.run(
        d.title,
        p.source ?? null,
        p.obtainedFrom ?? null,
        p.obtainedAt ?? null,
        p.collectedBy ?? null,
        p.notes ?? null,
        map.get(d.documentId)!,
      );
    }
    return map;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
