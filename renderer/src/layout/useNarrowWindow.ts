/**
 * Whether the window is narrow: too narrow for the document list, the document and the side
 * column side by side. There the side panes fold into drawers (Drawer.tsx) and the top bar
 * moves what does not fit into a menu. layout.css and the top bar's styles use the same width.
 */
import { useSyncExternalStore } from 'react';

export const NARROW_WINDOW = '(max-width: 1000px)';

const query = () => window.matchMedia(NARROW_WINDOW);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** True while the window is at most 1000 CSS pixels wide. */
export function useNarrowWindow(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches);
}
