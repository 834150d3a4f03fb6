/**
 * Importing files and folders into a case. Each file is read once, hashed, extracted
 * (PDFs in the worker pool), then stored — blob first, then one transaction for the
 * document, its pages and its audit row — so a failure or crash leaves no partial
 * document. Files are processed a few at a time; progress counts files and pages.
 */
import path from 'node:path';
import { diskFullError, ExhibitError, isDiskFull } from '../../../shared/errors.ts';
import type { ImportProgress, ImportResult, Provenance } from '../../../shared/ipc/contract.ts';
import { discardBlob, sha256Hex, sweepTempBlobs, writeBlob } from '../case/blobs.ts';
import type { CaseStore } from '../case/case.ts';
import { insertDocument } from '../documents/documents.ts';
import { setDocumentRemoved } from '../documents/removal.ts';
import type { ExtractedDocument } from './extracted.ts';
import { detectKind, expandPaths, readShared } from './files.ts';
import { extractPdf } from './pdf.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { extractImage } from './image/extract.ts';
import { extractText } from './text.ts';

export interface ImportOptions {
  pool: WorkerPool;
  actor: string;
  password?: string | undefined;
  provenance?: Provenance | undefined;
  signal?: AbortSignal | undefined;
  onProgress?(p: Omit<ImportProgress, 'jobId'>): void;
  /** Read scanned pages and images with these languages ("eng", "eng+fra"); omitted, they stay unread. */
  ocrLanguages?: string | undefined;
  /** Ids to give the documents made from these files (absolute path -> id), for bundle merges. */
  documentIds?: Map<string, string> | undefined;
}

const failed = (file: string, error: string, errorCode: string, sha256: string | null = null): ImportResult => ({
  path: file,
  status: 'failed',
  documentId: null,
  sha256,
  pages: null,
  error,
  errorCode,
});

/** Import every file named (folders recursively); one result per file, in order. */
export async function importPaths(store: CaseStore, paths: readonly string[], opts: ImportOptions): Promise<ImportResult[]> {
  const files = expandPaths(paths);
  try {
    sweepTempBlobs(store.dir);
  } catch {
    // Housekeeping only: a folder we cannot clean still gets its import, which reports real problems.
  }
  const results: ImportResult[] = new Array(files.length);
  // Links left alone are answered at once; only files to read count towards progress.
  const toRead: number[] = [];
  files.forEach(({ file, skipped }, i) => {
    if (skipped) results[i] = { ...failed(file, skipped.reason, skipped.code), status: 'skipped' as const };
    else toRead.push(i);
  });
  const progress = { filesDone: 0, filesTotal: toRead.length, pagesDone: 0, currentFile: null as string | null };
  const report = () => opts.onProgress?.({ ...progress });
  report();
  let next = 0;
  const lane = async () => {
    while (next < toRead.length) {
      const i = toRead[next++]!;
      const { file, missing } = files[i]!;
      progress.currentFile = file;
      report();
      results[i] = missing
        ? failed(file, `${file}: no such file or folder`, 'not-found')
        : await importOne(store, file, opts, (n) => {
            progress.pagesDone += n;
            report();
          });
      progress.filesDone++;
      report();
    }
  };
  // As many files in flight as workers, so big and small files overlap without unbounded memory.
  await Promise.all(Array.from({ length: Math.min(opts.pool.size, toRead.length) }, lane));
  progress.currentFile = null;
  report();
  return results;
}

async function importOne(
  store: CaseStore,
  file: string,
  opts: ImportOptions,
  onPages: (n: number) => void,
): Promise<ImportResult> {
  let sha256: string | null = null;
  try {
    if (opts.signal?.aborted) throw new ExhibitError('cancelled', 'import cancelled');
    const data = readShared(file);
    const bytes = new Uint8Array(data);
    sha256 = sha256Hex(bytes);
    const known = store.db.prepare('SELECT id, page_count, status FROM documents WHERE sha256 = ?').get(sha256) as
      { id: string; page_count: number; status: string } | undefined;
    // Importing a removed document again brings it back (its highlights with it).
    if (known?.status === 'removed') setDocumentRemoved(store.db, known.id, false, opts.actor);
    if (known)
      return {
        path: file,
        status: known.status === 'removed' ? 'imported' : 'duplicate',
        documentId: known.id,
        sha256,
        pages: known.page_count,
        error: null,
        errorCode: null,
      };
    const extracted = await extractFile(file, data, sha256, { ...opts, onPages });
    if (opts.signal?.aborted) throw new ExhibitError('cancelled', 'import cancelled');
    const wrote = writeBlob(store.dir, sha256, bytes);
    try {
      const { documentId, duplicate } = insertDocument(store.db, {
        sha256,
        id: opts.documentIds?.get(file),
        fileName: path.basename(file),
        size: bytes.length,
        extracted,
        provenance: opts.provenance ?? {},
        actor: opts.actor,
        ocrLanguages: opts.ocrLanguages,
      });
      return {
        path: file,
        status: duplicate ? 'duplicate' : 'imported',
        documentId,
        sha256,
        pages: extracted.pageCount,
        error: null,
        errorCode: null,
      };
    } catch (err) {
      if (wrote) discardBlob(store.dir, sha256);
      throw err;
    }
  } catch (caught) {
    // SQLite's SQLITE_FULL and the blob write's ENOSPC both mean the same to the reviewer.
    const err = isDiskFull(caught) ? diskFullError(store.dir, 'not imported', file) : caught;
    return failed(file, describe(file, err), err instanceof ExhibitError ? err.code : 'internal', sha256);
  }
}

/** Extract a file read with readShared (PDFs in the pool, text here), storing nothing. */
export async function extractFile(
  file: string,
  data: SharedArrayBuffer,
  sha256: string,
  opts: Pick<ImportOptions, 'pool' | 'password' | 'signal'> & { onPages(n: number): void },
): Promise<ExtractedDocument> {
  const bytes = new Uint8Array(data);
  const kind = detectKind(file, bytes);
  if (kind === 'text' || kind === 'image') {
    const extracted = kind === 'text' ? extractText(bytes, file) : await extractImage(bytes, file, opts.signal);
    opts.onPages(extracted.pageCount);
    return extracted;
  }
  return extractPdf(opts.pool, sha256, data, { password: opts.password ?? null, signal: opts.signal, onPages: opts.onPages });
}

/**
 * A one-line reason that names the file. It says what is wrong, not how a particular host
 * asks for the fix: the app offers a password prompt, the command line its --password.
 */
function describe(file: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.startsWith(file) ? message : `${file}: ${message}`;
}
