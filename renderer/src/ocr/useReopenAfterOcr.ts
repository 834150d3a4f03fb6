/**
 * The open document shows its new reading once a re-run of it finishes: the viewer opens it
 * again at the page the reviewer is on, since the words selected and highlighted on a scan
 * are part of the PDF the viewer loaded (documents/viewable.ts) and only a new load brings
 * the new ones. Documents read in the background on import are left as they are shown.
 */
import { useEffect, useRef } from 'react';
import { onEvent } from '../api.ts';
import { onOcrRequested } from './changes.ts';

export function useReopenAfterOcr(caseDir: string | null, openId: string | null, reopen: () => void): void {
  const waiting = useRef(new Set<string>());
  const latest = useRef({ openId, reopen });
  useEffect(() => {
    latest.current = { openId, reopen };
  });
  useEffect(() => onOcrRequested((documentId) => void waiting.current.add(documentId)), []);
  useEffect(
    () =>
      onEvent('ocr.progress', (p) => {
        if (p.case !== caseDir || p.done !== p.total || !waiting.current.delete(p.documentId)) return;
        if (latest.current.openId === p.documentId) latest.current.reopen();
      }),
    [caseDir],
  );
}
