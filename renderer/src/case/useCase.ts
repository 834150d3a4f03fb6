/**
 * The open case: its facts, its documents and the recent-cases list, and the ways to
 * open another (a folder, a new case, the sample). Each case has its own undo history,
 * whose steps belong to the case they were made in; `generation` tells the views that
 * another case is open, and the workspace starts afresh for it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo, DocumentSummary, ResultOf } from '../../../shared/ipc/contract.ts';
import { ApiError, call } from '../api.ts';
import { selectUndoHistory } from '../undo/undo.ts';

export type RecentCase = ResultOf<'case.recent'>[number];

export interface CaseState {
  info: CaseInfo | null;
  documents: DocumentSummary[] | null;
  recent: RecentCase[] | null;
  /** The last load failed (the reason went to `report`); the UI must not look merely slow. */
  failed: boolean;
  /** Bumped whenever another case is opened, so views tied to the old one reset. */
  generation: number;
  refresh(): Promise<void>;
  /** Open the case at `path`; false when it could not be opened (reported). */
  open(path: string): Promise<boolean>;
  /** Ask the host for a folder, then open or create a case there. */
  choose(purpose: 'open' | 'create'): Promise<void>;
  openSample(): Promise<void>;
  /** Read the recent-cases list again (folders may have moved). */
  reloadRecent(): Promise<void>;
  /** The host opened another case itself (File > Recent Cases): reload everything. */
  switched(restored?: boolean): Promise<void>;
  /** A case that failed to open because its database is damaged (its backups can restore it). */
  damaged: DamagedCase | null;
  /** Restore the damaged case from the named backup and open it; rejects with the reason when that fails. */
  restore(backup: string): Promise<void>;
  dismissDamaged(): void;
}

export interface DamagedCase {
  path: string;
  message: string;
}

const load = () => Promise.all([call('case.info', {}), call('documents.list', {})]);

/** Load case facts and documents; failures go to `report`. */
export function useCase(report: (err: unknown) => void): CaseState {
  const [info, setInfo] = useState<CaseInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [recent, setRecent] = useState<RecentCase[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [damaged, setDamaged] = useState<DamagedCase | null>(null);

  const loadRecent = useCallback(async () => {
    try {
      setRecent(await call('case.recent', {}));
    } catch (err) {
      report(err);
    }
  }, [report]);

  /** Load the case's facts and documents; resolves to the facts, or null when that failed (reported). */
  const reload = useCallback(async (): Promise<CaseInfo | null> => {
    try {
      const [nextInfo, nextDocuments] = await load();
      setInfo(nextInfo);
      setDocuments(nextDocuments);
      setFailed(false);
      return nextInfo;
    } catch (err) {
      setFailed(true);
      report(err);
      return null;
    }
  }, [report]);
  const refresh = useCallback(async () => void (await reload()), [reload]);

  useEffect(() => {
    // An answer arriving after unmount (StrictMode's first pass) is dropped.
    let live = true;
    Promise.all([load(), call('case.recent', {}).catch(() => null)]).then(
      ([[nextInfo, nextDocuments], nextRecent]) => {
        if (!live) return;
        selectUndoHistory(nextInfo.path);
        setInfo(nextInfo);
        setDocuments(nextDocuments);
        setRecent(nextRecent ?? []);
        setFailed(false);
      },
      (err: unknown) => {
        if (!live) return;
        setFailed(true);
        report(err);
      },
    );
    return () => {
      live = false;
    };
  }, [report]);

  /**
   * After the engine has switched: the old case's views go and its history is put away,
   * then the new case loads with its own (`restored`: the case was just restored from a
   * backup, and the history it had no longer describes it).
   */
  const switched = useCallback(
    async (restored = false) => {
      selectUndoHistory(null);
      setInfo(null);
      setDocuments(null);
      setGeneration((g) => g + 1);
      const [next] = await Promise.all([reload(), loadRecent()]);
      if (next) selectUndoHistory(next.path, restored);
    },
    [reload, loadRecent],
  );

  const run = useCallback(
    async (step: () => Promise<unknown>): Promise<boolean> => {
      try {
        await step();
      } catch (err) {
        // A damaged case is not a dead end: the reviewer is offered its latest backup.
        if (err instanceof ApiError && err.code === 'case-damaged' && err.subject) {
          setDamaged({ path: err.subject, message: err.message });
        } else report(err);
        await loadRecent(); // a case that failed to open may now show as missing
        return false;
      }
      await switched();
      return true;
    },
    [report, loadRecent, switched],
  );

  const open = useCallback((path: string) => run(() => call('case.open', { path })), [run]);
  const openSample = useCallback(async () => void (await run(() => call('case.openSample', {}))), [run]);
  const choose = useCallback(
    async (purpose: 'open' | 'create') => {
      let paths: string[];
      try {
        paths = await call('dialog.chooseCaseFolder', { purpose });
      } catch (err) {
        report(err);
        return;
      }
      const path = paths[0];
      if (!path) return; // the reviewer cancelled the dialog
      await run(() => call(purpose === 'open' ? 'case.open' : 'case.create', { path }));
    },
    [report, run],
  );

  const restore = useCallback(
    async (backup: string) => {
      if (!damaged) return;
      // Failures are thrown to the dialog, which shows them where the reviewer is looking.
      await call('case.restoreBackup', { path: damaged.path, backup });
      setDamaged(null);
      await switched(true);
    },
    [damaged, switched],
  );
  const dismissDamaged = useCallback(() => setDamaged(null), []);

  return {
    info,
    documents,
    recent,
    failed,
    generation,
    refresh,
    reloadRecent: loadRecent,
    switched,
    open,
    choose,
    openSample,
    damaged,
    restore,
    dismissDamaged,
  };
}
