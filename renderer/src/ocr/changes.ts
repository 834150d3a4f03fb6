/**
 * "A document is being read again": the reviewer asked for it in the Re-run OCR dialog,
 * and the progress bar under the case name, the open viewer and the workspace each react
 * (show the work at once, say how it went, show the new reading) without the dialog
 * knowing any of them.
 */
type Listener = (documentId: string) => void;
const listeners = new Set<Listener>();

/** Announce that a document's pages were queued to be read again. */
export function ocrRequested(documentId: string): void {
  for (const l of listeners) l(documentId);
}

/** Be told when a document's pages are queued to be read again; returns an unsubscribe function. */
export function onOcrRequested(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
