/** What the keyboard caret shows: the bar over the text, and what it says to a screen reader. */
import type { CaretBar as Bar } from './useTextCaret.ts';
import './caret.css';

/** The caret bar, inside the pages' scroll box (so it scrolls with the text). */
export function CaretBar({ bar }: { bar: Bar | null }) {
  if (!bar) return null;
  return <div className="text-caret" aria-hidden="true" style={{ left: bar.left, top: bar.top, height: bar.height }} />;
}

/** How to use the caret (the pages' description) and a polite live region for each move. */
export function CaretStatus({ hintId, said }: { hintId: string; said: string }) {
  return (
    <>
      <p id={hintId} className="visually-hidden">
        Arrow keys move a text caret, Ctrl with Left or Right by word; with Shift they select. H highlights the selection, L links
        it to an allegation, Escape clears it.
      </p>
      <div className="visually-hidden caret-status" aria-live="polite">
        {said}
      </div>
    </>
  );
}
