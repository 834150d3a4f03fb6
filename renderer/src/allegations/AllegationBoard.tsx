/**
 * The allegation board: every allegation with its code, status and stance counts, in
 * the reviewer's order. Filter by status and tag; add, paste a list, edit, move
 * (Alt+↑/↓ on a row, or the arrows) and delete, all undoable. A highlight dragged from
 * the viewer's sidebar and dropped on a row asks for a stance and links it.
 */
import { useCallback, useId, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Allegation, AllegationStatus } from '../../../shared/ipc/allegation-schemas.ts';
import { createAllegation, deleteAllegation, importAllegations, reorderAllegations, updateAllegation } from './actions.ts';
import { AllegationForm, DeleteAllegationDialog, ImportAllegationsDialog } from './AllegationDialogs.tsx';
import { Counts } from './Counts.tsx';
import { HIGHLIGHT_DRAG_TYPE } from './drag.ts';
import { LinkPicker } from './LinkPicker.tsx';
import { STATUS_LABEL, STATUSES, totalOf } from './stances.ts';
import { call } from '../api.ts';
import { useLedgerQuery } from './useLedgerQuery.ts';
import './allegations.css';
import './board.css';

export interface AllegationBoardProps {
  report(err: unknown): void;
  /** Say what was done, with Undo. */
  notify(message: string): void;
  selectedId: string | null;
  onOpenDetail(allegationId: string): void;
}

type Dialog =
  | { kind: 'form'; editing: Allegation | null }
  | { kind: 'import' }
  | { kind: 'delete'; allegation: Allegation }
  | { kind: 'link'; highlightId: string; allegationId: string; at: { x: number; y: number } }
  | null;

const loadAll = () => call('allegations.list', {});

