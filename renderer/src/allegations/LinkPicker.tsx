/**
 * Tie one highlight to an allegation with a stance, by keyboard first: type to filter by
 * code or title, Enter, then one key per stance (S, C, X, A, D). A rationale can be typed
 * before the stance is chosen. A pair that is already linked shows its stance and is
 * edited rather than duplicated. Esc closes without changing anything.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Allegation, Link, Stance } from '../../../shared/ipc/allegation-schemas.ts';
import { call } from '../api.ts';
import { linkHighlight } from './actions.ts';
import { STANCE_KEY, STANCE_LABEL, STANCES } from './stances.ts';
import './allegations.css';

export interface LinkPickerProps {
  highlightId: string;
  at: { x: number; y: number };
  /** Skip straight to the stance (a highlight dropped on an allegation). */
  allegationId?: string;
  onClose(): void;
  onLinked?(link: Link, allegation: Allegation): void;
  report(err: unknown): void;
}

/** Code matches first (A1 before "…A1…" in a title), then title matches, board order kept. */
export function filterAllegations(list: readonly Allegation[], query: string): Allegation[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  const byCode = list.filter((a) => a.code.toLowerCase().startsWith(q));
  const rest = list.filter((a) => !byCode.includes(a) && `${a.code} ${a.title}`.toLowerCase().includes(q));
  return [...byCode, ...rest];
}

export function LinkPicker(props: LinkPickerProps) {
  const { highlightId, report, onClose } = props;
  const [allegations, setAllegations] = useState<Allegation[] | null>(null);
  const [links, setLinks] = useState<Link[]>([]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosenId, setChosenId] = useState<string | null>(props.allegationId ?? null);
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const stanceGroup = useRef<HTMLDivElement>(null);
  const base = useId();

  useEffect(() => {
    Promise.all([call('allegations.list', {}), call('links.list', { highlightId })]).then(([a, l]) => {
      setAllegations(a);
      setLinks(l);
    }, report);
  }, [highlightId, report]);

  const shown = useMemo(() => filterAllegations(allegations ?? [], query), [allegations, query]);
  // Enter pressed while the list was still loading picks what the typed text matches once it is in.
  const [pickWhenLoaded, setPickWhenLoaded] = useState(false);
  if (pickWhenLoaded && allegations !== null) {
    setPickWhenLoaded(false);
    const pick = shown[active];
    if (pick) setChosenId(pick.allegationId);
  }
  const chosen = allegations?.find((a) => a.allegationId === chosenId) ?? null;
  const current = links.find((l) => l.allegationId === chosenId) ?? null;

  useEffect(() => {
    if (chosen) stanceGroup.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [chosen]);

  const finish = useCallback(
    async (stance: Stance) => {
      if (!chosen || busy) return;
      setBusy(true);
      try {
        const link = await linkHighlight(highlightId, chosen.allegationId, stance, rationale.trim() || undefined);
        props.onLinked?.(link, chosen);
        onClose();
      } catch (err) {
        report(err);
        setBusy(false);
      }
    },
    [chosen, busy, highlightId, rationale, props, onClose, report],
  );

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed here belong to the picker, not to the viewer or the app shortcuts beneath.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (!chosen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => Math.max(0, Math.min(shown.length - 1, i + step)));
      } else if (e.key === 'Enter') {
        e.preventDefault();
        const pick = shown[active];
        if (pick) setChosenId(pick.allegationId);
        else if (allegations === null) setPickWhenLoaded(true);
      }
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
    const stance = STANCES.find((s) => STANCE_KEY[s] === e.key.toUpperCase());
    if (stance) {
      e.preventDefault();
      void finish(stance);
    }
  };

  const style = {
    left: Math.max(8, Math.min(props.at.x - 160, window.innerWidth - 340)),
    top: Math.max(8, Math.min(props.at.y + 10, window.innerHeight - 360)),
  };
  const listId = `${base}-list`;
  const optionId = (i: number) => `${base}-opt-${i}`;

  return (
    <div
      className="link-picker"
      role="dialog"
      aria-label={chosen ? `Stance on ${chosen.code}` : 'Link to an allegation'}
      style={style}
      onKeyDown={onKey}
      onMouseDown={(e) => e.stopPropagation()}
      onMouseUp={(e) => e.stopPropagation()}
    >
      {!chosen ? (
        <>
          <label htmlFor={`${base}-q`} className="lp-label">
            Link to allegation
          </label>
          <input
            id={`${base}-q`}
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={shown[active] ? optionId(active) : undefined}
            aria-autocomplete="list"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="Type a code or words of the title"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
          />
          {allegations === null ? (
            <p className="lp-empty">Loading allegations…</p>
          ) : allegations.length === 0 ? (
            <p className="lp-empty">No allegations yet. Add them on the Allegations tab first.</p>
          ) : (
            <ul id={listId} role="listbox" aria-label="Allegations" className="lp-list">
              {shown.map((a, i) => {
                const linked = links.find((l) => l.allegationId === a.allegationId);
                return (
                  <li
                    key={a.allegationId}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'active' : undefined}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => setChosenId(a.allegationId)}
                  >
                    <span className="lp-code">{a.code}</span>
                    <span className="lp-title">{a.title}</span>
                    {linked && <span className={`stance-tag stance-${linked.stance}`}>{STANCE_LABEL[linked.stance]}</span>}
                  </li>
                );
              })}
              {shown.length === 0 && <li className="lp-empty">Nothing matches “{query}”.</li>}
            </ul>
          )}
          <p className="lp-hint">
            <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> pick · <kbd>Esc</kbd> close
          </p>
        </>
      ) : (
        <>
          <p className="lp-chosen">
            <span className="lp-code">{chosen.code}</span> {chosen.title}
            {current && <span className="muted"> — now {STANCE_LABEL[current.stance].toLowerCase()}</span>}
          </p>
          <div ref={stanceGroup} className="lp-stances" role="group" aria-label="Stance">
            {STANCES.map((s) => (
              <button
                key={s}
                type="button"
                className={`stance-button stance-${s}`}
                aria-keyshortcuts={STANCE_KEY[s]}
                aria-pressed={current?.stance === s}
                disabled={busy}
                onClick={() => void finish(s)}
              >
                <kbd>{STANCE_KEY[s]}</kbd> {STANCE_LABEL[s]}
              </button>
            ))}
          </div>
          <label htmlFor={`${base}-why`} className="lp-label">
            Rationale (optional, before the stance)
          </label>
          <textarea
            id={`${base}-why`}
            rows={2}
            maxLength={20000}
            value={rationale}
            placeholder={current?.rationale ?? 'Why this passage bears on the allegation'}
            onChange={(e) => setRationale(e.target.value)}
          />
          <p className="lp-hint">
            A key per stance links at once · <kbd>Esc</kbd> close
          </p>
        </>
      )}
    </div>
  );
}
