/**
 * What the index says under a document's title: its date and its provenance in short
 * (where it came from, from whom, when obtained), so two letters of one title are told
 * apart and a reader knows each one's origin without opening the case.
 */
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** "2024-03-01 · Ministry of Justice, from the claimant's counsel, obtained 2024-05-02"; "undated" when no date is known. */
export function documentDetail(d: DocumentSummary): string {
  const p = d.provenance;
  const has = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';
  const origin = [
    has(p.source) ? p.source.trim() : null,
    has(p.obtainedFrom) ? `from ${p.obtainedFrom.trim()}` : null,
    has(p.obtainedAt) && p.obtainedAt.trim() !== d.date ? `obtained ${p.obtainedAt.trim()}` : null,
  ].filter((x) => x !== null);
  return [d.date ?? 'undated', ...(origin.length ? [clip(origin.join(', '), 160)] : [])].join(' · ');
}
