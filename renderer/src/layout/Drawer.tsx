/**
 * A side pane that folds away in a narrow window: a labelled handle at the window's edge
 * opens it as a drawer over the middle pane, so the open document keeps most of the window.
 * In a wide window it is the pane itself, in its own column; its content stays mounted
 * either way, so a query or a filter survives the window being resized.
 *
 * The handle moves focus into the drawer; Escape closes it and gives focus back to the
 * handle; a click elsewhere closes it; so does `doneKey` changing (a document opened from it).
 * Dragging something onto the handle opens it, so a highlight can still be dropped on the board.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useNarrowWindow } from './useNarrowWindow.ts';
import './layout.css';

const REVEAL = 'exhibit-drawer-reveal';
const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea, [href], [tabindex="0"]';

/**
 * Open, at once, the closed drawer holding `el` (if it is in one), so that `el` can take
 * focus: for a shortcut that focuses something in a side pane.
 */
export function revealDrawerOf(el: Element | null | undefined): void {
  el?.closest('.drawer')?.dispatchEvent(new Event(REVEAL));
}

export interface DrawerProps {
  /** The handle's words, and the drawer's name. */
  label: string;
  side: 'start' | 'end';
  /** Whether the pane folds in a narrow window (the document list does only beside a document). */
  folds: boolean;
  /** Closes the drawer when it changes: what it was opened for is done. */
  doneKey?: unknown;
  children: ReactNode;
}

export function Drawer({ label, side, folds, doneKey, children }: DrawerProps) {
  const narrow = useNarrowWindow();
  const drawer = folds && narrow;
  const [opened, setOpened] = useState(false);
  const open = drawer && opened;
  const root = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const handle = useRef<HTMLButtonElement>(null);
  const focusFirst = useRef(false);
  const bodyId = useId();

  // Adjusted while rendering rather than in an effect: closed in the same paint as the document opens.
  const [seenKey, setSeenKey] = useState(doneKey);
  if (seenKey !== doneKey) {
    setSeenKey(doneKey);
    setOpened(false);
  }

  const foldsNow = useRef(drawer);
  useEffect(() => {
    foldsNow.current = drawer;
  });
  useEffect(() => {
    const el = root.current;
    if (!el) return undefined;
    const reveal = () => {
      if (foldsNow.current) flushSync(() => setOpened(true));
    };
    el.addEventListener(REVEAL, reveal);
    return () => el.removeEventListener(REVEAL, reveal);
  }, []);

  // Closing while focus is inside would drop it on the page's body: it goes to the handle.
  useLayoutEffect(() => {
    if (open) {
      if (focusFirst.current) body.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      focusFirst.current = false;
    } else if (drawer && body.current?.contains(document.activeElement)) handle.current?.focus();
  }, [open, drawer]);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Element;
      // A dialog opened from the drawer is the drawer's business, wherever it is in the page.
      if (!root.current?.contains(target) && !target.closest?.('dialog')) setOpened(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      ref={root}
      className={`drawer drawer-${side}`}
      data-drawer={drawer ? (open ? 'open' : 'closed') : undefined}
      onKeyDown={(e) => {
        if (!open || e.key !== 'Escape' || e.defaultPrevented || (e.target as Element).closest('dialog')) return;
        e.preventDefault();
        setOpened(false);
        handle.current?.focus();
      }}
    >
      {drawer && (
        <button
          ref={handle}
          type="button"
          className="drawer-handle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => {
            focusFirst.current = !open;
            setOpened(!open);
          }}
          // Something dragged to the handle (a highlight for the board) finds the pane open.
          onDragEnter={() => setOpened(true)}
        >
          {label}
        </button>
      )}
      <div ref={body} id={bodyId} className="drawer-body">
        {children}
      </div>
    </div>
  );
}
