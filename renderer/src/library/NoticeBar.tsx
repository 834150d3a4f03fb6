/**
 * A quiet confirmation of what was just done ("Removed …"), with Undo when the step can
 * be undone. It goes away on its own after a while, or when dismissed.
 */
import { useEffect } from 'react';
import type { Notice } from '../documents/useDocumentActions.ts';

const SHOW_MS = 10_000;

export function NoticeBar({ notice, onUndo, onDismiss }: { notice: Notice; onUndo(): void; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className="notice" role="status">
      <span className="notice-text">{notice.message}</span>
      {notice.undoable && (
        <button
          type="button"
          onClick={() => {
            onDismiss();
            onUndo();
          }}
        >
          Undo
        </button>
      )}
      <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss notice">
        ×
      </button>
    </div>
  );
}
