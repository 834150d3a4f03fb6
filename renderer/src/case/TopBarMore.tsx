/**
 * The top bar's overflow: in a narrow window what does not fit beside the case name (the
 * case's contents and the reviewer) moves behind one button. Escape or a click elsewhere
 * closes it and focus returns to the button, as in the case switcher.
 */
import type { ReactNode } from 'react';
import { usePopover } from '../ui/usePopover.ts';

export function TopBarMore({ children }: { children: ReactNode }) {
  const { open, setOpen, panelId, buttonRef, panelRef } = usePopover();

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
