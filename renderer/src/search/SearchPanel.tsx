/** Full-text search over the case: a query box (Enter runs it) and ranked page hits. */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SearchResponse } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { Snippet } from './Snippet.tsx';
import './search.css';

const PAGE_SIZE = 50;

export function SearchPanel({
  report,
  inputRef,
}: {
  report: (err: unknown) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const [query, setQuery] = useState('');
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const inputId = useId();
  // Answers can arrive out of order when Enter is pressed twice; only the latest is shown.
  const latest = useRef(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) {
      setResponse(null);
      return;
    }
    const ticket = ++latest.current;
    setBusy(true);
    try {
      const res = await call('search.query', { query: q, limit: PAGE_SIZE });
      if (ticket === latest.current) setResponse(res);
    } catch (err) {
      if (ticket === latest.current) setResponse(null);
      report(err);
    } finally {
      if (ticket === latest.current) setBusy(false);
    }
  };

  return (
    <section className="pane pane-search" aria-labelledby={headingId}>
      <div className="pane-head">
        <h2 id={headingId}>Search</h2>
      </div>
      <form role="search" className="search-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="visually-hidden">
          Search the case
        </label>
        <input
          id={inputId}
          ref={inputRef}
          type="search"
          placeholder='Words or "a phrase" — Enter to search'
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          spellCheck={false}
          maxLength={1000}
        />
      </form>
      <div className="search-body" aria-busy={busy}>
        {response && <SearchResults response={response} />}
        {!response && !busy && <p className="empty">Search every page of every document. Quote a phrase to match it exactly.</p>}
      </div>
    </section>
  );
}

function SearchResults({ response }: { response: SearchResponse }) {
  const { total, results, note } = response;
  return (
    <>
      <p className="search-summary" role="status">
        {total === 0
          ? `No matches for “${response.query}”`
          : `${total.toLocaleString()} matching ${total === 1 ? 'page' : 'pages'}${total > results.length ? ` · showing first ${results.length}` : ''}`}
      </p>
      {note && <p className="search-note">{note}</p>}
      {results.length > 0 && (
        <ol className="hit-list" aria-label="Search results">
          {results.map((hit) => (
            <li key={`${hit.documentId}:${hit.page}`} className="hit">
              <div className="hit-head">
                <span className="hit-title">{hit.title}</span>
                <span className="hit-page">p. {hit.page}</span>
              </div>
              <Snippet text={hit.snippet} highlights={hit.highlights} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
