/**
 * A document's highlights, kept in step with the engine: every change is a call, then
 * the list is read again, so what the UI shows as saved is what the engine stored.
 * Create, edit and delete each push an undo step replayed against the engine.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Highlight, HighlightColor, TargetSpec } from './model.ts';
import { call } from '../api.ts';
import { pushUndo } from '../undo/undo.ts';
import { highlightsChanged, onHighlightsChanged } from './changes.ts';

export interface HighlightEdit {
  color?: HighlightColor;
  label?: string | null;
  note?: string | null;
}

export interface HighlightsState {
  list: Highlight[] | null;
  create(targets: TargetSpec[], color: HighlightColor, note?: string): Promise<Highlight | null>;
  update(h: Highlight, edit: HighlightEdit): Promise<void>;
  remove(h: Highlight): Promise<void>;
  refresh(): Promise<void>;
}

/** Load and change one document's highlights; failures go to `report`. */
export function useHighlights(documentId: string, report: (err: unknown) => void): HighlightsState {
  const [list, setList] = useState<Highlight[] | null>(null);
  const ticket = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++ticket.current;
    try {
      const items = await call('highlights.list', { documentId });
      if (mine === ticket.current) setList(items);
    } catch (err) {
      if (mine === ticket.current) setList([]);
      report(err);
    }
  }, [documentId, report]);

  // Load now, and again whenever an undo or redo elsewhere changes this document's highlights.
  useEffect(() => {
    const load = () => void refresh().catch(report);
    const off = onHighlightsChanged((id) => {
      if (id === documentId) load();
    });
    queueMicrotask(load);
    return off;
  }, [refresh, report, documentId]);

  // Undo steps outlive this component, so they call the engine and announce the change (changes.ts).
  const changed = useCallback(() => highlightsChanged(documentId), [documentId]);
  const create = useCallback(
    async (targets: TargetSpec[], color: HighlightColor, note?: string) => {
      try {
        const made = await call('highlights.create', { documentId, targets, color, ...(note ? { note } : {}) });
        const id = made.highlightId;
        pushUndo({
          label: 'Create highlight',
          undo: async () => void (await call('highlights.delete', { highlightId: id }), changed()),
          redo: async () => void (await call('highlights.restore', { highlightId: id }), changed()),
        });
        await refresh();
        return made;
      } catch (err) {
        report(err);
        return null;
      }
    },
    [documentId, refresh, report, changed],
  );

  const update = useCallback(
    async (h: Highlight, edit: HighlightEdit) => {
      const before: HighlightEdit = {};
      if (edit.color !== undefined) before.color = h.color;
      if (edit.label !== undefined) before.label = h.label;
      if (edit.note !== undefined) before.note = h.note;
      try {
        await call('highlights.update', { highlightId: h.highlightId, ...edit });
        pushUndo({
          label: edit.color !== undefined ? 'Recolour highlight' : 'Edit highlight note',
          undo: async () => void (await call('highlights.update', { highlightId: h.highlightId, ...before }), changed()),
          redo: async () => void (await call('highlights.update', { highlightId: h.highlightId, ...edit }), changed()),
        });
      } catch (err) {
        report(err);
      }
      await refresh();
    },
    [refresh, report, changed],
  );

  const remove = useCallback(
    async (h: Highlight) => {
      try {
        await call('highlights.delete', { highlightId: h.highlightId });
        pushUndo({
          label: 'Delete highlight',
          undo: async () => void (await call('highlights.restore', { highlightId: h.highlightId }), changed()),
          redo: async () => void (await call('highlights.delete', { highlightId: h.highlightId }), changed()),
        });
      } catch (err) {
        report(err);
      }
      await refresh();
    },
    [refresh, report, changed],
  );

  return { list, create, update, remove, refresh };
}
