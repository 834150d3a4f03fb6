/**
 * One undo/redo history for the whole window (Ctrl+Z / Ctrl+Shift+Z). Each feature
 * pushes a step with the two calls that undo and redo it; the engine stays the source
 * of truth, so a step is replayed against it rather than patched into local state.
 */

export interface UndoStep {
  /** What the step did, for menus and messages: "Delete highlight". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

type Listener = () => void;

const done: UndoStep[] = [];
const undone: UndoStep[] = [];
const listeners = new Set<Listener>();
let busy = false;
const LIMIT = 200;

const notify = () => listeners.forEach((l) => l());

/** Record a step that has just been done. Clears the redo history. */
export function pushUndo(step: UndoStep): void {
  done.push(step);
  if (done.length > LIMIT) done.shift();
  undone.length = 0;
  notify();
}

async function move(from: UndoStep[], to: UndoStep[], run: (s: UndoStep) => Promise<void>): Promise<UndoStep | null> {
  if (busy) return null;
  const step = from.pop();
  if (!step) return null;
  busy = true;
  // A step that cannot be replayed (the item changed meanwhile) is dropped and its error surfaces.
  try {
    await run(step);
    to.push(step);
    return step;
  } finally {
    busy = false;
    notify();
  }
}

/** Undo the last step; resolves to the step undone, or null when there is none. */
export const undo = (): Promise<UndoStep | null> => move(done, undone, (s) => s.undo());
/** Redo the last undone step. */
export const redo = (): Promise<UndoStep | null> => move(undone, done, (s) => s.redo());

/** Labels of the next undo and redo steps, for menus and tooltips. */
export function undoState(): { undo: string | null; redo: string | null } {
  return { undo: done.at(-1)?.label ?? null, redo: undone.at(-1)?.label ?? null };
}

/** Be told when the history changes; returns an unsubscribe function. */
export function onUndoChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forget everything (e.g. when another case is opened). */
export function clearUndo(): void {
  done.length = 0;
  undone.length = 0;
  notify();
}
