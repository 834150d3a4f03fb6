/**
 * The Area tool: highlight a rectangle of a page rather than a run of text, so a stamp, a
 * signature, a figure or a scan without text can be marked and linked like a passage.
 * A (or the toolbar button) turns it on. Then a drag on a page draws the rectangle; or,
 * with the keyboard in the pages, an arrow key puts one in the middle of the view, the
 * arrows move it, Shift with the arrows resizes it (Ctrl for single points) and Enter
 * takes it. Either way the viewer's new-highlight popup opens for it. Escape drops the
 * rectangle; A again turns the tool off. Each step is said in a polite live region.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTextField } from '../shortcuts/keymap.ts';
import {
  describeRect,
  MIN_SIDE,
  nudge,
  rectBetween,
  shownSize,
  toAreaSpec,
  type Arrow,
  type AreaSpec,
  type ShownRect,
} from '../../../shared/anchoring/drawn-area.ts';
import { keepInView, pageUnder, pointOn, rectInMiddle, type AreaPage } from './on-screen.ts';
import { clearDrafts, paintDraft } from './paint-draft.ts';
import './area.css';

export interface AreaToolOptions {
  /** The document is open and drawn. */
  enabled: boolean;
  /** The page with this 1-based number, once pdf.js has loaded it. */
  page(n: number): AreaPage | null;
  /** The page the toolbar names: where the keyboard's rectangle goes when the middle of the view falls between pages. */
  currentPage: number;
  /** The view's turn: a rectangle drawn under one turn means nothing under another. */
  rotation: number;
  /** A rectangle was taken (open the popup there), or the taken one was dropped (null). */
  onArea(change: { target: AreaSpec; at: { x: number; y: number } } | null): void;
  /** The popup for the taken rectangle is open. */
  held: boolean;
}

export interface AreaTool {
  on: boolean;
  toggle(): void;
  /** The latest sentence for the live region. */
  said: string;
  /** pdf.js drew page `n` anew (and dropped our outline with its other children): draw it again. */
  repaint(n: number, div: HTMLElement): void;
}

interface Draft {
  page: number;
  rect: ShownRect;
}

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);
/** Points an arrow key moves the rectangle; with Ctrl, one point. */
const STEP = 10;
const HOW = 'Arrow keys move it, Shift with arrow keys resizes it, Enter highlights it, Escape drops it.';

