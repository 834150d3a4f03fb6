/**
 * A keyboard caret in the pages, so a passage can be selected (and highlighted with H,
 * linked with L) without a mouse. With the keyboard in the pages, the arrow keys move a
 * caret drawn over the text — by character, Ctrl by word, up and down by line, Home and
 * End to the line's ends — and with Shift they extend the selection from it; Escape
 * clears it. The first arrow key puts the caret at the first line in view (or where it
 * last was); a search hit arrives selected. The selection is the browser's own, so
 * everything that reads a mouse selection reads this one the same way.
 */
import { useEffect, useRef, useState } from 'react';
import { caretBox, move, type CaretBox, type Unit } from './moves.ts';
import { readStream, type PageText, type TextStream } from './text-stream.ts';

export interface CaretOptions {
  /** The pages' text on screen, in reading order. */
  pages(): PageText[];
  /** A <br> ends a line (PDF text layers); else lines are where the text wraps. */
  lineBreaks: boolean;
}

/** Where the caret bar is drawn, in the scroller's content coordinates. */
export interface CaretBar {
  left: number;
  top: number;
  height: number;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const SAY_MAX = 160;

function unitOf(e: KeyboardEvent): { unit: Unit; dir: 1 | -1 } | null {
  const word = isMac ? e.altKey : e.ctrlKey;
  switch (e.key) {
    case 'ArrowLeft':
      return { unit: word ? 'word' : 'character', dir: -1 };
    case 'ArrowRight':
      return { unit: word ? 'word' : 'character', dir: 1 };
    case 'ArrowUp':
      return { unit: 'line', dir: -1 };
    case 'ArrowDown':
      return { unit: 'line', dir: 1 };
    case 'Home':
      return { unit: 'line-edge', dir: -1 };
    case 'End':
      return { unit: 'line-edge', dir: 1 };
    default:
      return null;
  }
}

/** The pages to read around `page`: it and its neighbours, so a move can cross a page end. */
function around(all: PageText[], page: number): PageText[] {
  const k = all.findIndex((p) => p.page === page);
  return k < 0 ? all.slice(0, 3) : all.slice(Math.max(0, k - 1), k + 2);
}

const quoted = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > SAY_MAX ? `${t.slice(0, SAY_MAX)}…` : t;
};

/**
 * Drive a caret in `scroller` (the pages' scroll box, focusable). Returns where to draw
 * the caret bar (null when none shows) and a sentence for a polite live region.
 */
