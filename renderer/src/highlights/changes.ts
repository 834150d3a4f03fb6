/**
 * "A document's highlights changed": undo steps outlive the viewer that pushed them
 * (the reviewer may close a document and then press Ctrl+Z), so they announce changes
 * here and whichever viewer shows that document reloads its list.
 */
type Listener = (documentId: string) => void;
const listeners = new Set<Listener>();

export function highlightsChanged(documentId: string): void {
  for (const l of listeners) l(documentId);
}

export function onHighlightsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
