/**
 * In-document find (Ctrl+F): a query box with previous/next and a hit count. The bar
 * only reports what the reviewer asks; the PDF and text views do the finding.
 */
import { useEffect, useId, useRef, useState } from 'react';

export interface FindResult {
  /** 1-based index of the current match, 0 when none is selected. */
  current: number;
  total: number;
  /** Still counting (large documents). */
  pending: boolean;
}

export interface FindBarProps {
  result: FindResult | null;
  /** Search for `query`; `again` moves to the next (or previous) match of the same query. */
  onFind(query: string, opts: { again: boolean; previous: boolean }): void;
  onClose(): void;
}

/** The find bar; it takes focus when it appears. */
export function FindBar({ result, onFind, onClose }: FindBarProps) {
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);

  const step = (previous: boolean) => {
    if (query.trim()) onFind(query, { again: true, previous });
  };
  let status = '';
  if (query.trim() && result) {
    if (result.total === 0) status = result.pending ? 'Searching…' : 'No matches';
    else status = `${result.current || '–'} of ${result.total.toLocaleString()}${result.pending ? '…' : ''}`;
  }

  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <label htmlFor={id} className="visually-hidden">
        Find in document
      </label>
      <input
        id={id}
        ref={input}
        type="search"
        value={query}
        placeholder="Find in document"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          onFind(e.target.value, { again: false, previous: false });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        className="icon"
        onClick={() => step(true)}
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
      >
        ↑
      </button>
      <button type="button" className="icon" onClick={() => step(false)} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <button type="button" className="icon" onClick={onClose} aria-label="Close find" title="Close (Esc)">
        ×
      </button>
    </div>
  );
}
