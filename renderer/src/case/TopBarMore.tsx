/**
 * The top bar's overflow: in a narrow window what does not fit beside the case name (the
 * case's contents and the reviewer) moves behind one button. Escape or a click elsewhere
 * closes it and focus returns to the button, as in the case switcher.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function TopBarMore({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    panelRef.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="topbar-more">
      <button
        ref={buttonRef}
        type="button"
        className="quiet topbar-more-button"
        aria-expanded={open}
        aria-controls={panelId}
        title="Case contents and reviewer"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">⋯</span>
        <span className="visually-hidden">More</span>
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="topbar-more-panel"
          role="group"
          aria-label="More"
          onClick={(e) => {
            // A control inside opens a dialog: the panel has done its job. Focus goes to the
            // button that stays, not with the control that goes.
            if (!(e.target as Element).closest('button')) return;
            setOpen(false);
            buttonRef.current?.focus();
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