/** Drive the Area tool over the pages in `scroller`. */
export function useAreaTool(scroller: React.RefObject<HTMLElement | null>, opts: AreaToolOptions): AreaTool {
  const [on, setOn] = useState(false);
  const [said, setSaid] = useState('');
  const latest = useRef({ ...opts, on });
  useEffect(() => {
    latest.current = { ...opts, on };
  });
  const draft = useRef<Draft | null>(null);
  // The rectangle whose popup is open: when the popup goes, so does its outline (unless a new one was begun).
  const taken = useRef<Draft | null>(null);
  const drag = useRef<{ page: number; from: { x: number; y: number }; pointer: number } | null>(null);
  // A drag ends with a click on whatever lies under the pointer; that click must not open a highlight there.
  const dragged = useRef(false);
  // The pages' scroll box, as the listeners below were attached to it.
  const pages = useRef<HTMLElement | null>(null);

  const paint = useCallback(() => {
    const root = pages.current;
    if (!root) return;
    const d = draft.current;
    const p = d ? latest.current.page(d.page) : null;
    clearDrafts(root, p?.div ?? null);
    if (d && p) paintDraft(p.div, d.rect, shownSize(p.viewport), taken.current === d);
  }, []);

  const drop = useCallback(() => {
    const wasTaken = taken.current !== null && taken.current === draft.current;
    draft.current = null;
    taken.current = null;
    drag.current = null;
    paint();
    if (wasTaken) latest.current.onArea(null);
  }, [paint]);

  const take = useCallback(() => {
    const d = draft.current;
    const p = d ? latest.current.page(d.page) : null;
    if (!d || !p) return;
    taken.current = d;
    paint();
    const box = p.div.getBoundingClientRect();
    const size = shownSize(p.viewport);
    const across = (p.div.clientWidth / size.width) * (d.rect.x + d.rect.width / 2);
    const down = (p.div.clientHeight / size.height) * (d.rect.y + d.rect.height);
    latest.current.onArea({
      target: toAreaSpec(d.page, d.rect, p.viewport, p.filed),
      at: { x: box.left + p.div.clientLeft + across, y: box.top + p.div.clientTop + down },
    });
  }, [paint]);

  // Read and written here as well as rendered, so two presses before a render still alternate.
  const isOn = useRef(false);
  const turn = useCallback((next: boolean) => {
    if (isOn.current === next) return;
    isOn.current = next;
    setOn(next);
    setSaid(
      next
        ? 'Area tool on. Drag a rectangle on a page, or with the keyboard in the pages press an arrow key to place one.'
        : 'Area tool off.',
    );
  }, []);
  const toggle = useCallback(() => turn(!isOn.current), [turn]);

  // Off means no rectangle; a turned view means the rectangle no longer covers what it did.
  useEffect(() => {
    if (!on) drop();
  }, [on, drop]);
  useEffect(() => drop(), [opts.rotation, drop]);

  // The popup closed (a highlight made, or cancelled): the outline goes, and the keyboard comes back to the pages.
  const { held } = opts;
  useEffect(() => {
    if (held || taken.current === null) return;
    if (taken.current === draft.current) draft.current = null;
    taken.current = null;
    paint();
    const root = pages.current;
    if (root && latest.current.on && (document.activeElement === document.body || document.activeElement === null))
      root.focus({ preventScroll: true });
  }, [held, paint]);

  // A turns the tool on or off while the document is open, unless typed into a field or meant for a dialog (a stance key).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'a') return;
      if (!latest.current.enabled || isTextField(e.target)) return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"], [role="alertdialog"]')) return;
      e.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);

  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    pages.current = root;

    const onPointerDown = (e: PointerEvent) => {
      const o = latest.current;
      if (!o.on || !o.enabled || e.button !== 0 || !e.isPrimary) return;
      const n = pageUnder(root, e.target);
      const p = n === null ? null : o.page(n);
      if (n === null || !p) return;
      e.preventDefault();
      root.focus({ preventScroll: true });
      if (taken.current) drop();
      const from = pointOn(p, e.clientX, e.clientY);
      drag.current = { page: n, from, pointer: e.pointerId };
      draft.current = { page: n, rect: rectBetween(from, from, shownSize(p.viewport)) };
      paint();
    };
    const onPointerMove = (e: PointerEvent) => {
      const g = drag.current;
      const p = g && g.pointer === e.pointerId ? latest.current.page(g.page) : null;
      if (!g || !p || !draft.current) return;
      // Captured once it moves, so the drag may run past the page; a plain click keeps its target (a highlight there).
      if (!root.hasPointerCapture(e.pointerId)) root.setPointerCapture(e.pointerId);
      draft.current = { page: g.page, rect: rectBetween(g.from, pointOn(p, e.clientX, e.clientY), shownSize(p.viewport)) };
      paint();
    };
    const onPointerUp = (e: PointerEvent) => {
      const g = drag.current;
      if (!g || g.pointer !== e.pointerId) return;
      drag.current = null;
      const d = draft.current;
      if (d && d.rect.width >= MIN_SIDE && d.rect.height >= MIN_SIDE) {
        dragged.current = true;
        setSaid(describeRect(d.page, d.rect));
        take();
      } else {
        // A click, not a drag: no rectangle, and the click may open the highlight under it.
        draft.current = null;
        paint();
      }
    };
    const onPointerCancel = () => {
      if (drag.current) drop();
    };
    // Text would be selected under a drag; the pages still take the focus, for the keys.
    const onMouseDown = (e: MouseEvent) => {
      if (latest.current.on && pageUnder(root, e.target) !== null) e.preventDefault();
    };
    const onClick = (e: MouseEvent) => {
      if (!dragged.current) return;
      dragged.current = false;
      e.stopPropagation();
    };

    const onKey = (e: KeyboardEvent) => {
      const o = latest.current;
      if (!o.on || !o.enabled || e.defaultPrevented || e.altKey || e.metaKey) return;
      const d = draft.current;
      // Escape drops the rectangle; with none it is left to whatever else it closes (a popup), the tool staying on.
      if (e.key === 'Escape') {
        if (!d) return;
        e.preventDefault();
        drop();
        setSaid('Area dropped.');
        return;
      }
      const arrow = ARROWS.has(e.key) ? (e.key as Arrow) : null;
      if (!arrow && !(e.key === 'Enter' && d)) return;
      // The caret's keys belong to the rectangle while the tool is on.
      e.preventDefault();
      // While its popup is open the rectangle stays as it was taken.
      if (taken.current && taken.current === d) return;
      if (!d) {
        draft.current = rectInMiddle(root, o.page, o.currentPage);
        if (draft.current) setSaid(`${describeRect(draft.current.page, draft.current.rect)} ${HOW}`);
      } else if (arrow) {
        const p = o.page(d.page);
        if (!p) return;
        draft.current = { page: d.page, rect: nudge(d.rect, arrow, e.ctrlKey ? 1 : STEP, e.shiftKey, shownSize(p.viewport)) };
        setSaid(describeRect(d.page, draft.current.rect));
      } else {
        take();
        return;
      }
      paint();
      keepInView(root, root.querySelector<HTMLElement>('.exhibit-area-draft'));
    };

    root.addEventListener('pointerdown', onPointerDown);
    root.addEventListener('pointermove', onPointerMove);
    root.addEventListener('pointerup', onPointerUp);
    root.addEventListener('pointercancel', onPointerCancel);
    root.addEventListener('mousedown', onMouseDown);
    root.addEventListener('click', onClick, true);
    // Capture: before the text caret's own key handler on the same element.
    root.addEventListener('keydown', onKey, true);
    return () => {
      root.removeEventListener('pointerdown', onPointerDown);
      root.removeEventListener('pointermove', onPointerMove);
      root.removeEventListener('pointerup', onPointerUp);
      root.removeEventListener('pointercancel', onPointerCancel);
      root.removeEventListener('mousedown', onMouseDown);
      root.removeEventListener('click', onClick, true);
      root.removeEventListener('keydown', onKey, true);
    };
  }, [scroller, paint, drop, take, turn]);

  const repaint = useCallback((n: number, div: HTMLElement) => {
    const d = draft.current;
    const p = d?.page === n ? latest.current.page(n) : null;
    if (d && p) paintDraft(div, d.rect, shownSize(p.viewport), taken.current === d);
  }, []);

  return { on, toggle, said, repaint };
}
