/**
 * Search hits grouped by document, in rank order of each document's best hit. The list
 * stays flat (one item per hit) so a screen reader counts hits; the first hit of each
 * document carries the document's heading.
 */
import type { SearchHit, SearchResponse } from '../../../shared/ipc/contract.ts';
import type { OpenHit } from './SearchPanel.tsx';
import { Snippet } from './Snippet.tsx';

interface Group {
  documentId: string;
  title: string;
  hits: SearchHit[];
}

/** Group hits by document, keeping the engine's ranking: groups by first appearance, hits in order. */
export function groupHits(hits: readonly SearchHit[]): Group[] {
  const byDoc = new Map<string, Group>();
  for (const hit of hits) {
    let group = byDoc.get(hit.documentId);
    if (!group) byDoc.set(hit.documentId, (group = { documentId: hit.documentId, title: hit.title, hits: [] }));
    group.hits.push(hit);
  }
  return [...byDoc.values()];
}

/**
 * The words to paint on the opened page: what the engine matched in this snippet (so a
 * prefix query paints "surveillance", not "surveil"), each once.
 */
export function hitTerms(hit: SearchHit): string[] {
  const terms = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).trim()).filter((t) => t.length > 0);
  return [...new Set(terms)];
}

export function SearchResults({ response, onOpenHit }: { response: SearchResponse; onOpenHit?(hit: OpenHit): void }) {
  const { total, results, note } = response;
  const groups = groupHits(results);
  return (
    <>
      <p className="search-summary" role="status">
        {total === 0
          ? `No matches for “${response.query}”`
          : `${total.toLocaleString()} matching ${total === 1 ? 'page' : 'pages'}${total > results.length ? ` · showing first ${results.length}` : ''}`}
      </p>
      {note && <p className="search-note">{note}</p>}
      {groups.length > 0 && (
        <ol className="hit-list" aria-label="Search results">
          {groups.flatMap((group) =>
            group.hits.map((hit, i) => (
              <li key={`${hit.documentId}:${hit.page}`} className={i === 0 ? 'hit hit-first' : 'hit'}>
                {i === 0 && (
                  <h3 className="hit-doc" title={group.title}>
                    <span className="hit-title">{group.title}</span>
                    <span className="hit-count">
                      {group.hits.length} {group.hits.length === 1 ? 'page' : 'pages'}
                    </span>
                  </h3>
                )}
                <button
                  type="button"
                  className="hit-open"
                  onClick={() => onOpenHit?.({ documentId: hit.documentId, page: hit.page, terms: hitTerms(hit) })}
                >
                  <span className="hit-page">p. {hit.page}</span>
                  <Snippet text={hit.snippet} highlights={hit.highlights} />
                </button>
              </li>
            )),
          )}
        </ol>
      )}
    </>
  );
}
