/**
 * The engine's one pool of worker threads. Tasks come in kinds, and each kind runs in its
 * own lane of workers (a lane's workers load what that kind needs and nothing else):
 * text extraction with pdf.js (no canvas), and text recognition (rendering a page and
 * reading it with OCR). Each lane is sized to the machine's cores, each task has a time
 * budget and each worker a memory cap: a file that hangs or blows up costs its worker
 * (which is replaced) and fails that one task with a clear error.
 *
 * The cap is enforced by watching each busy worker's heap, not by V8's own limit alone:
 * when one allocation overshoots a worker's V8 limit (a hash table doubling to hundreds of
 * MB — a 3 KB PDF with a few huge CMaps does it), V8 aborts the whole process instead of
 * stopping the worker (nodejs/node#47224). So V8's limit sits well above the cap, and the
 * pool stops the worker once its heap passes the cap. Memory outside the heap (the typed
 * arrays a decoded stream lands in: a small PDF can inflate to gigabytes; a recognition
 * engine's WebAssembly memory) counts against the cap too, beyond what a worker of that
 * lane holds at rest and twice the input's own size (the shared input and a copy of it).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ExhibitError, type ErrorCode } from '../../../shared/errors.ts';
import { laneOf, type Lane, type WorkerRequest, type WorkerResponse } from './tasks.ts';

export interface LaneOptions {
  /** Workers in the lane at most. */
  size?: number;
  /** Time budget for one task (opening a PDF, one range of pages, reading one page). */
  taskTimeoutMs?: number;
  /** Memory cap per worker. */
  memoryMb?: number;
}

/** The extraction lane's options at the top level (as before lanes), the others by name. */
export interface PoolOptions extends LaneOptions {
  ocr?: LaneOptions;
}

export const MIN_MEMORY_MB = 32;
/** V8's limit is the cap plus this: room for the largest single allocations (strings and arrays top out near 1 GB). */
const HEAP_HEADROOM_MB = 1024;
const MEMORY_CHECK_MS = 100;
const MB = 1024 * 1024;

/** What differs between lanes: the script, defaults, and how their failures are named. */
interface LaneSpec {
  /** The worker script's name beside this module (.ts from source, .mjs in a build). */
  script: string;
  /** What the lane's workers do, for messages ("extraction took longer than…"). */
  noun: string;
  defaults: { size: number; taskTimeoutMs: number; memoryMb: number };
  /** Memory outside the heap that a worker holds at rest, with room to spare (measured). */
  externalAtRest: number;
  codes: { timeout: ErrorCode; memory: ErrorCode; crash: ErrorCode };
  /** What a cancelled task of the lane says (its work is part of that). */
  cancelled: string;
}

