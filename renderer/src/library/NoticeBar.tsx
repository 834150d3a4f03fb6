/**
 * A quiet confirmation of what was just done ("Removed …"), with Undo when the step can
 * be undone. It goes away on its own after a while, when dismissed, or — if it offers
 * Undo — as soon as the undo history moves on.
 */
import { useEffect } from 'react';
import type { Notice } from '../documents/useDocumentActions.ts';
import { onUndoChange } from '../undo/undo.ts';

const SHOW_MS = 10_000;

export function NoticeBar({ notice, onUndo, onDismiss }: { notice: Notice; onUndo(): void; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  // Undo takes back the latest step: once another step is done or undone, this notice's
  // Undo would take back something else (a highlight made since), so the notice goes.
  useEffect(() => {
    if (!notice.undoable) return undefined;
    const stop = onUndoChange(onDismiss);
    return () => {
      stop();
    };
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
