/**
 * The small popup beside a selection (create) or a clicked highlight (edit): colour
 * swatches, a note, and for an existing highlight, delete. Esc closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { HighlightLink } from '../allegations/useHighlightLinks.ts';
import { COLORS, type Highlight, type HighlightColor } from './model.ts';

interface Common {
  at: { x: number; y: number };
  onClose(): void;
  /** Open the allegation picker for this passage (L). */
  onLink(): void;
  /**
   * Take the focus to the first colour: for a rectangle from the Area tool, where no text
   * selection needs keeping and the keyboard must be able to reach the popup.
   */
  focusFirst?: boolean;
}

export type HighlightPopupProps = Common &
  (
    | { mode: 'create'; onCreate(color: HighlightColor, note: string): void }
    | {
        mode: 'edit';
        highlight: Highlight;
        links: readonly HighlightLink[];
        onRecolor(color: HighlightColor): void;
        onNote(note: string | null): void;
        onDelete(): void;
      }
  );

const NAMES: Record<HighlightColor, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  orange: 'Orange',
  purple: 'Purple',
};

export function HighlightPopup(props: HighlightPopupProps) {
  const editing = props.mode === 'edit' ? props.highlight : null;
  const [noteOpen, setNoteOpen] = useState(Boolean(editing?.note));
  const [note, setNote] = useState(editing?.note ?? '');
  const [color, setColor] = useState<HighlightColor>(editing?.color ?? 'yellow');
  const root = useRef<HTMLDivElement>(null);
  const noteId = useId();
  const { onClose } = props;

  const { focusFirst } = props;
  useEffect(() => {
    if (focusFirst) root.current?.querySelector<HTMLButtonElement>('.swatch')?.focus();
  }, [focusFirst]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Keep the popup on screen: below the selection, or above when there is no room.
  const style = {
    left: Math.max(8, Math.min(props.at.x - 120, window.innerWidth - 300)),
    top: props.at.y + 180 > window.innerHeight ? Math.max(8, props.at.y - 190) : props.at.y + 10,
  };

  const pick = (c: HighlightColor) => {
    setColor(c);
    if (props.mode === 'create' && !noteOpen) props.onCreate(c, '');
    else if (props.mode === 'edit') props.onRecolor(c);
  };
  const saveNote = () => {
    if (props.mode === 'create') props.onCreate(color, note.trim());
    else if (props.mode === 'edit') props.onNote(note.trim() ? note.trim() : null);
  };

  return (
    <div
      ref={root}
      className="hl-popup"
      role="dialog"
      aria-label={props.mode === 'create' ? 'New highlight' : 'Edit highlight'}
      style={style}
      onMouseDown={(e) => {
        // Clicking a swatch must not clear the selection it is about to highlight.
        if (!(e.target instanceof HTMLTextAreaElement)) e.preventDefault();
        e.stopPropagation();
      }}
      onMouseUp={(e) => e.stopPropagation()}
    >
      <div className="hl-swatches" role="group" aria-label="Colour">
        {COLORS.map((c) => (
          <button
            key={c}
            type="button"
            className={`swatch hl-${c}`}
            aria-label={props.mode === 'create' ? `Highlight ${NAMES[c]}` : `Colour ${NAMES[c]}`}
            aria-pressed={props.mode === 'edit' ? c === editing?.color : undefined}
            title={props.mode === 'create' ? `Highlight in ${NAMES[c].toLowerCase()}${c === 'yellow' ? ' (H)' : ''}` : NAMES[c]}
            onClick={() => pick(c)}
          />
        ))}
        {!noteOpen && (
          <button type="button" className="quiet small" onClick={() => setNoteOpen(true)}>
            {editing ? 'Add note' : 'Note…'}
          </button>
        )}
        <button
          type="button"
          className="quiet small"
          onClick={props.onLink}
          aria-keyshortcuts="L"
          title="Link to an allegation (L)"
        >
          Link…
        </button>
        {props.mode === 'edit' && (
          <button type="button" className="quiet small danger" onClick={props.onDelete}>
            Delete
          </button>
        )}
      </div>
      {props.mode === 'edit' && props.links.length > 0 && (
        <ul className="hl-links" aria-label="Linked allegations">
          {props.links.map((l) => (
            <li key={l.allegationId} title={l.title}>
              <span className="code">{l.code}</span> <span className={`stance-tag stance-${l.stance}`}>{l.stance}</span>
            </li>
          ))}
        </ul>
      )}
      {noteOpen && (
        <div className="hl-note-edit">
          <label htmlFor={noteId} className="visually-hidden">
            Note
          </label>
          <textarea
            id={noteId}
            rows={3}
            value={note}
            autoFocus
            maxLength={20000}
            placeholder="Why this passage matters"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                saveNote();
              }
            }}
          />
          <div className="hl-note-actions">
            <span className="muted small-text">Ctrl+Enter saves</span>
            <button type="button" className="primary small" onClick={saveNote}>
              {props.mode === 'create' ? 'Highlight' : 'Save note'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
