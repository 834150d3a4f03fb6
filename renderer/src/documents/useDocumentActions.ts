/**
 * Changes to documents from the library: remove (and restore) and provenance. Each is
 * one undo step replayed against the engine, so Ctrl+Z brings back exactly what the
 * engine removed or overwrote, and the audit log records both directions.
 */
import { useCallback } from 'react';
import type { DocumentSummary, Provenance } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { pushUndo } from '../undo/undo.ts';

export interface Notice {
  message: string;
  /** Offer Undo beside the message. */
  undoable: boolean;
}

/** Changes to documents; `title` is what the window shows for a document (told apart from others of its title), for the notices and undo labels. */
export interface DocumentActions {
  remove(doc: DocumentSummary, title?: (doc: DocumentSummary) => string): Promise<boolean>;
  saveProvenance(docs: DocumentSummary[], provenance: Provenance, title?: (doc: DocumentSummary) => string): Promise<boolean>;
}

const ownTitle = (doc: DocumentSummary) => doc.title;

export function useDocumentActions(
  refresh: () => Promise<void>,
  report: (err: unknown) => void,
  notify: (notice: Notice) => void,
): DocumentActions {
  const remove = useCallback(
    async (doc: DocumentSummary, titleOf = ownTitle) => {
      const { documentId } = doc;
      const title = titleOf(doc);
      try {
        await call('documents.remove', { documentId });
      } catch (err) {
        report(err);
        return false;
      }
      pushUndo({
        label: `Remove “${title}”`,
        undo: async () => {
          await call('documents.restore', { documentId });
          await refresh();
        },
        redo: async () => {
          await call('documents.remove', { documentId });
          await refresh();
        },
      });
      await refresh();
      notify({ message: `Removed “${title}” from the case.`, undoable: true });
      return true;
    },
    [refresh, report, notify],
  );

  const saveProvenance = useCallback(
    async (docs: DocumentSummary[], provenance: Provenance, titleOf = ownTitle) => {
      const before = docs.map((d) => ({ documentId: d.documentId, provenance: d.provenance }));
      const apply = async (list: { documentId: string; provenance: Provenance }[]) => {
        for (const item of list) await call('documents.setProvenance', item);
        await refresh();
      };
      try {
        await apply(docs.map((d) => ({ documentId: d.documentId, provenance })));
      } catch (err) {
        report(err);
        await refresh(); // some may have been saved before the failure
        return false;
      }
      const label = docs.length === 1 ? `Provenance of “${titleOf(docs[0]!)}”` : `Provenance of ${docs.length} documents`;
      pushUndo({
        label,
        undo: () => apply(before),
        redo: () => apply(docs.map((d) => ({ documentId: d.documentId, provenance }))),
      });
      notify({
        message: `Saved provenance${docs.length === 1 ? ` of “${titleOf(docs[0]!)}”` : ` of ${docs.length} documents`}.`,
        undoable: true,
      });
      return true;
    },
    [refresh, report, notify],
  );

  return { remove, saveProvenance };
}
