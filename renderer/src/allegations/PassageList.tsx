/** Linked passages grouped by stance: quote, document, page, rationale, reviewer. Clicking one opens it. */
import type { LinkedPassage } from '../../../shared/ipc/allegation-schemas.ts';
import { shownTitle, type Titles } from '../documents/titles.ts';
import { unlinkHighlight } from './actions.ts';
import { STANCE_LABEL, STANCES } from './stances.ts';

export interface OpenPassage {
  documentId: string;
  page: number;
}

export function PassageList({
  passages,
  titles,
  showDocument,
  onOpen,
  report,
}: {
  passages: readonly LinkedPassage[];
  /** Display titles over the case (documents of one title told apart). */
  titles: Titles;
  showDocument: boolean;
  onOpen(p: OpenPassage): void;
  report(err: unknown): void;
}) {
  if (passages.length === 0) return <p className="empty">No passages linked yet.</p>;
  return (
    <div className="passages">
      {STANCES.map((stance) => {
        const group = passages.filter((p) => p.stance === stance);
        if (group.length === 0) return null;
        return (
          <section
            key={stance}
            className={`passage-group stance-${stance}`}
            aria-label={`${STANCE_LABEL[stance]} (${group.length})`}
          >
            <h4>
              <span className={`stance-tag stance-${stance}`}>{STANCE_LABEL[stance]}</span>{' '}
              <span className="muted">{group.length}</span>
            </h4>
            <ul>
              {group.map((p) => (
                <li key={`${p.highlightId}:${p.allegationId}`} className="passage">
                  <button
                    type="button"
                    className="passage-open"
                    onClick={() => onOpen({ documentId: p.documentId, page: p.page })}
                  >
                    <span className="passage-quote">“{p.quote}”</span>
                    <span className="passage-meta">
                      {showDocument && <span className="passage-doc">{shownTitle(titles, p.documentId, p.documentTitle)}</span>}
                      <span>p. {p.page}</span>
                      <span>{p.author}</span>
                    </span>
                    {p.rationale && <span className="passage-why">{p.rationale}</span>}
                  </button>
                  <button
                    type="button"
                    className="quiet icon"
                    aria-label={`Unlink “${p.quote.slice(0, 40)}”`}
                    onClick={() => void unlinkHighlight(p).catch(report)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
