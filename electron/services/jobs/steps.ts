/**
 * Progress and cancellation for the long bundle jobs (export, import): each step says
 * where it is, and asks between steps whether the reviewer has cancelled.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { BundlePhase, BundleProgress } from '../../../shared/ipc/contract.ts';

export type StepProgress = Omit<BundleProgress, 'jobId'>;

export interface JobSteps {
  /** Say which step is running and how far it has got. */
  report(phase: BundlePhase, done: number, total: number, item?: string | null): void;
  /** Throw the 'cancelled' error if the job was cancelled; call it between steps. */
  check(): void;
  /** Something the reviewer should know that does not stop the job (a character a rendition cannot draw). */
  warn(message: string): void;
  signal: AbortSignal | undefined;
}

/** The error a cancelled step throws; the job turns it into its own message. */
export const cancelledError = (what = 'the job'): ExhibitError => new ExhibitError('cancelled', `${what} was cancelled`);

/** Throw the 'cancelled' error when `signal` has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** Steps reporting to `onProgress` and checking `signal`; both may be absent. */
export function jobSteps(opts: {
  onProgress?: ((p: StepProgress) => void) | undefined;
  onWarning?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}): JobSteps {
  return {
    report: (phase, done, total, item = null) => opts.onProgress?.({ phase, done, total, item }),
    check: () => throwIfCancelled(opts.signal),
    warn: (message) => opts.onWarning?.(message),
    signal: opts.signal,
  };
}

/** Steps that report nothing and cannot be cancelled. */
export const silentSteps: JobSteps = jobSteps({});
