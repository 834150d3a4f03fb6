/**
 * "The ledger changed": allegations and links are shown in several places at once (the
 * board, the ledger views, the highlights sidebar) and undo steps outlive whichever view
 * made them, so every change is announced here and each view reloads from the engine.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

/** Tell every ledger view to reload. */
export function ledgerChanged(): void {
  for (const l of listeners) l();
}

/** Be told when allegations or links change; returns an unsubscribe function. */
export function onLedgerChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
