/** The open case and its document list, reloaded on demand (after an import). */
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';

export interface CaseState {
  info: CaseInfo | null;
  documents: DocumentSummary[] | null;
  /** The last load failed (the reason went to `report`); the UI must not look merely slow. */
  failed: boolean;
  refresh(): Promise<void>;
}

const load = () => Promise.all([call('case.info', {}), call('documents.list', {})]);

/** Load case facts and documents; failures go to `report`. */
export function useCase(report: (err: unknown) => void): CaseState {
  const [info, setInfo] = useState<CaseInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [nextInfo, nextDocuments] = await load();
      setInfo(nextInfo);
      setDocuments(nextDocuments);
      setFailed(false);
    } catch (err) {
      setFailed(true);
      report(err);
    }
  }, [report]);

  useEffect(() => {
    // An answer arriving after unmount (StrictMode's first pass) is dropped.
    let live = true;
    load().then(
      ([nextInfo, nextDocuments]) => {
        if (!live) return;
        setInfo(nextInfo);
        setDocuments(nextDocuments);
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

  return { info, documents, failed, refresh };
}
