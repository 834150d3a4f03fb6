/** The one modal dialog the app may show at a time: provenance, remove, reviewer name or shortcuts. */
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { ProvenanceDialog } from '../documents/ProvenanceDialog.tsx';
import { RemoveDialog } from '../documents/RemoveDialog.tsx';
import type { DocumentActions } from '../documents/useDocumentActions.ts';
import { ReviewerDialog } from '../settings/ReviewerDialog.tsx';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp.tsx';

export type DialogState =
  | { kind: 'provenance'; docs: DocumentSummary[] }
  | { kind: 'remove'; doc: DocumentSummary }
  | { kind: 'reviewer' }
  | { kind: 'shortcuts' }
  | null;

export function AppDialogs({
  dialog,
  onClose,
  reviewer,
  onSaveReviewer,
  actions,
}: {
  dialog: DialogState;
  onClose(): void;
  reviewer: string;
  onSaveReviewer(name: string): Promise<boolean>;
  actions: DocumentActions;
}) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'provenance':
      return (
        <ProvenanceDialog documents={dialog.docs} onSave={(p) => actions.saveProvenance(dialog.docs, p)} onClose={onClose} />
      );
    case 'remove':
      return (
        <RemoveDialog
          doc={dialog.doc}
          onClose={onClose}
          onConfirm={() => {
            onClose();
            void actions.remove(dialog.doc);
          }}
        />
      );
    case 'reviewer':
      return <ReviewerDialog current={reviewer} onSave={onSaveReviewer} onClose={onClose} />;
    case 'shortcuts':
      return <ShortcutHelp onClose={onClose} />;
  }
}
