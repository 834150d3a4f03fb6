/** The one modal dialog the app may show at a time: provenance, remove, re-run OCR, reviewer name, shortcuts, trusted signers or a bundle dialog (export, verify, import). */
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { ExportBundleDialog } from '../bundle/ExportBundleDialog.tsx';
import { ImportBundleDialog } from '../bundle/ImportBundleDialog.tsx';
import { VerifyBundleDialog } from '../bundle/VerifyBundleDialog.tsx';
import { ProvenanceDialog } from '../documents/ProvenanceDialog.tsx';
import { shownTitle, useDisplayTitles } from '../documents/titles.ts';
import { RemoveDialog } from '../documents/RemoveDialog.tsx';
import { RerunOcrDialog } from '../ocr/RerunOcrDialog.tsx';
import type { DocumentActions } from '../documents/useDocumentActions.ts';
import { ReviewerDialog, type ReviewerIdentity } from '../settings/ReviewerDialog.tsx';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp.tsx';
import { TrustedSignersDialog } from '../trust/TrustedSignersDialog.tsx';

export type DialogState =
  | { kind: 'provenance'; docs: DocumentSummary[] }
  | { kind: 'remove'; doc: DocumentSummary }
  | { kind: 'rerun-ocr'; doc: DocumentSummary }
  | { kind: 'reviewer' }
  | { kind: 'shortcuts' }
  | { kind: 'export-bundle' }
  | { kind: 'verify-bundle' }
  | { kind: 'import-bundle' }
  | { kind: 'trusted-signers' }
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
  reviewer: ReviewerIdentity;
  onSaveReviewer(identity: ReviewerIdentity): Promise<boolean>;
  actions: DocumentActions;
  caseName: string;
  documents: DocumentSummary[];
  /** A bundle was merged into the case: reload every view of it. */
  onBundleImported(): Promise<void>;
}) {
  const titles = useDisplayTitles(documents);
  const titleOf = (doc: DocumentSummary) => shownTitle(titles, doc.documentId, doc.title);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'provenance':
      return (
        <ProvenanceDialog
          documents={dialog.docs}
          shownTitle={titleOf}
          onSave={(p) => actions.saveProvenance(dialog.docs, p, titleOf)}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <RemoveDialog
          title={titleOf(dialog.doc)}
          onClose={onClose}
          onConfirm={() => {
            onClose();
            void actions.remove(dialog.doc, titleOf);
          }}
        />
      );
    case 'rerun-ocr':
      return <RerunOcrDialog doc={dialog.doc} title={titleOf(dialog.doc)} onClose={onClose} />;
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
    case 'trusted-signers':
      return <TrustedSignersDialog onClose={onClose} />;
  }
}