export function useTextCaret(scroller: React.RefObject<HTMLElement | null>, opts: CaretOptions) {
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const [bar, setBar] = useState<CaretBar | null>(null);
  const [said, setSaid] = useState('');
  // Shown only once the keyboard moved the caret; a click in the text shows no bar.
  const active = useRef(false);
  const goal = useRef<CaretBox | null>(null);
  // Where the caret was (page and offset into that page's text), for the next key after the selection went.
  const last = useRef<{ page: number; offset: number } | null>(null);

  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    const inPages = (node: Node | null) => !!node && root.contains(node);

    const drawBar = () => {
      const sel = window.getSelection();
      if (!active.current || document.activeElement !== root || !sel || sel.rangeCount === 0) {
        setBar(null);
        return;
      }
      if (!sel.isCollapsed || !inPages(sel.focusNode)) {
        setBar(null);
        return;
      }
      const page = pageOf(sel.focusNode);
      const all = latest.current.pages();
      const stream = readStream(around(all, page ?? all[0]?.page ?? 1), latest.current.lineBreaks);
      const at = stream.offsetOf(sel.focusNode!, sel.focusOffset);
      const b = at === null ? null : caretBox(stream, at);
      if (!b) {
        setBar(null);
        return;
      }
      const box = root.getBoundingClientRect();
      setBar({
        left: b.x - box.left - root.clientLeft + root.scrollLeft,
        top: b.top - box.top - root.clientTop + root.scrollTop,
        height: Math.max(8, b.bottom - b.top),
      });
    };

    const place = (stream: TextStream): number => {
      const box = root.getBoundingClientRect();
      const inView = (i: number) => {
        const b = caretBox(stream, i);
        return !!b && b.top >= box.top && b.bottom <= box.bottom;
      };
      const remembered = last.current;
      const pageRoot = remembered && stream.pages.find((p) => p.page === remembered.page)?.root;
      const base = pageRoot ? stream.offsetOf(pageRoot, 0) : null;
      if (remembered && base !== null && inView(base + remembered.offset)) return base + remembered.offset;
      if (stream.lineStarts) return stream.lineStarts.find(inView) ?? 0;
      // Wrapped text: the line at the top of the view, found on screen.
      for (const p of stream.pages) {
        const r = p.root.getBoundingClientRect();
        if (r.bottom <= box.top || r.top >= box.bottom) continue;
        const hit = document.caretPositionFromPoint(r.left + 1, Math.max(r.top, box.top) + 4);
        const at = hit ? stream.offsetOf(hit.offsetNode, hit.offset) : null;
        if (at === null) continue;
        const start = move(stream, at, 'line-edge', -1, null).offset;
        // A line cut by the top edge is not in view: the next one is.
        return inView(start) ? start : move(stream, start, 'line', 1, null).offset;
      }
      return 0;
    };

    const keepInView = (b: CaretBox) => {
      const box = root.getBoundingClientRect();
      const margin = 24;
      if (b.top < box.top + margin) root.scrollTop -= box.top + margin - b.top;
      else if (b.bottom > box.bottom - margin) root.scrollTop += b.bottom - (box.bottom - margin);
      if (b.x < box.left + margin) root.scrollLeft -= box.left + margin - b.x;
      else if (b.x > box.right - margin) root.scrollLeft += b.x - (box.right - margin);
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const sel = window.getSelection();
      if (!sel) return;
      if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
        if (sel.rangeCount === 0 || sel.isCollapsed || !inPages(sel.focusNode)) return;
        e.preventDefault();
        sel.collapseToEnd();
        active.current = true;
        setSaid('Selection cleared.');
        drawBar();
        return;
      }
      const step = unitOf(e);
      // Ctrl+Up/Down, Alt+arrows (history) and Meta combinations keep their own meaning.
      if (!step || e.metaKey || (step.unit !== 'word' && (e.ctrlKey || e.altKey))) return;
      const all = latest.current.pages();
      if (all.length === 0) return;
      e.preventDefault();
      active.current = true;

      const hasCaret = sel.rangeCount > 0 && inPages(sel.focusNode) && inPages(sel.anchorNode);
      const page = hasCaret ? pageOf(sel.focusNode) : visiblePage(root, all);
      const stream = readStream(around(all, page ?? all[0]!.page), latest.current.lineBreaks);
      const focusAt = hasCaret ? stream.offsetOf(sel.focusNode!, sel.focusOffset) : null;
      const anchorAt = hasCaret ? stream.offsetOf(sel.anchorNode!, sel.anchorOffset) : null;

      let anchor: number;
      let focus: number;
      if (focusAt === null || anchorAt === null) {
        // No caret yet: show one where reading starts, without moving it.
        anchor = focus = place(stream);
        goal.current = null;
        setSaid('Text caret at the first line in view. Arrow keys move it; with Shift they select; H highlights.');
      } else {
        const from =
          e.shiftKey || anchorAt === focusAt ? focusAt : step.dir > 0 ? Math.max(anchorAt, focusAt) : Math.min(anchorAt, focusAt);
        const moved =
          !e.shiftKey && anchorAt !== focusAt && step.unit === 'character'
            ? { offset: from, goal: null }
            : move(stream, from, step.unit, step.dir, step.unit === 'line' ? goal.current : null);
        goal.current = moved.goal;
        focus = moved.offset;
        anchor = e.shiftKey ? anchorAt : focus;
        const lo = Math.min(anchor, focus);
        const hi = Math.max(anchor, focus);
        setSaid(
          anchor !== focus
            ? `Selected: ${quoted(stream.text.slice(lo, hi))}`
            : quoted(sayAt(stream, focus, step.unit)) || 'Blank',
        );
      }
      const a = stream.point(anchor);
      const f = stream.point(focus);
      sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
      const b = caretBox(stream, focus);
      if (b) keepInView(b);
      const p = stream.pageAt(focus);
      const pageRoot = stream.pages.find((x) => x.page === p)?.root;
      const base = pageRoot ? stream.offsetOf(pageRoot, 0) : null;
      if (base !== null) last.current = { page: p, offset: focus - base };
      drawBar();
    };
    const onPointer = () => {
      active.current = false;
      goal.current = null;
      setBar(null);
    };
    const onFocusChange = () => drawBar();
    root.addEventListener('keydown', onKey);
    root.addEventListener('pointerdown', onPointer);
    root.addEventListener('focus', onFocusChange);
    root.addEventListener('blur', onFocusChange);
    document.addEventListener('selectionchange', onFocusChange);
    return () => {
      root.removeEventListener('keydown', onKey);
      root.removeEventListener('pointerdown', onPointer);
      root.removeEventListener('focus', onFocusChange);
      root.removeEventListener('blur', onFocusChange);
      document.removeEventListener('selectionchange', onFocusChange);
    };
  }, [scroller]);

  return { bar, said };
}

/** What to read out after a move: the character, the word or the line the caret reached. */
function sayAt(stream: TextStream, i: number, unit: Unit): string {
  const { text } = stream;
  if (unit === 'character')
    return text[i] === undefined || text[i] === '\n' ? 'End of line' : text[i] === ' ' ? 'Space' : text[i]!;
  if (unit === 'word') {
    const m = /^\S*/.exec(text.slice(i));
    return (
      m?.[0] ||
      text
        .slice(Math.max(0, i - 40), i)
        .split(/\s/)
        .at(-1) ||
      ''
    );
  }
  const start = text.lastIndexOf('\n', i - 1) + 1;
  const end = text.indexOf('\n', i);
  return text.slice(start, end < 0 ? text.length : end);
}

/** The page number of the page holding `node`. */
function pageOf(node: Node | null): number | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  const holder = el?.closest<HTMLElement>('[data-page-number], [data-body]');
  const n = Number(holder?.dataset.pageNumber ?? holder?.dataset.body);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The first page whose text reaches into the scroller's view. */
function visiblePage(root: HTMLElement, pages: PageText[]): number | null {
  const box = root.getBoundingClientRect();
  const seen = pages.find((p) => {
    const r = p.root.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
  return seen?.page ?? null;
}
