/** The one modal dialog the app may show at a time: provenance, remove, reviewer name, shortcuts or a bundle dialog (export, verify, import). */
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { ExportBundleDialog } from '../bundle/ExportBundleDialog.tsx';
import { ImportBundleDialog } from '../bundle/ImportBundleDialog.tsx';
import { VerifyBundleDialog } from '../bundle/VerifyBundleDialog.tsx';
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
  | { kind: 'export-bundle' }
  | { kind: 'verify-bundle' }
  | { kind: 'import-bundle' }
  | null;

export function AppDialogs({
  dialog,
  onClose,
  reviewer,
  onSaveReviewer,
  actions,
  caseName,
  documents,
  onBundleImported,
}: {
  dialog: DialogState;
  onClose(): void;
  reviewer: string;
  onSaveReviewer(name: string): Promise<boolean>;
  actions: DocumentActions;
  caseName: string;
  documents: DocumentSummary[];
  /** A bundle was merged into the case: reload every view of it. */
  onBundleImported(): Promise<void>;
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
    case 'export-bundle':
      return <ExportBundleDialog caseName={caseName} documents={documents} onClose={onClose} />;
    case 'verify-bundle':
      return <VerifyBundleDialog onClose={onClose} />;
    case 'import-bundle':
      return <ImportBundleDialog caseName={caseName} onImported={onBundleImported} onClose={onClose} />;
  }
}
