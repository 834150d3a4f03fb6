/**
 * The right-hand column: case search or the allegation board, as two tabs. Both stay
 * mounted so a query or a filter survives switching; the hidden one is out of the way
 * of the keyboard and assistive technology. In a narrow window the column folds into a
 * drawer at the window's right edge (layout/Drawer.tsx).
 */
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { Drawer } from '../layout/Drawer.tsx';

export type SideTab = 'search' | 'allegations';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'search', label: 'Search' },
  { id: 'allegations', label: 'Allegations' },
];

export function SideColumn({
  tab,
  onTab,
  search,
  allegations,
  doneKey,
}: {
  tab: SideTab;
  onTab(t: SideTab): void;
  search: ReactNode;
  allegations: ReactNode;
  /** In a narrow window the column is a drawer; it closes when this changes. */
  doneKey?: unknown;
}) {
  const base = useId();
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = tab === 'search' ? 'allegations' : 'search';
    onTab(next);
    document.getElementById(`${base}-${next}`)?.focus();
  };
  return (
    <Drawer label="Search · Allegations" side="end" folds doneKey={doneKey}>
      <div className="side-column">
        <div className="side-tabs" role="tablist" aria-label="Side panel" onKeyDown={onKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`${base}-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`${base}-${t.id}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => onTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {TABS.map((t) => (
          <div
            key={t.id}
            id={`${base}-${t.id}-panel`}
            role="tabpanel"
            aria-labelledby={`${base}-${t.id}`}
            className="side-panel"
            hidden={tab !== t.id}
          >
            {t.id === 'search' ? search : allegations}
          </div>
        ))}
      </div>
    </Drawer>
  );
}
