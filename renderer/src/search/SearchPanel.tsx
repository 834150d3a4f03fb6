/**
 * Case-wide search: a query box (Enter runs it) and ranked page hits grouped by
 * document. Clicking a hit (or Enter on it) asks the app to open that page with the
 * matched words painted.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SearchResponse } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { SearchResults } from './SearchResults.tsx';
import './search.css';

const PAGE_SIZE = 50;

/** A search hit to open: the document, its 1-based page and the words to paint there. */
export interface OpenHit {
  documentId: string;
  page: number;
  terms: string[];
}

export function SearchPanel({
  report,
  inputRef,
  onOpenHit,
}: {
  report: (err: unknown) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onOpenHit?(hit: OpenHit): void;
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
        <span className="muted pane-hint">
          <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>F</kbd>
        </span>
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
          aria-keyshortcuts="Control+Shift+F"
        />
      </form>
      <div className="search-body" aria-busy={busy}>
        {response && <SearchResults response={response} onOpenHit={onOpenHit} />}
        {!response && !busy && <p className="empty">Search every page of every document. Quote a phrase to match it exactly.</p>}
      </div>
    </section>
  );
}
