/**
 * The highlights of one document, in reading order: colour, page, quote, note and
 * anchor state. Anchor problems come first, so nothing moved or lost goes unnoticed.
 */
import type { Highlight } from './model.ts';
import { anchorProblems } from './model.ts';

export interface HighlightsPanelProps {
  list: Highlight[] | null;
  selectedId: string | null;
  onSelect(h: Highlight): void;
}

const pageOf = (h: Highlight) => h.targets[0]?.page ?? 0;
const startOf = (h: Highlight) => h.targets[0]?.position.start ?? 0;

export function HighlightsPanel({ list, selectedId, onSelect }: HighlightsPanelProps) {
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
            return (
              <li key={h.highlightId}>
                <button
                  type="button"
                  className={`hl-item${h.highlightId === selectedId ? ' selected' : ''}`}
                  aria-current={h.highlightId === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(h)}
                >
                  <span className={`hl-chip hl-${h.color}`} aria-label={`${h.color} highlight`} />
                  <span className="hl-body">
                    <span className="hl-meta">
                      p. {pages.join('–')}
                      {h.label && <span className="hl-label">{h.label}</span>}
                      {states.has('orphaned') && <span className="badge badge-error">Not found</span>}
                      {states.has('drifted') && <span className="badge badge-warn">Moved</span>}
                    </span>
                    <span className="hl-quote">{clip(h.quote, 240)}</span>
                    {h.note && <span className="hl-note">{h.note}</span>}
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
