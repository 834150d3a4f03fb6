/**
 * Import a bundle someone handed over into the open case: the host's open dialog picks it,
 * the engine verifies it (a bundle that fails is shown with its problems and nothing is
 * imported), then merges it, and the dialog lists what was added, updated or already here
 * and every conflict. The merge cannot be undone; the dialog says that it is in the audit log.
 * Until the merge itself, the check and the import can be cancelled (the button, Escape or
 * the close button); the engine then removes what it staged and the dialog says that the
 * case is unchanged. A bundle signed by a key the case does not trust is stopped after the
 * check, before anything is written: the dialog names the key and asks whether to import it
 * once, import it and trust the key from now on, or cancel. A bundle from an earlier
 * Exhibit that holds an encrypted PDF (such bundles do not carry their PDFs' pages) stops
 * before anything is written to ask for that PDF's password, naming it; a wrong password is
 * said and asked again, and Cancel leaves the case as it was.
 */
import { useId, useRef, useState } from 'react';
import { describeProgress, IMPORT_STEPS } from '../../../shared/bundle-progress.ts';
import type { BundleProgress, MergeResult, VerifyReport } from '../../../shared/ipc/contract.ts';
import { ApiError, call, messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { SignerQuestion } from '../trust/SignerQuestion.tsx';
import { SignerResult } from '../trust/SignerResult.tsx';
import { DocumentPassword } from '../ui/DocumentPassword.tsx';
import { JobProgress } from './JobProgress.tsx';
import { MergeSummary } from './MergeSummary.tsx';
import { useBundleJob } from './useBundleJob.ts';
import { VerifyResult } from './VerifyBundleDialog.tsx';
import './bundle.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'verifying'; path: string; cancelling: boolean }
  | { kind: 'rejected'; path: string; report: VerifyReport }
  | { kind: 'asking'; path: string; report: VerifyReport }
  | { kind: 'merging'; path: string; report: VerifyReport; cancelling: boolean }
  | {
      kind: 'password';
      path: string;
      report: VerifyReport;
      /** The encrypted document that needs its password. */
      title: string;
      /** The password just given for it did not open it. */
      wrong: boolean;
      /** Passwords given for the bundle's other encrypted PDFs, sent again with the next one. */
      passwords: string[];
      accepted: boolean;
      trustedAs: string | null;
    }
  | { kind: 'done'; path: string; report: VerifyReport; result: MergeResult; trustedAs: string | null }
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
  const [trustName, setTrustName] = useState('');
  const [password, setPassword] = useState('');
  const passwordForm = useId();
  const job = useBundleJob();
  // Set at once, so a cancel that comes between the check and the import stops the import.
  const cancelRequested = useRef(false);
  const busy = phase.kind === 'verifying' || phase.kind === 'merging';

  /**
   * Merge a checked bundle; `accepted`: the reviewer accepted its untrusted signer (and trusts it as `trustedAs`, if given).
   * `passwords` open encrypted PDFs the bundle carries no pages for, the last of them given for the document `triedFor`.
   */
  const merge = async (
    path: string,
    report: VerifyReport,
    jobId: string,
    trustedAs: string | null,
    accepted: boolean,
    passwords: string[] = [],
    triedFor: string | null = null,
  ) => {
    setPhase({ kind: 'merging', path, report, cancelling: false });
    try {
      const signer = accepted ? report.signer?.fingerprint : undefined;
      const result = await call('bundle.import', {
        path,
        jobId,
        ...(signer ? { acceptSigner: signer } : {}),
        ...(signer && trustedAs ? { trustSignerAs: trustedAs } : {}),
        ...(passwords.length > 0 ? { passwords } : {}),
      });
      setPhase({ kind: 'done', path, report, result, trustedAs });
    } catch (err) {
      if (!(err instanceof ApiError && (err.code === 'password-required' || err.code === 'password-incorrect'))) throw err;
      // Nothing was written. The engine names the document (the subject) and tries every password on it, so
      // "incorrect" means the one just typed was wrong only when it was typed for this document.
      const title = err.subject ?? 'A PDF in the bundle';
      const wrong = err.code === 'password-incorrect' && title === triedFor;
      setPassword('');
      setPhase({
        kind: 'password',
        path,
        report,
        title,
        wrong,
        passwords: wrong ? passwords.slice(0, -1) : passwords,
        accepted,
        trustedAs,
      });
    } finally {
      // Whatever the outcome, show the case as it now is.
      await onImported();
    }
  };

  /** Run one step of the import as a job Cancel can stop, showing how it ended. */
  const guarded = async (path: string, report: VerifyReport | null, work: (jobId: string) => Promise<void>) => {
    cancelRequested.current = false;
    // One job id for the check and the import, so Cancel stops whichever is running.
    const jobId = job.begin();
    try {
      await work(jobId);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'cancelled') setPhase({ kind: 'cancelled', path });
      else setPhase({ kind: 'failed', path, report, message: messageOf(err) });
    } finally {
      job.end();
    }
  };

  const choose = async () => {
    if (busy) return;
    let path: string | null;
    try {
      [path = null] = await call('dialog.openBundle', {});
    } catch (err) {
      setPhase({ kind: 'failed', path: null, report: null, message: messageOf(err) });
      return;
    }
    if (!path) return; // Cancelled: keep whatever was shown before.
    const chosen = path;
    await guarded(chosen, null, async (jobId) => {
      setPhase({ kind: 'verifying', path: chosen, cancelling: false });
      const report = await call('bundle.verify', { path: chosen, jobId });
      if (cancelRequested.current) return setPhase({ kind: 'cancelled', path: chosen });
      if (!report.ok) return setPhase({ kind: 'rejected', path: chosen, report });
      if (!report.signer?.trusted) {
        // Nothing is written until the reviewer decides about this key.
        setTrustName(report.signer?.claimedName ?? '');
        return setPhase({ kind: 'asking', path: chosen, report });
      }
      await merge(chosen, report, jobId, null, false);
    });
  };

  /** The reviewer's answer about an untrusted signer: import once, or import and trust it as `trustAs`. */
  const decide = (trustAs: string | null) => {
    if (phase.kind !== 'asking') return;
    const { path, report } = phase;
    void guarded(path, report, (jobId) => merge(path, report, jobId, trustAs, true));
  };

  /** Try the merge again with the password typed for the document asked about. */
  const withPassword = () => {
    if (phase.kind !== 'password' || !password) return;
    const { path, report, title, passwords, accepted, trustedAs } = phase;
    void guarded(path, report, (jobId) => merge(path, report, jobId, trustedAs, accepted, [...passwords, password], title));
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
    phase.kind === 'merging' ||
    phase.kind === 'rejected' ||
    phase.kind === 'done' ||
    phase.kind === 'failed' ||
    phase.kind === 'asking' ||
    phase.kind === 'password'
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
      {phase.kind === 'asking' && phase.report.signer && (
        <SignerQuestion signer={phase.report.signer} name={trustName} onName={setTrustName} />
      )}
      {report?.ok && phase.kind !== 'asking' && <SignerResult signer={report.signer} />}
      {phase.kind === 'password' && (
        <DocumentPassword
          formId={passwordForm}
          title={phase.title}
          wrong={phase.wrong}
          why="This bundle was made by an earlier version of Exhibit and does not carry the text of this document’s pages, so the PDF itself has to be opened to import it. Enter the password you were given for it. Nothing has been imported yet."
          wrongNote="Nothing was imported; try again."
          password={password}
          onPassword={setPassword}
          onSubmit={withPassword}
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
      {phase.kind === 'done' && phase.trustedAs && (
        <p className="muted">{phase.trustedAs} is now a trusted signer of this case; their bundles import without asking.</p>
      )}
      {phase.kind === 'failed' && (
        <p className="bundle-error" role="alert">
          The bundle could not be imported: {phase.message}
        </p>
      )}
      {/* Each button is keyed by what it does: one that changes meaning (Cancel import → Import another…) is a new
          element, so a click aimed at the old one never lands on the new, and progress never re-creates it. */}
      <div className="modal-actions">
        {phase.kind === 'done' ? (
          <>
            <button key="another" type="button" onClick={() => void choose()}>
              Import another…
            </button>
            <button key="done" type="button" className="primary" onClick={onClose} data-autofocus>
              Done
            </button>
          </>
        ) : busy ? (
          <>
            {/* Not disabled while cancelling: a disabled button would drop the keyboard focus out of the dialog. */}
            <button key="cancel-job" type="button" onClick={() => void cancel()} aria-disabled={phase.cancelling} data-autofocus>
              {phase.cancelling ? 'Cancelling…' : 'Cancel import'}
            </button>
            <button key="importing" type="button" className="primary" disabled>
              Importing…
            </button>
          </>
        ) : phase.kind === 'asking' ? (
          <>
            <button key="refuse" type="button" onClick={() => setPhase({ kind: 'cancelled', path: phase.path })} data-autofocus>
              Cancel
            </button>
            <button key="once" type="button" onClick={() => decide(null)}>
              Import once
            </button>
            <button
              key="trust"
              type="button"
              className="primary"
              onClick={() => decide(trustName.trim())}
              disabled={!trustName.trim()}
            >
              Import and trust
            </button>
          </>
        ) : phase.kind === 'password' ? (
          <>
            <button type="button" onClick={() => setPhase({ kind: 'cancelled', path: phase.path })}>
              Cancel
            </button>
            <button type="submit" form={passwordForm} className="primary" disabled={!password}>
              Import with password
            </button>
          </>
        ) : phase.kind === 'cancelled' ? (
          <>
            <button key="close" type="button" onClick={onClose} data-autofocus>
              Close
            </button>
            <button key="again" type="button" className="primary" onClick={() => void choose()}>
              Import again…
            </button>
          </>
        ) : (
          <>
            <button key="close" type="button" onClick={onClose}>
              Close
            </button>
            <button key="choose" type="button" className="primary" onClick={() => void choose()} data-autofocus>
              {phase.kind === 'idle' ? 'Choose bundle…' : 'Choose another…'}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
