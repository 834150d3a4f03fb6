/**
 * Viewer keys while a document is open: Ctrl+= / Ctrl+- / Ctrl+0 zoom, Ctrl+F opens
 * find, Ctrl+wheel over the pages zooms. The page's own browser zoom never moves.
 */
import { useEffect, useRef } from 'react';
import { zoomKey } from './zoom.ts';

export interface ViewerKeys {
  zoom?(change: 'in' | 'out' | 'reset'): void;
  find(): void;
  enabled: boolean;
}

export function useViewerKeys(container: React.RefObject<HTMLElement | null>, keys: ViewerKeys): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = latest.current;
      if (!k.enabled) return;
      const z = zoomKey(e);
      if (z && k.zoom) {
        e.preventDefault();
        k.zoom(z);
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        k.find();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const k = latest.current;
      if (!(e.ctrlKey || e.metaKey) || !k.enabled || !k.zoom) return;
      e.preventDefault();
      k.zoom(e.deltaY < 0 ? 'in' : 'out');
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [container]);
}
