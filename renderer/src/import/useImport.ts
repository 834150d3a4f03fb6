/**
 * One import at a time: pick files or a folder through the host's dialog, start a job
 * with a fresh id, follow its progress events, cancel it, and keep the per-file results
 * (a retry with a password replaces only the results of the files it retried).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImportProgress, ImportResult } from '../../../shared/ipc/contract.ts';
import { call, onEvent } from '../api.ts';

export interface RunningImport {
  jobId: string;
  progress: ImportProgress | null;
  cancelling: boolean;
}

export interface ImportState {
  running: RunningImport | null;
  results: ImportResult[] | null;
  /** Files that failed only for want of a (correct) password. */
  needPassword: string[];
  pick(kind: 'files' | 'folder'): Promise<void>;
  /** Import paths the reviewer gave another way (dropped on the window). */
  importPaths(paths: string[]): Promise<void>;
  cancel(): Promise<void>;
  retryWithPassword(password: string): Promise<void>;
  dismiss(): void;
}

/** Files that failed only for want of a (correct) password. */
export const isPasswordFailure = (r: ImportResult) => r.errorCode === 'password-required' || r.errorCode === 'password-incorrect';

function mergeResults(previous: ImportResult[] | null, next: ImportResult[]): ImportResult[] {
  if (!previous) return next;
  const byPath = new Map(next.map((r) => [r.path, r]));
  return previous.map((r) => byPath.get(r.path) ?? r);
}

/** Import state and actions; `onFinished` runs after every job (to reload the document list). */
export function useImport(onFinished: () => Promise<void>, report: (err: unknown) => void): ImportState {
  const [running, setRunning] = useState<RunningImport | null>(null);
  const [results, setResults] = useState<ImportResult[] | null>(null);
  // The job id is needed synchronously by the event listener and to refuse a second start.
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    try {
      return onEvent('import.progress', (progress) => {
        if (progress.jobId !== jobRef.current) return;
        setRunning((r) => (r && r.jobId === progress.jobId ? { ...r, progress } : r));
      });
    } catch (err) {
      report(err);
      return undefined;
    }
  }, [report]);

  const run = useCallback(
    async (paths: string[], password: string | undefined, retry: boolean) => {
      if (jobRef.current || paths.length === 0) return;
      const jobId = crypto.randomUUID();
      jobRef.current = jobId;
      setRunning({ jobId, progress: null, cancelling: false });
      try {
        const next = await call('import.start', password === undefined ? { jobId, paths } : { jobId, paths, password });
        setResults((prev) => (retry ? mergeResults(prev, next) : next));
      } catch (err) {
        report(err);
      } finally {
        jobRef.current = null;
        setRunning(null);
        await onFinished();
      }
    },
    [onFinished, report],
  );

  const pick = useCallback(
    async (kind: 'files' | 'folder') => {
      if (jobRef.current) return;
      try {
        const paths = await call(kind === 'files' ? 'dialog.openFiles' : 'dialog.openFolder', {});
        await run(paths, undefined, false);
      } catch (err) {
        report(err);
      }
    },
    [run, report],
  );

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    if (!jobId) return;
    setRunning((r) => (r ? { ...r, cancelling: true } : r));
    try {
      await call('import.cancel', { jobId });
    } catch (err) {
      report(err);
    }
  }, [report]);

  const needPassword = useMemo(() => (results ?? []).filter(isPasswordFailure).map((r) => r.path), [results]);
  const retryWithPassword = useCallback((password: string) => run(needPassword, password, true), [run, needPassword]);
  const dismiss = useCallback(() => setResults(null), []);

  const importPaths = useCallback((paths: string[]) => run(paths, undefined, false), [run]);

  return { running, results, needPassword, pick, importPaths, cancel, retryWithPassword, dismiss };
}
