/**
 * The highlights of one document, in reading order: colour, page, quote, note and
 * anchor state. Anchor problems come first, so nothing moved or lost goes unnoticed.
 */
import { HIGHLIGHT_DRAG_TYPE } from '../allegations/drag.ts';
import type { HighlightLink } from '../allegations/useHighlightLinks.ts';
import type { Highlight } from './model.ts';
import { anchorProblems } from './model.ts';

export interface HighlightsPanelProps {
  list: Highlight[] | null;
  selectedId: string | null;
  onSelect(h: Highlight): void;
  /** The allegations each highlight is linked to, with the stance. */
  linksOf(highlightId: string): readonly HighlightLink[];
}

const pageOf = (h: Highlight) => h.targets[0]?.page ?? 0;
const startOf = (h: Highlight) => h.targets[0]?.position.start ?? 0;

export function HighlightsPanel({ list, selectedId, onSelect, linksOf }: HighlightsPanelProps) {
  if (!list) return <p className="empty">Loading highlights…</p>;
  const problems = anchorProblems(list);
  const sorted = [...list].sort((a, b) => pageOf(a) - pageOf(b) || startOf(a) - startOf(b));
  return (
    <div className="hl-panel">
      {problems.length > 0 && (
        <section className="anchor-problems" aria-label="Highlights needing review">
          <h3>
            {problems.length} {problems.length === 1 ? 'passage needs' : 'passages need'} review
          </h3>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.highlightId}:${i}`} className={`anchor-${p.state}`}>
                <span className={`badge ${p.state === 'orphaned' ? 'badge-error' : 'badge-warn'}`}>
                  {p.state === 'orphaned' ? 'Not found' : 'Moved'}
                </span>{' '}
                p. {p.page}
                {p.state === 'drifted' && p.nowOnPage !== null && <> → shown on p. {p.nowOnPage}</>}: “{clip(p.quote, 80)}”
              </li>
            ))}
          </ul>
        </section>
      )}
      {sorted.length === 0 ? (
        <p className="empty">
          No highlights yet. Select text, then press <kbd>H</kbd> or pick a colour.
        </p>
      ) : (
        <ol className="hl-list" aria-label="Highlights">
          {sorted.map((h) => {
            const states = new Set(h.targets.map((t) => t.anchor));
            const pages = [...new Set(h.targets.map((t) => t.page))];
            const links = linksOf(h.highlightId);
            const area = h.targets.some((t) => t.area !== null);
            return (
              <li key={h.highlightId}>
                <button
                  draggable
                  title="Drag onto an allegation to link it, or press L"
                  onDragStart={(e) => {
                    e.dataTransfer.setData(HIGHLIGHT_DRAG_TYPE, h.highlightId);
                    e.dataTransfer.effectAllowed = 'link';
                  }}
                  type="button"
                  className={`hl-item${h.highlightId === selectedId ? ' selected' : ''}`}
                  aria-current={h.highlightId === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(h)}
                >
                  <span className={`hl-chip hl-${h.color}`} aria-label={`${h.color} highlight`} />
                  <span className="hl-body">
                    <span className="hl-meta">
                      p. {pages.join('–')}
                      {area && <span className="hl-kind">Area</span>}
                      {h.label && <span className="hl-label">{h.label}</span>}
                      {states.has('orphaned') && <span className="badge badge-error">Not found</span>}
                      {states.has('drifted') && <span className="badge badge-warn">Moved</span>}
                    </span>
                    {h.quote ? (
                      <span className="hl-quote">{clip(h.quote, 240)}</span>
                    ) : (
                      // An area over a picture, a stamp or an unread scan quotes nothing: say where it is instead.
                      <span className="hl-quote hl-no-words">Area on page {pages[0]}</span>
                    )}
                    {h.note && <span className="hl-note">{h.note}</span>}
                    {links.length > 0 ? (
                      <span className="hl-links-line">
                        {links.map((l) => (
                          <span key={l.allegationId} className={`stance-tag stance-${l.stance}`} title={l.title}>
                            {l.code} {l.stance}
                          </span>
                        ))}
                      </span>
                    ) : (
                      <span className="hl-unlinked">Not linked</span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
