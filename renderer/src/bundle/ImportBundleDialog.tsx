/**
 * Import a bundle someone handed over into the open case: the host's open dialog picks it,
 * the engine verifies it (a bundle that fails is shown with its problems and nothing is
 * imported), then merges it, and the dialog lists what was added, updated or already here
 * and every conflict. The merge cannot be undone; the dialog says that it is in the audit log.
 * Until the merge itself, the check and the import can be cancelled (the button, Escape or
 * the close button); the engine then removes what it staged and the dialog says that the
 * case is unchanged.
 */
import { useRef, useState } from 'react';
import { describeProgress, IMPORT_STEPS } from '../../../shared/bundle-progress.ts';
import type { BundleProgress, MergeResult, VerifyReport } from '../../../shared/ipc/contract.ts';
import { ApiError, call, messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { JobProgress } from './JobProgress.tsx';
import { MergeSummary } from './MergeSummary.tsx';
import { useBundleJob } from './useBundleJob.ts';
import { VerifyResult } from './VerifyBundleDialog.tsx';
import './bundle.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'verifying'; path: string; cancelling: boolean }
  | { kind: 'rejected'; path: string; report: VerifyReport }
  | { kind: 'merging'; path: string; report: VerifyReport; cancelling: boolean }
  | { kind: 'done'; path: string; report: VerifyReport; result: MergeResult }
  | { kind: 'cancelled'; path: string }
  | { kind: 'failed'; path: string | null; report: VerifyReport | null; message: string };

/** The engine checks the bundle again as it reads it for the merge; say so rather than "Verifying" twice. */
const mergeStep = (p: BundleProgress) =>
  p.phase === 'verifying' ? 'Checking the bundle again as it is read' : describeProgress(p);

export function ImportBundleDialog({
  caseName,
  onImported,
  onClose,
}: {
  caseName: string;
  /** Reload whatever shows the case (library, board, ledger, open document). */
  onImported(): Promise<void> | void;
  onClose(): void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const job = useBundleJob();
  // Set at once, so a cancel that comes between the check and the import stops the import.
  const cancelRequested = useRef(false);
  const busy = phase.kind === 'verifying' || phase.kind === 'merging';

  const choose = async () => {
    if (busy) return;
    let path: string | null = null;
    let report: VerifyReport | null = null;
    try {
      [path = null] = await call('dialog.openBundle', {});
      if (!path) return; // Cancelled: keep whatever was shown before.
      cancelRequested.current = false;
      // One job id for the check and the import, so Cancel stops whichever is running.
      const jobId = job.begin();
      try {
        setPhase({ kind: 'verifying', path, cancelling: false });
        report = await call('bundle.verify', { path, jobId });
        if (cancelRequested.current) {
          setPhase({ kind: 'cancelled', path });
          return;
        }
        if (!report.ok) {
          setPhase({ kind: 'rejected', path, report });
          return;
        }
        setPhase({ kind: 'merging', path, report, cancelling: false });
        try {
          const result = await call('bundle.import', { path, jobId });
          setPhase({ kind: 'done', path, report, result });
        } finally {
          // Whatever the outcome, show the case as it now is.
          await onImported();
        }
      } finally {
        job.end();
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'cancelled' && path) setPhase({ kind: 'cancelled', path });
      else setPhase({ kind: 'failed', path, report, message: messageOf(err) });
    }
  };

  const cancel = async () => {
    if (!busy || phase.cancelling || !job.jobId) return;
    cancelRequested.current = true;
    setPhase((p) => (p.kind === 'verifying' || p.kind === 'merging' ? { ...p, cancelling: true } : p));
    try {
      await call('bundle.cancel', { jobId: job.jobId });
    } catch (err) {
      setPhase({ kind: 'failed', path: phase.path, report: null, message: messageOf(err) });
    }
  };
  // Escape and the close button stop a running check or import rather than hide it.
  const close = () => (busy ? void cancel() : onClose());

  const report =
    phase.kind === 'merging' || phase.kind === 'rejected' || phase.kind === 'done' || phase.kind === 'failed'
      ? phase.report
      : null;
  return (
    <Modal title="Import evidence bundle" onClose={close} className="bundle-dialog bundle-import" focusKey={phase.kind}>
      {phase.kind === 'idle' && (
        <>
          <p className="bundle-intro">
            Adds the documents, allegations, highlights and links of a bundle to this case, <strong>{caseName}</strong>. The
            bundle is verified first; if any check fails, nothing is imported.
          </p>
          <p className="muted">
            Documents already in the case are recognised by their SHA-256 and not imported twice. Where the case and the bundle
            disagree, a fixed rule decides and every conflict is listed with how it was settled. The merge is recorded in the
            audit log and cannot be undone.
          </p>
        </>
      )}
      {phase.kind !== 'idle' && phase.path && <p className="bundle-path">{phase.path}</p>}
      {phase.kind === 'verifying' && (
        <p className="bundle-busy" role="status">
          <span className="bundle-spinner" aria-hidden="true" />{' '}
          {phase.cancelling ? 'Cancelling…' : 'Verifying the bundle before importing anything…'}
        </p>
      )}
      {report && (
        <VerifyResult
          report={report}
          failedNote={
            <>
              <strong>Nothing was imported</strong>; this case is unchanged. Ask the sender for an intact copy.
            </>
          }
        />
      )}
      {phase.kind === 'merging' && (
        <JobProgress
          progress={job.progress}
          steps={IMPORT_STEPS}
          label="Import progress"
          starting={phase.cancelling ? 'Cancelling…' : 'Merging into this case…'}
          describe={mergeStep}
        />
      )}
      {phase.kind === 'cancelled' && (
        <p className="bundle-cancelled" role="status">
          The import was cancelled. <strong>Nothing was imported</strong>; this case is unchanged.
        </p>
      )}
      {phase.kind === 'done' && <MergeSummary result={phase.result} />}
      {phase.kind === 'failed' && (
        <p className="bundle-error" role="alert">
          The bundle could not be imported: {phase.message}
        </p>
      )}
      <div className="modal-actions">
        {phase.kind === 'done' ? (
          <>
            <button type="button" onClick={() => void choose()}>
              Import another…
            </button>
            <button type="button" className="primary" onClick={onClose} data-autofocus>
              Done
            </button>
          </>
        ) : busy ? (
          <>
            {/* Not disabled while cancelling: a disabled button would drop the keyboard focus out of the dialog. */}
            <button type="button" onClick={() => void cancel()} aria-disabled={phase.cancelling} data-autofocus>
              {phase.cancelling ? 'Cancelling…' : 'Cancel import'}
            </button>
            <button type="button" className="primary" disabled>
              Importing…
            </button>
          </>
        ) : phase.kind === 'cancelled' ? (
          <>
            <button type="button" onClick={onClose} data-autofocus>
              Close
            </button>
            <button type="button" className="primary" onClick={() => void choose()}>
              Import again…
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="primary" onClick={() => void choose()} data-autofocus>
              {phase.kind === 'idle' ? 'Choose bundle…' : 'Choose another…'}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