export function AllegationBoard({ report, notify, selectedId, onOpenDetail }: AllegationBoardProps) {
  const { data: all } = useLedgerQuery(loadAll, report);
  const [status, setStatus] = useState<AllegationStatus | ''>('');
  const [tag, setTag] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const headingId = useId();
  const close = useCallback(() => setDialog(null), []);

  const tags = useMemo(() => [...new Set((all ?? []).flatMap((a) => a.tags))].sort(), [all]);
  const shown = useMemo(
    () => (all ?? []).filter((a) => (!status || a.status === status) && (!tag || a.tags.includes(tag))),
    [all, status, tag],
  );

  const attempt = async (work: () => Promise<string>): Promise<boolean> => {
    try {
      notify(await work());
      return true;
    } catch (err) {
      report(err);
      return false;
    }
  };
  const move = (a: Allegation, step: -1 | 1) => {
    const ids = (all ?? []).map((x) => x.allegationId);
    const from = ids.indexOf(a.allegationId);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return;
    const next = [...ids];
    [next[from], next[to]] = [next[to]!, next[from]!];
    void attempt(async () => {
      await reorderAllegations(ids, next);
      return `Moved ${a.code} ${step < 0 ? 'up' : 'down'}.`;
    });
  };
  const remove = (a: Allegation) => {
    void attempt(async () => {
      const links = await deleteAllegation(a);
      return `Deleted ${a.code}${links ? ` and its ${links} ${links === 1 ? 'link' : 'links'}` : ''}.`;
    });
  };
  const askRemove = (a: Allegation) => (totalOf(a.counts) > 0 ? setDialog({ kind: 'delete', allegation: a }) : remove(a));

  const onRowKey = (e: KeyboardEvent, a: Allegation) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      move(a, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      askRemove(a);
    } else if (e.key === 'F2') {
      e.preventDefault();
      setDialog({ kind: 'form', editing: a });
    }
  };
  const dragOver = (e: DragEvent, a: Allegation) => {
    if (!e.dataTransfer.types.includes(HIGHLIGHT_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'link';
    setDropOn(a.allegationId);
  };
  const drop = (e: DragEvent, a: Allegation) => {
    const highlightId = e.dataTransfer.getData(HIGHLIGHT_DRAG_TYPE);
    setDropOn(null);
    if (!highlightId) return;
    e.preventDefault();
    // Open the stance picker under the row, so the allegation it links to stays readable.
    const row = e.currentTarget.getBoundingClientRect();
    setDialog({ kind: 'link', highlightId, allegationId: a.allegationId, at: { x: e.clientX, y: row.bottom } });
  };

  return (
    <div className="alg-board" aria-labelledby={headingId}>
      <div className="alg-board-head">
        <h3 id={headingId} className="visually-hidden">
          Allegation board
        </h3>
        <button type="button" className="primary small" onClick={() => setDialog({ kind: 'form', editing: null })}>
          New…
        </button>
        <button type="button" className="small" onClick={() => setDialog({ kind: 'import' })}>
          Paste list…
        </button>
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as AllegationStatus | '')}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {tags.length > 0 && (
          <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </div>
      {all === null ? (
        <p className="empty">Loading allegations…</p>
      ) : all.length === 0 ? (
        <p className="empty">No allegations yet. Add them one by one, or paste a list copied from a letter or report.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No allegations match these filters.</p>
      ) : (
        <ol className="alg-list" aria-label="Allegations">
          {shown.map((a, i) => (
            <li
              key={a.allegationId}
              className={`alg-row${a.allegationId === selectedId ? ' selected' : ''}${dropOn === a.allegationId ? ' drop' : ''}`}
              onDragOver={(e) => dragOver(e, a)}
              onDragLeave={() => setDropOn((d) => (d === a.allegationId ? null : d))}
              onDrop={(e) => drop(e, a)}
            >
              <button
                type="button"
                className="alg-open"
                aria-current={a.allegationId === selectedId ? 'true' : undefined}
                aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown F2 Delete"
                onClick={() => onOpenDetail(a.allegationId)}
                onKeyDown={(e) => onRowKey(e, a)}
              >
                <span className="alg-line">
                  <span className="code">{a.code}</span>
                  <span className={`status status-${a.status}`}>{STATUS_LABEL[a.status]}</span>
                  <Counts counts={a.counts} />
                </span>
                <span className="alg-title">{a.title}</span>
                {a.tags.length > 0 && <span className="alg-tags">{a.tags.join(' · ')}</span>}
              </button>
              <span className="alg-actions">
                <button
                  type="button"
                  className="quiet icon"
                  aria-label={`Move ${a.code} up`}
                  disabled={i === 0 || !!status || !!tag}
                  onClick={() => move(a, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="quiet icon"
                  aria-label={`Move ${a.code} down`}
                  disabled={i === shown.length - 1 || !!status || !!tag}
                  onClick={() => move(a, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="quiet icon"
                  aria-label={`Edit ${a.code}`}
                  onClick={() => setDialog({ kind: 'form', editing: a })}
                >
                  ✎
                </button>
                <button type="button" className="quiet icon danger" aria-label={`Delete ${a.code}`} onClick={() => askRemove(a)}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {dialog?.kind === 'form' && (
        <AllegationForm
          editing={dialog.editing}
          onClose={close}
          onSave={(fields) => {
            const editing = dialog.editing;
            return attempt(async () => {
              if (!editing) return `Added ${(await createAllegation(fields)).code}.`;
              const { title, code, description, source, status: st, tags: tg } = fields;
              const after = await updateAllegation(editing, {
                title,
                ...(code ? { code } : {}),
                description: description || null,
                source: source || null,
                ...(st ? { status: st } : {}),
                ...(tg ? { tags: tg } : {}),
              });
              return `Saved ${after.code}.`;
            });
          }}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportAllegationsDialog
          onClose={close}
          onImport={(text) =>
            attempt(async () => {
              const made = await importAllegations(text);
              return `Added ${made.length} ${made.length === 1 ? 'allegation' : 'allegations'}: ${made.map((a) => a.code).join(', ')}.`;
            })
          }
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteAllegationDialog
          allegation={dialog.allegation}
          onClose={close}
          onConfirm={() => {
            close();
            remove(dialog.allegation);
          }}
        />
      )}
      {dialog?.kind === 'link' && (
        <LinkPicker
          highlightId={dialog.highlightId}
          allegationId={dialog.allegationId}
          at={dialog.at}
          onClose={close}
          report={report}
          onLinked={(link, a) => notify(`Linked the passage to ${a.code}: ${link.stance}.`)}
        />
      )}
    </div>
  );
}
