/**
 * Reading a case's queued pages in the background (queue.ts), a few at a time through the
 * worker pool's recognition lane, telling the window page by page. Each page is stored as
 * soon as it is read, so it is searchable at once and nothing is lost if the app stops:
 * the next open of the case goes on from the pages still queued. The app carries on
 * meanwhile; the command line waits for it (idle).
 */
import type { EventName, EventOf } from '../../../shared/ipc/contract.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { CaseStore } from '../case/case.ts';
import { blobPath } from '../case/blobs.ts';
import { readShared } from '../ingest/files.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { OcrPage } from '../../../shared/ocr.ts';
import { auditOcrFinished, failOcrPage, nextQueued, storeOcrPage, type QueuedPage } from './queue.ts';

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/** Pages are drawn for reading at this resolution (lowered for very large pages by the engine). */
export const OCR_DPI = 300;

export interface OcrRunner {
  /** Look at the queue again (pages were just queued, or a document resumed). */
  kick(): void;
  /** Resolves once no page waits (or the runner stopped). */
  idle(): Promise<void>;
  /** Stop after the pages being read; what is read stays, the rest waits in the queue. */
  stop(): void;
}

export interface OcrRunnerOptions {
  actor(): string;
  emit: Emit;
  /** Where language data is found: the app's own, then the reviewer's added packs. */
  dataDirs(): string[];
  /** Hears each page read or failed (the command line prints progress from it). */
  onPage?(progress: EventOf<'ocr.progress'>): void;
  /**
   * The password of an encrypted PDF (by its SHA-256) given in this session, at import or to
   * a re-run; held in memory only, never stored, so after a restart the reviewer gives it again.
   */
  password?(sha256: string): string | null;
}

export function runOcr(store: CaseStore, pool: WorkerPool, opts: OcrRunnerOptions): OcrRunner {
  const controller = new AbortController();
  const inFlight = new Set<string>();
  let waiters: (() => void)[] = [];
  // The file last read from, kept while its pages are read (a 1,000-page scan is read once, not per page).
  let held: { sha256: string; data: SharedArrayBuffer } | null = null;
  const dataOf = (sha256: string) => {
    if (held?.sha256 !== sha256) held = { sha256, data: readShared(blobPath(store.dir, sha256)) };
    return held.data;
  };

  const settle = () => {
    if (inFlight.size > 0) return;
    const done = waiters;
    waiters = [];
    held = null;
    for (const w of done) w();
  };

  const progress = (q: QueuedPage, failure: string | null) => {
    const counts = store.db
      .prepare(
        `SELECT count(*) AS total, sum(state != 'queued') AS done, (SELECT count(*) FROM ocr_pages WHERE state = 'queued') AS waiting,
           (SELECT title FROM documents WHERE id = ?) AS title
         FROM ocr_pages WHERE document_id = ?`,
      )
      .get(q.documentId, q.documentId) as { total: number; done: number; waiting: number; title: string };
    const event = { case: store.dir, documentId: q.documentId, page: q.page + 1, failure, ...counts };
    opts.emit('ocr.progress', event);
    opts.onPage?.(event);
    if (counts.done === counts.total) auditOcrFinished(store.db, q.documentId, opts.actor());
  };

  const readOne = async (q: QueuedPage) => {
    const key = `${q.documentId}:${q.page}`;
    inFlight.add(key);
    try {
      const ocr = await pool.run<OcrPage>(
        {
          type: 'ocr',
          key: q.kind === 'image' ? q.fileName : q.sha256,
          data: dataOf(q.sha256),
          source: q.kind === 'image' ? 'image' : 'pdf',
          page: q.page,
          password: q.kind === 'image' ? null : (opts.password?.(q.sha256) ?? null),
          languages: q.languages,
          dataDirs: opts.dataDirs(),
          dpi: OCR_DPI,
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      storeOcrPage(store.db, q.documentId, q.page, ocr, opts.actor());
      progress(q, null);
    } catch (err) {
      // Stopped (the case closed, the pool closed): the page stays queued for the next open.
      if (controller.signal.aborted || (err instanceof ExhibitError && err.code === 'cancelled')) return;
      if (!(err instanceof ExhibitError)) {
        process.stderr.write(`exhibit: reading page ${q.page + 1} of ${q.fileName} stopped: ${String(err)}\n`);
        return;
      }
      // An encrypted PDF read without its password (after a restart): say what brings the page back.
      const reason =
        err.code === 'password-required' || err.code === 'password-incorrect'
          ? `page ${q.page + 1} is in an encrypted PDF and ${err.code === 'password-required' ? 'its password was not given' : 'the password given is wrong'} in this session; run OCR on the document again with its password`
          : err.message;
      failOcrPage(store.db, q.documentId, q.page, reason);
      progress(q, reason);
    } finally {
      inFlight.delete(key);
    }
  };

  const pump = () => {
    if (controller.signal.aborted || store.readOnly) return settle();
    const room = pool.laneSize('ocr') - inFlight.size;
    const next = room > 0 ? nextQueued(store.db, room, inFlight) : [];
    for (const q of next) void readOne(q).then(pump);
    settle();
  };

  queueMicrotask(pump);
  return {
    kick: () => queueMicrotask(pump),
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        queueMicrotask(pump);
      }),
    stop: () => {
      controller.abort();
      settle();
    },
  };
}
