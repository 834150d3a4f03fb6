/**
 * Asks before a link inside a PDF opens in the system browser: the reviewer sees the
 * full address first, since a document is never trusted to choose where to go.
 */
import { useEffect, useId, useRef } from 'react';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function ExternalLinkDialog({ url, onOpen, onCancel }: { url: string; onOpen(): void; onCancel(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const host = hostOf(url);
  return (
    <dialog
      ref={dialog}
      className="link-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Open this link outside Exhibit?</h2>
      <p>
        The document links to an address on the internet{host ? ` (${host})` : ''}. It will open in your web browser, not here.
      </p>
      <p className="link-url">{url}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onOpen}>
          Open in browser
        </button>
      </div>
    </dialog>
  );
}
