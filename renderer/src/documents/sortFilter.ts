/** Sorting and filtering the document list: pure functions, so the table stays a view. */
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';

export type SortKey = 'title' | 'kind' | 'pages' | 'importedAt' | 'source';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

// Numeric collation puts "Exhibit 2" before "Exhibit 10", as a reviewer reads them.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const compare: Record<SortKey, (a: DocumentSummary, b: DocumentSummary) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  kind: (a, b) => a.kind.localeCompare(b.kind),
  pages: (a, b) => a.pages - b.pages,
  importedAt: (a, b) => a.importedAt.localeCompare(b.importedAt),
  // Documents without a source sort last whichever way the column runs.
  source: (a, b) => collator.compare(a.provenance.source ?? '\uffff', b.provenance.source ?? '\uffff'),
};

/** A sorted copy; ties keep title order so the list never shuffles between renders. */
export function sortDocuments(docs: readonly DocumentSummary[], sort: Sort): DocumentSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...docs].sort((a, b) => sign * compare[sort.key](a, b) || compare.title(a, b));
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Documents whose title, file name or provenance contain every word of `filter`. */
export function filterDocuments(docs: readonly DocumentSummary[], filter: string): DocumentSummary[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...docs];
  return docs.filter((d) => {
    const p = d.provenance;
    const hay = fold([d.title, d.fileName, d.kind, p.source, p.obtainedFrom, p.obtainedAt, p.collectedBy, p.notes].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** The sort a header click asks for: the same column flips, a new one starts in its natural order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'importedAt' || key === 'pages' ? 'desc' : 'asc' };
}
