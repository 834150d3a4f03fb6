/**
 * The viewer toolbar's overflow: document actions that are not used page by page (reading
 * a scan again) behind one button, so the toolbar keeps its width in a narrow window.
 * Escape or a press elsewhere closes it and focus returns to the button (usePopover).
 */
import { usePopover } from '../ui/usePopover.ts';

export function DocumentMore({ onRerunOcr }: { onRerunOcr(): void }) {
  const { open, setOpen, panelId, buttonRef, panelRef } = usePopover();
  const choose = (action: () => void) => () => {
    setOpen(false);
    buttonRef.current?.focus();
    action();
  };
  return (
    <div className="document-more">
      <button
        ref={buttonRef}
        type="button"
        className="icon"
        aria-expanded={open}
        aria-controls={panelId}
        title="More document actions"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">⋯</span>
        <span className="visually-hidden">More document actions</span>
      </button>
      {open && (
        <div ref={panelRef} id={panelId} className="document-more-panel" role="group" aria-label="More document actions">
          <button type="button" className="quiet" onClick={choose(onRerunOcr)}>
            Re-run OCR…
          </button>
        </div>
      )}
    </div>
  );
}
