/**
 * The links of one document's highlights, with each allegation's code, for the viewer's
 * sidebar and the highlight popup ("A2 · supports"). Reloaded whenever the ledger changes.
 */
import { useCallback, useMemo } from 'react';
import type { Stance } from '../../../shared/ipc/allegation-schemas.ts';
import { call } from '../api.ts';
import { useLedgerQuery } from './useLedgerQuery.ts';

export interface HighlightLink {
  allegationId: string;
  code: string;
  title: string;
  stance: Stance;
}

const NONE: HighlightLink[] = [];

export function useHighlightLinks(
  documentId: string,
  report: (err: unknown) => void,
): { of(highlightId: string): HighlightLink[] } {
  const load = useCallback(() => Promise.all([call('links.list', { documentId }), call('allegations.list', {})]), [documentId]);
  const { data } = useLedgerQuery(load, report);
  const byHighlight = useMemo(() => {
    const map = new Map<string, HighlightLink[]>();
    if (!data) return map;
    const [links, allegations] = data;
    for (const l of links) {
      const a = allegations.find((x) => x.allegationId === l.allegationId);
      if (!a) continue;
      const entry = { allegationId: a.allegationId, code: a.code, title: a.title, stance: l.stance };
      map.set(l.highlightId, [...(map.get(l.highlightId) ?? []), entry]);
    }
    return map;
  }, [data]);
  const of = useCallback((highlightId: string) => byHighlight.get(highlightId) ?? NONE, [byHighlight]);
  return useMemo(() => ({ of }), [of]);
}
