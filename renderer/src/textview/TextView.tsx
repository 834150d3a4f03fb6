/**
 * A plain-text document on screen: its pages (documents.page) in a readable column,
 * with the same selection, highlighting, find and search-term marks as a PDF. Offsets
 * map one to one onto the page text, so highlights need no layout.
 */
import { useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import type { TargetSpec } from '../../../shared/ipc/contract.ts';
import { call, messageOf } from '../api.ts';
import { CaretBar, CaretStatus } from '../caret/CaretParts.tsx';
import { textPageTexts } from '../caret/text-stream.ts';
import { useTextCaret } from '../caret/useTextCaret.ts';
import { trimRange } from '../highlights/text-spans.ts';
import { FindBar } from '../viewer/FindBar.tsx';
import { landOnHit } from '../viewer/land-on-hit.ts';
import { Sidebar } from '../viewer/Sidebar.tsx';
import type { DocumentViewProps, Surface } from '../viewer/surface.ts';
import { firstTerm } from '../viewer/terms.ts';
import { useViewerKeys } from '../viewer/useViewerKeys.ts';
import { TextPage } from './TextPage.tsx';
import { textOffset } from './paint-text.ts';
import { useTextFind } from './useTextFind.ts';
import './textview.css';

export type TextViewProps = DocumentViewProps;

const SIZES = [12, 13, 14, 15, 16, 18, 20, 24];

export function TextView(props: TextViewProps) {
  const { documentId, onPageChange } = props;
  const [pages, setPages] = useState<(string | null)[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [size, setSize] = useState(2);
  const [page, setPage] = useState(1);
  // The sidebar starts open only where the pages keep a readable width beside it.
  const [sidebarOpen, setSidebarOpen] = useState(() => window.innerWidth >= 1400);
  const [findOpen, setFindOpen] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const doc = await call('documents.get', { documentId });
        const texts: (string | null)[] = Array.from({ length: doc.pages }, () => null);
        if (live) setPages([...texts]);
        // A few pages at a time: the first screenful arrives at once, the rest follow.
        for (let i = 0; i < doc.pages && live; i += 8) {
          const batch = await Promise.all(
            texts.slice(i, i + 8).map((_, k) => call('documents.page', { documentId, page: i + k + 1 })),
          );
          batch.forEach((p, k) => (texts[i + k] = p.text));
          if (live) setPages([...texts]);
        }
      } catch (err) {
        if (live) setError(messageOf(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [documentId]);

  const sectionOf = (n: number) => scroller.current?.querySelector<HTMLElement>(`[data-page="${n}"]`) ?? null;
  const loaded = pages !== null && pages.every((p) => p !== null);

  // Opened at a page: scroll there once it has text; from a search hit, to its first marked word.
  const start = props.initialPage;
  const startText = pages?.[start - 1];
  const terms = props.searchTerms;
  useEffect(() => {
    const root = scroller.current;
    if (startText == null || !root) return;
    const body = root.querySelector(`.text-body[data-body="${start}"]`);
    if (terms.length > 0 && body && firstTerm(body)) landOnHit(root, () => firstTerm(body));
    else sectionOf(start)?.scrollIntoView({ block: 'start' });
  }, [start, startText, terms]);

  useEffect(() => {
    onPageChange?.(page);
  }, [page, onPageChange]);
  const onScroll = () => {
    const root = scroller.current;
    if (!root) return;
    const top = root.getBoundingClientRect().top + 8;
    for (const s of root.querySelectorAll<HTMLElement>('[data-page]')) {
      if (s.getBoundingClientRect().bottom > top) {
        setPage(Number(s.dataset.page));
        return;
      }
    }
  };

  useImperativeHandle(
    props.surface,
    (): Surface => ({
      async selectionTargets(given) {
        const sel = window.getSelection();
        const root = scroller.current;
        const range = given ?? (sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null);
        if (!range || range.collapsed || !root || !pages) return null;
        if (!root.contains(range.commonAncestorContainer)) return null;
        const targets: TargetSpec[] = [];
        for (const body of root.querySelectorAll<HTMLElement>('.text-body[data-body]')) {
          if (!range.intersectsNode(body)) continue;
          const n = Number(body.dataset.body);
          const text = pages[n - 1] ?? '';
          const s = body.contains(range.startContainer) ? textOffset(body, range.startContainer, range.startOffset) : 0;
          const e = body.contains(range.endContainer) ? textOffset(body, range.endContainer, range.endOffset) : text.length;
          const [a, b] = trimRange(text, s, e);
          if (b > a) targets.push({ page: n, start: a, end: b });
        }
        return targets.length > 0 ? targets : null;
      },
      reveal(n, _rect, offset) {
        const el = scroller.current?.querySelector<HTMLElement>(`.text-body[data-body="${n}"]`);
        const hit = [...(el?.querySelectorAll<HTMLElement>('.text-hl') ?? [])].find((s) => textOffset(el!, s, 0) >= offset);
        (hit ?? sectionOf(n))?.scrollIntoView({ block: 'center' });
      },
      goToPage(n) {
        sectionOf(n)?.scrollIntoView({ block: 'start' });
      },
    }),
    [pages],
  );

  const find = useTextFind(scroller, loaded, props.paints);
  const zoom = useCallback((change: 'in' | 'out' | 'reset') => {
    setSize((s) => (change === 'reset' ? 2 : Math.min(SIZES.length - 1, Math.max(0, s + (change === 'in' ? 1 : -1)))));
  }, []);
  useViewerKeys(scroller, { zoom, find: () => setFindOpen(true), enabled: true });
  const caret = useTextCaret(scroller, { pages: () => textPageTexts(scroller.current), lineBreaks: false });
  const caretHint = useId();

  const count = pages?.length ?? 0;
  return (
    <div className="viewer-frame">
      <div className="viewer-toolbar" role="toolbar" aria-label="Document">
        <button
          type="button"
          className="icon"
          aria-pressed={sidebarOpen}
          onClick={() => setSidebarOpen((o) => !o)}
          title="Sidebar"
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">Sidebar</span>
        </button>
        <span className="sep" />
        <span className="page-count">
          Page {page} of {count || '–'}
        </span>
        <span className="sep" />
        <button
          type="button"
          className="icon"
          onClick={() => zoom('out')}
          aria-label="Smaller text"
          title="Smaller text (Ctrl+−)"
        >
          −
        </button>
        <output className="zoom-value" aria-label="Text size">
          {SIZES[size]} px
        </output>
        <button type="button" className="icon" onClick={() => zoom('in')} aria-label="Larger text" title="Larger text (Ctrl+=)">
          +
        </button>
        <span className="sep" />
        <button
          type="button"
          className="icon"
          onClick={() => setFindOpen(true)}
          aria-label="Find in document"
          title="Find in document (Ctrl+F)"
        >
          <span aria-hidden="true">⌕</span>
        </button>
      </div>
      <div className="viewer-main">
        {sidebarOpen && <Sidebar tabs={[{ id: 'highlights', label: 'Highlights', content: props.highlightsPanel }]} />}
        <div className="viewer-stage">
          {findOpen && (
            <FindBar
              result={find.result}
              onFind={find.run}
              onClose={() => {
                setFindOpen(false);
                find.clear();
              }}
            />
          )}
          <div
            ref={scroller}
            className="text-scroller"
            tabIndex={0}
            role="region"
            aria-label="Pages"
            aria-describedby={caretHint}
            style={{ fontSize: SIZES[size] }}
            onScroll={onScroll}
            onClick={(e) => {
              const sel = window.getSelection();
              if (sel && !sel.isCollapsed) return;
              const id = (e.target as HTMLElement).closest<HTMLElement>('.text-hl')?.dataset.highlightId;
              if (id) props.onHighlightClick(id, { x: e.clientX, y: e.clientY });
            }}
          >
            {error && (
              <p className="viewer-status viewer-error" role="alert">
                {error}
              </p>
            )}
            {!pages && !error && <p className="viewer-status">Opening…</p>}
            {pages?.map((text, i) => (
              <TextPage
                key={i}
                page={i + 1}
                text={text}
                paints={props.paints.get(i + 1) ?? null}
                selectedId={props.selectedId}
                terms={props.searchTerms}
              />
            ))}
            <CaretBar bar={caret.bar} />
          </div>
          <CaretStatus hintId={caretHint} said={caret.said} />
        </div>
      </div>
    </div>
  );
}