const cores = () => os.availableParallelism();
const LANES: Record<Lane, LaneSpec> = {
  extract: {
    script: 'pdf-worker',
    noun: 'extraction',
    defaults: { size: Math.min(cores(), 8), taskTimeoutMs: 120_000, memoryMb: 1024 },
    // ~20 MB measured with pdf.js loaded.
    externalAtRest: 64 * MB,
    codes: { timeout: 'extract-timeout', memory: 'extract-memory', crash: 'extract-crash' },
    cancelled: 'import cancelled',
  },
  ocr: {
    script: 'ocr-worker',
    noun: 'text recognition',
    // Reading a page takes seconds of one core; more workers than cores only share them.
    defaults: { size: Math.min(cores(), 4), taskTimeoutMs: 300_000, memoryMb: 1024 },
    // The recognition engine's WebAssembly memory and its language data, plus pdf.js and a canvas.
    externalAtRest: 192 * MB,
    codes: { timeout: 'ocr-timeout', memory: 'ocr-memory', crash: 'ocr-crash' },
    cancelled: 'text recognition cancelled',
  },
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Task = DistributiveOmit<WorkerRequest, 'taskId'>;
interface Pending {
  task: Task;
  lane: Lane;
  resolve(v: unknown): void;
  reject(e: Error): void;
  signal: AbortSignal | undefined;
}
interface Slot {
  lane: Lane;
  worker: Worker;
  /** The input the worker opened last (it keeps that one open). */
  key: string | null;
  busy: Pending | null;
  taskId: number;
  timer: NodeJS.Timeout | null;
  /** Checks the busy worker's heap against the cap. */
  watch: NodeJS.Timeout | null;
}
interface LaneState {
  spec: LaneSpec;
  size: number;
  timeoutMs: number;
  memoryMb: number;
}

/** A lane's worker script next to this module: .ts when run from source, .mjs in a build. */
function workerUrl(script: string): URL {
  const here = import.meta.url;
  const url = new URL(here.endsWith('.ts') ? `./${script}.ts` : `./${script}.mjs`, here);
  // In a packaged app the workers are unpacked beside the asar archive: a thread loads real files.
  return new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'));
}

function laneState(spec: LaneSpec, opts: LaneOptions | undefined): LaneState {
  return {
    spec,
    size: Math.max(1, opts?.size ?? spec.defaults.size),
    timeoutMs: opts?.taskTimeoutMs ?? spec.defaults.taskTimeoutMs,
    // Below ~32 MB V8 cannot even set up a worker's heap and aborts the whole process.
    memoryMb: Math.max(MIN_MEMORY_MB, opts?.memoryMb ?? spec.defaults.memoryMb),
  };
}

export class WorkerPool {
  /** Workers of the extraction lane at most (extraction splits a PDF into this many shares and more). */
  readonly size: number;
  private readonly lanes: Record<Lane, LaneState>;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.lanes = { extract: laneState(LANES.extract, opts), ocr: laneState(LANES.ocr, opts.ocr) };
    this.size = this.lanes.extract.size;
  }

  /** How many workers a lane runs at most (how many of its tasks are worth having in flight). */
  laneSize(lane: Lane): number {
    return this.lanes[lane].size;
  }

  /** Run one task on the next free worker of its lane. */
  run<T>(task: Task, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    const lane = laneOf(task.type);
    if (signal?.aborted) return Promise.reject(this.cancelled(lane));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { task, lane, resolve: resolve as (v: unknown) => void, reject, signal };
      signal?.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Stop every worker; queued tasks and those in flight fail (and their budget and memory timers stop). */
  async close(): Promise<void> {
    this.closed = true;
    const closed = () => new Error('the worker pool was closed');
    for (const p of this.queue.splice(0)) p.reject(closed());
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.busy) this.finish(s).reject(closed());
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private abort(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      p.reject(this.cancelled(p.lane));
      return;
    }
    const slot = this.slots.find((s) => s.busy === p);
    // A cancelled task's worker is stopped: its document may be huge and the result is unwanted.
    if (slot) this.fail(slot, this.cancelled(p.lane));
  }

  private pump(): void {
    for (const lane of Object.keys(this.lanes) as Lane[]) this.pumpLane(lane);
  }

  private pumpLane(lane: Lane): void {
    const { size } = this.lanes[lane];
    const waiting = () => this.queue.filter((q) => q.lane === lane);
    const own = () => this.slots.filter((s) => s.lane === lane);
    // Start every worker as soon as there is work: loading pdf.js (or the recognition engine) takes
    // a worker a while, and a PDF's page ranges only arrive once its first task (opening it) is
    // done, by which time the other workers should be ready rather than only then starting to load.
    while (waiting().length > 0 && own().length < size) this.spawn(lane);
    for (;;) {
      const queued = waiting();
      if (queued.length === 0) return;
      const slot = own().find((s) => s.busy === null);
      if (!slot) return;
      // Prefer work on the input this worker already has open: with two files in flight,
      // workers would otherwise alternate between them and parse each one again and again.
      const p = queued.find((q) => q.task.key === slot.key) ?? queued[0]!;
      this.queue.splice(this.queue.indexOf(p), 1);
      this.start(slot, p);
    }
  }

  private start(slot: Slot, p: Pending): void {
    const { timeoutMs, spec } = this.lanes[slot.lane];
    slot.key = p.task.key;
    slot.busy = p;
    slot.taskId = this.nextId++;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const budget = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 100) / 10} s`;
      this.fail(slot, new ExhibitError(spec.codes.timeout, `${spec.noun} took longer than its ${budget} budget and was stopped`));
    }, timeoutMs);
    slot.watch = this.watchMemory(slot, slot.taskId);
    slot.worker.postMessage({ ...p.task, taskId: slot.taskId } as WorkerRequest);
  }

  private spawn(lane: Lane): Slot {
    const { spec, memoryMb } = this.lanes[lane];
    const worker = new Worker(workerUrl(spec.script), {
      // A 16 MB young generation instead of 64 MB: workers share the app's RSS, and the bench
      // measured ~90 MB less peak RSS on a 1,000-page import at no measurable cost in time.
      resourceLimits: { maxOldGenerationSizeMb: memoryMb + HEAP_HEADROOM_MB, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { lane, worker, key: null, busy: null, taskId: 0, timer: null, watch: null };
    worker.unref();
    worker.on('message', (res: WorkerResponse) => {
      if (!slot.busy || res.taskId !== slot.taskId) return;
      const p = this.finish(slot);
      if (res.ok) p.resolve(res.value);
      else p.reject(new ExhibitError(res.code as ErrorCode, res.message, res.subject ?? null));
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(
        slot,
        oom ? this.outOfMemory(lane) : new ExhibitError(spec.codes.crash, `the ${spec.noun} worker crashed (${err.message})`),
      );
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot))
        this.fail(slot, new ExhibitError(spec.codes.crash, `the ${spec.noun} worker stopped unexpectedly`));
    });
    this.slots.push(slot);
    return slot;
  }

  private cancelled(lane: Lane): ExhibitError {
    return new ExhibitError('cancelled', this.lanes[lane].spec.cancelled);
  }

  private outOfMemory(lane: Lane): ExhibitError {
    const { spec, memoryMb } = this.lanes[lane];
    return new ExhibitError(spec.codes.memory, `${spec.noun} ran out of memory (limit ${memoryMb} MB) and was stopped`);
  }

  /** Poll the worker's heap while task `taskId` runs (heap statistics are answered even mid-parse). */
  private watchMemory(slot: Slot, taskId: number): NodeJS.Timeout {
    const { memoryMb, spec } = this.lanes[slot.lane];
    const cap = memoryMb * MB;
    const timer = setInterval(() => {
      slot.worker.getHeapStatistics().then(
        (s) => {
          if (!slot.busy || slot.taskId !== taskId) return;
          const input = slot.busy.task.data.byteLength;
          const outside = Math.max(0, s.external_memory - spec.externalAtRest - 2 * input);
          if (s.used_heap_size + outside > cap) this.fail(slot, this.outOfMemory(slot.lane));
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
