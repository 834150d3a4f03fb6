/**
 * The undo/redo history (Ctrl+Z / Ctrl+Shift+Z), one per case: each feature pushes a step
 * with the two calls that undo and redo it; the engine stays the source of truth, so a
 * step is replayed against it rather than patched into local state. A step only makes
 * sense in the case it was made in, so each case keeps its own history, and going back to
 * a case brings its history back with it.
 */

export interface UndoStep {
  /** What the step did, for menus and messages: "Delete highlight". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

type Listener = () => void;

interface History {
  done: UndoStep[];
  undone: UndoStep[];
}
// Keyed by case folder; the history in use is the open case's (none while a case is loading).
const histories = new Map<string, History>();
let current: History = { done: [], undone: [] };
const listeners = new Set<Listener>();
let busy = false;
const LIMIT = 200;

const notify = () => listeners.forEach((l) => l());

/** Record a step that has just been done. Clears the redo history. */
export function pushUndo(step: UndoStep): void {
  current.done.push(step);
  if (current.done.length > LIMIT) current.done.shift();
  current.undone.length = 0;
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
export const undo = (): Promise<UndoStep | null> => move(current.done, current.undone, (s) => s.undo());
/** Redo the last undone step. */
export const redo = (): Promise<UndoStep | null> => move(current.undone, current.done, (s) => s.redo());

/** Labels of the next undo and redo steps, for menus and tooltips. */
export function undoState(): { undo: string | null; redo: string | null } {
  return { undo: current.done.at(-1)?.label ?? null, redo: current.undone.at(-1)?.label ?? null };
}

/** Be told when the history changes; returns an unsubscribe function. */
export function onUndoChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Use the history of the case in `caseDir` (null: a case is being opened, and nothing can
 * be undone until it is). `forget` drops that case's history first: after a restore from a
 * backup its steps no longer describe the case.
 */
export function selectUndoHistory(caseDir: string | null, forget = false): void {
  if (caseDir === null) current = { done: [], undone: [] };
  else {
    if (forget) histories.delete(caseDir);
    let h = histories.get(caseDir);
    if (!h) histories.set(caseDir, (h = { done: [], undone: [] }));
    current = h;
  }
  notify();
}

/** Forget every case's history. */
export function clearUndo(): void {
  histories.clear();
  current = { done: [], undone: [] };
  notify();
}
