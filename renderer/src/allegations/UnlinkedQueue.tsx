/** Highlights not yet tied to any allegation: the reviewer's to-do list. Each opens or links from here. */
import { useState } from 'react';
import { call } from '../api.ts';
import { shownTitle, type Titles } from '../documents/titles.ts';
import { LinkPicker } from './LinkPicker.tsx';
import type { OpenPassage } from './PassageList.tsx';
import { useLedgerQuery } from './useLedgerQuery.ts';

const loadUnlinked = () => call('highlights.unlinked', {});

export function UnlinkedQueue({
  titles,
  report,
  onOpen,
  notify,
}: {
  /** Display titles over the case's documents; a document not among them was removed. */
  titles: Titles;
  report(err: unknown): void;
  onOpen(p: OpenPassage): void;
  notify(message: string): void;
}) {
  const { data } = useLedgerQuery(loadUnlinked, report);
  const [linking, setLinking] = useState<{ highlightId: string; at: { x: number; y: number } } | null>(null);
  if (!data) return <p className="empty">Loading highlights…</p>;
  if (data.length === 0) return <p className="empty">Every highlight is linked to at least one allegation.</p>;
  const titleOf = (id: string) => shownTitle(titles, id, 'Removed document');
  return (
    <>
      <p className="queue-count muted">
        {data.length} {data.length === 1 ? 'highlight is' : 'highlights are'} not linked to any allegation.
      </p>
      <ul className="queue" aria-label="Unlinked highlights">
        {data.map((h) => {
          const page = h.targets[0]?.page ?? 1;
          return (
            <li key={h.highlightId} className="queue-item">
              <span className={`hl-chip hl-${h.color}`} aria-hidden="true" />
              <span className="queue-body">
                <span className="passage-quote">“{h.quote}”</span>
                <span className="passage-meta">
                  <span className="passage-doc">{titleOf(h.documentId)}</span>
                  <span>p. {page}</span>
                  <span>{h.author}</span>
                </span>
              </span>
              <span className="queue-actions">
                <button type="button" className="small" onClick={() => onOpen({ documentId: h.documentId, page })}>
                  Open
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    setLinking({ highlightId: h.highlightId, at: { x: r.left, y: r.bottom } });
                  }}
                >
                  Link…
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {linking && (
        <LinkPicker
          highlightId={linking.highlightId}
          at={linking.at}
          report={report}
          onClose={() => setLinking(null)}
          onLinked={(link, a) => notify(`Linked the passage to ${a.code}: ${link.stance}.`)}
        />
      )}
    </>
  );
}
