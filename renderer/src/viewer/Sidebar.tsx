/** The viewer's sidebar: tabs (highlights, outline) over one scrolling panel. */
import { useId, useState, type ReactNode } from 'react';

export interface SidebarTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function Sidebar({ tabs }: { tabs: readonly SidebarTab[] }) {
  const [active, setActive] = useState(tabs[0]?.id ?? '');
  const base = useId();
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <aside className="viewer-sidebar" aria-label="Document sidebar">
      {tabs.length > 1 && (
        <div className="sidebar-tabs" role="tablist" aria-label="Sidebar views">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${base}-${t.id}`}
              aria-selected={t.id === current?.id}
              aria-controls={`${base}-panel`}
              onClick={() => setActive(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      <div
        className="sidebar-panel"
        role={tabs.length > 1 ? 'tabpanel' : undefined}
        id={`${base}-panel`}
        aria-labelledby={tabs.length > 1 ? `${base}-${current?.id}` : undefined}
      >
        {current?.content}
      </div>
    </aside>
  );
}
