/**
 * Page thumbnails in the sidebar. Only the thumbnails in view (and a few either side)
 * exist at all, so a 1,000-page document costs a dozen small canvases, not a thousand.
 * A listbox with one tab stop: arrows, Page Up/Down, Home and End move, Enter or Space
 * (or a click) goes to that page.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createThumbnailRenderer, isAborted, THUMB_BOX, type ThumbnailRenderer } from './thumbnail-render.ts';

export interface ThumbnailsProps {
  doc: PDFDocumentProxy | null;
  pages: number;
  /** The page the viewer shows (1-based). */
  current: number;
  labels: readonly (string | null)[] | null;
  rotation: number;
  onGoTo(page: number): void;
}

/** Every row is the same height, so the rows in view follow from the scroll position alone. */
const ROW = THUMB_BOX.height + 34;
const OVERSCAN = 2;

/** Scroll the least that brings row `page` fully into view. */
function reveal(el: HTMLElement | null, page: number): void {
  if (!el) return;
  const top = (page - 1) * ROW;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
}

export function Thumbnails(props: ThumbnailsProps) {
  const { doc } = props;
  if (!doc || props.pages === 0) return <p className="empty">Opening…</p>;
  return <ThumbnailList {...props} doc={doc} />;
}

function ThumbnailList({ doc, pages, current, labels, rotation, onGoTo }: ThumbnailsProps & { doc: PDFDocumentProxy }) {
  const scroller = useRef<HTMLDivElement>(null);
  const renderer = useMemo(() => createThumbnailRenderer(doc), [doc]);
  useEffect(() => () => renderer.destroy(), [renderer]);
  const [view, setView] = useState({ top: 0, height: 0 });
  // The row the keys move: the viewer's page until the reviewer moves within the list, and
  // again once focus leaves it, so the viewer never pulls the list from under the keys.
  const [chosen, setChosen] = useState<number | null>(null);
  const active = chosen ?? current;
  const inside = useRef(false);
  const list = useRef<HTMLDivElement>(null);
  const base = useId();

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    };
    setView({ top: el.scrollTop, height: el.clientHeight });
    el.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    if (!inside.current) reveal(scroller.current, current);
  }, [current]);

  const move = (to: number) => {
    const page = Math.min(Math.max(1, to), pages);
    setChosen(page);
    reveal(scroller.current, page);
  };
  const perScreen = Math.max(1, Math.floor(view.height / ROW));
  const onKeyDown = (e: KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + perScreen,
      PageUp: active - perScreen,
      Home: 1,
      End: pages,
    };
    if (e.key in steps) {
      e.preventDefault();
      move(steps[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onGoTo(active);
    }
  };

  const first = Math.max(1, Math.floor(view.top / ROW) + 1 - OVERSCAN);
  const last = Math.min(pages, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const shown: number[] = [];
  for (let n = first; n <= last; n++) shown.push(n);
  // The one tab stop must exist even when the reviewer has scrolled it out of view.
  if (active < first || active > last) shown.push(active);

  return (
    <div ref={scroller} className="thumbnails">
      {/* Focus stays on the list; the active row is named by aria-activedescendant, so rows
          can come and go as the list scrolls without ever taking focus away from the keys. */}
      <div
        ref={list}
        role="listbox"
        aria-label="Page thumbnails"
        aria-activedescendant={`${base}-${active}`}
        tabIndex={0}
        className="thumbnail-list"
        style={{ height: pages * ROW }}
        onKeyDown={onKeyDown}
        onFocus={() => (inside.current = true)}
        onBlur={() => {
          inside.current = false;
          setChosen(null);
        }}
      >
        {shown.map((n) => {
          const label = labels?.[n - 1] ?? String(n);
          return (
            <div
              key={n}
              id={`${base}-${n}`}
              role="option"
              aria-selected={n === current}
              aria-label={`Page ${label}`}
              className={n === active ? 'thumbnail active' : 'thumbnail'}
              style={{ top: (n - 1) * ROW, height: ROW }}
              onClick={() => {
                list.current?.focus();
                setChosen(n);
                onGoTo(n);
              }}
            >
              <Thumb renderer={renderer} page={n} rotation={rotation} />
              <span className="thumbnail-label" aria-hidden="true">
                {label}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One page's picture: drawn when it comes into being, the drawing cancelled if it goes first. */
function Thumb({ renderer, page, rotation }: { renderer: ThumbnailRenderer; page: number; rotation: number }) {
  // The canvas lives outside React (it comes from the renderer's cache), in a box React leaves empty.
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const stop = new AbortController();
    renderer.draw(page, rotation, stop.signal).then(
      (canvas) => {
        if (stop.signal.aborted) return;
        el.replaceChildren(canvas);
        el.dataset.drawn = 'true';
      },
      (err: unknown) => {
        if (!isAborted(err)) setFailed(true);
      },
    );
    return () => {
      stop.abort();
      // The canvas stays in the renderer's cache; it only leaves this box.
      el.replaceChildren();
      delete el.dataset.drawn;
    };
  }, [renderer, page, rotation]);
  return (
    <div className="thumbnail-image">
      {failed ? <span className="thumbnail-error">Page could not be drawn</span> : <div ref={box} className="thumbnail-canvas" />}
    </div>
  );
}
