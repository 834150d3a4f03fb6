/**
 * A pool of extraction worker threads, sized to the machine's cores. Each task has a
 * time budget and each worker a memory cap: a PDF that hangs or blows up costs its
 * worker (which is replaced) and fails that one task with a clear error.
 *
 * The cap is enforced by watching each busy worker's heap, not by V8's own limit alone:
 * when one allocation overshoots a worker's V8 limit (a hash table doubling to hundreds of
 * MB — a 3 KB PDF with a few huge CMaps does it), V8 aborts the whole process instead of
 * stopping the worker (nodejs/node#47224). So V8's limit sits well above the cap, and the
 * pool stops the worker once its heap passes the cap. Memory outside the heap (the typed
 * arrays a decoded stream lands in: a small PDF can inflate to gigabytes) counts against
 * the cap too, beyond what a worker holds at rest and twice the PDF's own size (the shared
 * input and pdf.js's copy of it).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ExhibitError, type ErrorCode } from '../../../shared/errors.ts';
import type { WorkerRequest, WorkerResponse } from './extracted.ts';

export interface PoolOptions {
  size?: number;
  /** Time budget for one task (opening a PDF, or one range of pages). */
  taskTimeoutMs?: number;
  /** Heap cap per worker. */
  memoryMb?: number;
}

export const MIN_MEMORY_MB = 32;
/** V8's limit is the cap plus this: room for the largest single allocations (strings and arrays top out near 1 GB). */
const HEAP_HEADROOM_MB = 1024;
const MEMORY_CHECK_MS = 100;
/** Memory outside the heap that a worker with pdf.js loaded holds before any task (~20 MB measured), with room to spare. */
const EXTERNAL_AT_REST = 64 * 1024 * 1024;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Task = DistributiveOmit<WorkerRequest, 'taskId'>;
interface Pending {
  task: Task;
  resolve(v: unknown): void;
  reject(e: Error): void;
  signal: AbortSignal | undefined;
}
interface Slot {
  worker: Worker;
  /** The document the worker parsed last (it keeps that one open). */
  key: string | null;
  busy: Pending | null;
  taskId: number;
  timer: NodeJS.Timeout | null;
  /** Checks the busy worker's heap against the cap. */
  watch: NodeJS.Timeout | null;
}

/** The worker script next to this module: .ts when run from source, .mjs in a build. */
function workerUrl(): URL {
  const here = import.meta.url;
  const url = new URL(here.endsWith('.ts') ? './pdf-worker.ts' : './pdf-worker.mjs', here);
  // In a packaged app the worker is unpacked beside the asar archive: a thread loads real files.
  return new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'));
}

export class ExtractionPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(os.availableParallelism(), 8));
    this.timeoutMs = opts.taskTimeoutMs ?? 120_000;
    // Below ~32 MB V8 cannot even set up a worker's heap and aborts the whole process.
    this.memoryMb = Math.max(MIN_MEMORY_MB, opts.memoryMb ?? 1024);
  }

  /** Run one task on the next free worker. */
  run<T>(task: Task, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the extraction pool is closed'));
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { task, resolve: resolve as (v: unknown) => void, reject, signal };
      signal?.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Stop every worker; queued tasks and those in flight fail (and their budget and memory timers stop). */
  async close(): Promise<void> {
    this.closed = true;
    const closed = () => new Error('the extraction pool was closed');
    for (const p of this.queue.splice(0)) p.reject(closed());
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.busy) this.finish(s).reject(closed());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private abort(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      p.reject(cancelled());
      return;
    }
    const slot = this.slots.find((s) => s.busy === p);
    // A cancelled task's worker is stopped: its document may be huge and the result is unwanted.
    if (slot) this.fail(slot, cancelled());
  }

  private pump(): void {
    // Start every worker as soon as there is work: loading pdf.js takes a worker a few hundred
    // ms, and a PDF's page ranges only arrive once its first task (opening it) is done, by which
    // time the other workers should be ready rather than only then starting to load.
    while (this.queue.length > 0 && this.slots.length < this.size) this.spawn();
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.busy === null);
      if (!slot) return;
      // Prefer work on the document this worker already has open: with two files in flight,
      // workers would otherwise alternate between them and parse each one again and again.
      const own = this.queue.findIndex((q) => q.task.key === slot.key);
      const p = this.queue.splice(own >= 0 ? own : 0, 1)[0]!;
      slot.key = p.task.key;
      slot.busy = p;
      slot.taskId = this.nextId++;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        const budget = this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 100) / 10} s`;
        this.fail(slot, new ExhibitError('extract-timeout', `extraction took longer than its ${budget} budget and was stopped`));
      }, this.timeoutMs);
      slot.watch = this.watchMemory(slot, slot.taskId);
      slot.worker.postMessage({ ...p.task, taskId: slot.taskId } as WorkerRequest);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerUrl(), {
      // A 16 MB young generation instead of 64 MB: workers share the app's RSS, and the bench
      // measured ~90 MB less peak RSS on a 1,000-page import at no measurable cost in time.
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb + HEAP_HEADROOM_MB, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, key: null, busy: null, taskId: 0, timer: null, watch: null };
    worker.unref();
    worker.on('message', (res: WorkerResponse) => {
      if (!slot.busy || res.taskId !== slot.taskId) return;
      const p = this.finish(slot);
      if (res.ok) p.resolve(res.value);
      else p.reject(new ExhibitError(res.code as ErrorCode, res.message));
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(
        slot,
        oom ? this.outOfMemory() : new ExhibitError('extract-crash', `the extraction worker crashed (${err.message})`),
      );
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot))
        this.fail(slot, new ExhibitError('extract-crash', 'the extraction worker stopped unexpectedly'));
    });
    this.slots.push(slot);
    return slot;
  }

  private outOfMemory(): ExhibitError {
    return new ExhibitError('extract-memory', `extraction ran out of memory (limit ${this.memoryMb} MB) and was stopped`);
  }

  /** Poll the worker's heap while task `taskId` runs (heap statistics are answered even mid-parse). */
  private watchMemory(slot: Slot, taskId: number): NodeJS.Timeout {
    const cap = this.memoryMb * 1024 * 1024;
    const timer = setInterval(() => {
      slot.worker.getHeapStatistics().then(
        (s) => {
          if (!slot.busy || slot.taskId !== taskId) return;
          const outside = Math.max(0, s.external_memory - EXTERNAL_AT_REST - 2 * slot.busy.task.data.byteLength);
          if (s.used_heap_size + outside > cap) this.fail(slot, this.outOfMemory());
        },
        () => undefined, // the worker is gone already; its exit handler reports why
      );
    }, MEMORY_CHECK_MS);
    timer.unref();
    return timer;
  }

  private finish(slot: Slot): Pending {
    const p = slot.busy!;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.watch) clearInterval(slot.watch);
    slot.timer = null;
    slot.watch = null;
    slot.busy = null;
    slot.worker.unref();
    return p;
  }

  /** Fail the slot's task, throw the worker away and carry on with a fresh one. */
  private fail(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const p = slot.busy ? this.finish(slot) : null;
    void slot.worker.terminate();
    p?.reject(err);
    if (!this.closed) this.pump();
  }
}

const cancelled = () => new ExhibitError('cancelled', 'import cancelled');
