/**
 * One export or bundle import at a time, named by a fresh job id: its latest
 * bundle.progress event, and the id to pass to the engine (and to bundle.cancel).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BundleProgress } from '../../../shared/ipc/contract.ts';
import { onEvent } from '../api.ts';

export interface BundleJob {
  /** The running job's id, or null. */
  jobId: string | null;
  /** Its latest progress (null before the first event). */
  progress: BundleProgress | null;
  /** Start following a new job; returns its id. */
  begin(): string;
  /** Stop following it. */
  end(): void;
}

export function useBundleJob(): BundleJob {
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  // Set at once (not after a render), so the first event of a job that starts now is not missed.
  const current = useRef<string | null>(null);
  useEffect(
    () =>
      onEvent('bundle.progress', (p) => {
        if (p.jobId === current.current) setProgress(p);
      }),
    [],
  );
  const begin = useCallback(() => {
    const id = crypto.randomUUID();
    current.current = id;
    setJobId(id);
    setProgress(null);
    return id;
  }, []);
  const end = useCallback(() => {
    current.current = null;
    setJobId(null);
  }, []);
  return { jobId, progress, begin, end };
}
