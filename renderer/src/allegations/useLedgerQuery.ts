/**
 * Read something from the ledger and keep it current: loaded now, and again whenever
 * allegations, links or highlights change anywhere in the window. Only the newest answer
 * is kept, so a slow read can never overwrite a fresher one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { onHighlightsChanged } from '../highlights/changes.ts';
import { onLedgerChanged } from './changes.ts';

export interface LedgerQuery<T> {
  data: T | null;
  reload(): void;
}

/** `load` should be memoised by the caller; a new `load` means a new question. */
export function useLedgerQuery<T>(load: (() => Promise<T>) | null, report: (err: unknown) => void): LedgerQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const ticket = useRef(0);
  const reload = useCallback(() => {
    if (!load) return;
    const mine = ++ticket.current;
    load().then(
      (value) => {
        if (mine === ticket.current) setData(value);
      },
      (err: unknown) => {
        if (mine === ticket.current) report(err);
      },
    );
  }, [load, report]);

  useEffect(() => {
    queueMicrotask(reload);
    const offLedger = onLedgerChanged(reload);
    const offHighlights = onHighlightsChanged(reload);
    return () => {
      offLedger();
      offHighlights();
    };
  }, [reload]);

  return { data: load ? data : null, reload };
}
