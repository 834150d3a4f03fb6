/**
 * One service for the engine's long work: imports, bundle exports and imports, text
 * recognition. Each job has an id the window can cancel it by, and an AbortSignal its work
 * listens to (passed down into every call, as a cancellation token). A job that holds the
 * case (an import writing into it, a bundle written from it) keeps the case from being
 * switched away under it; background work that can stop and resume later (recognition,
 * whose queue is in the case database) does not, and is stopped when the case closes.
 */
import { ExhibitError } from '../../../shared/errors.ts';

export interface JobOptions {
  /** The id the window cancels it by; a job without one cannot be cancelled by id. */
  id?: string | undefined;
  /** What the job is, as a reviewer would name it ("an import"): said when it holds the case. */
  what: string;
  /** Whether the case may not be switched while it runs. */
  holdsCase: boolean;
}

interface Running {
  what: string;
  holdsCase: boolean;
  controller: AbortController;
}

export class JobService {
  private readonly running = new Map<string | symbol, Running>();

  /** Run `work` as a job; fails at once when a job with the same id is running. */
  async run<T>(opts: JobOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (opts.id !== undefined && this.running.has(opts.id))
      throw new ExhibitError('invalid-args', `A job with id ${opts.id} is already running`, opts.id);
    const key = opts.id ?? Symbol(opts.what);
    const controller = new AbortController();
    this.running.set(key, { what: opts.what, holdsCase: opts.holdsCase, controller });
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(key);
    }
  }

  /** Cancel the job with this id; false when none runs. */
  cancel(id: string): boolean {
    const job = this.running.get(id);
    job?.controller.abort();
    return job !== undefined;
  }

  /** What holds the case now, each named once ("an import", "a bundle job"). */
  holdingCase(): string[] {
    return [...new Set([...this.running.values()].filter((j) => j.holdsCase).map((j) => j.what))];
  }
}
