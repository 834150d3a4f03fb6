/**
 * Verify a bundle someone handed over: the host's open dialog picks it, the engine checks
 * the manifests, signature and audit chain. Nothing needs the open case, so any bundle can
 * be checked; each problem stays on its own line because each names a file. Who signed is
 * shown in a box of its own: intact files say nothing about whether the key is trusted.
 */
import { useState, type ReactNode } from 'react';
import type { VerifyReport } from '../../../shared/ipc/contract.ts';
import { call, messageOf } from '../api.ts';
import { SignerResult } from '../trust/SignerResult.tsx';
import { Modal } from '../ui/Modal.tsx';
import './bundle.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; path: string }
  | { kind: 'checked'; path: string; report: VerifyReport }
  | { kind: 'failed'; message: string };

export function VerifyBundleDialog({ onClose }: { onClose(): void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'busy';

  const choose = async () => {
    try {
      const [path] = await call('dialog.openBundle', {});
      if (!path) return; // Cancelled: keep whatever was shown before.
      setPhase({ kind: 'busy', path });
      setPhase({ kind: 'checked', path, report: await call('bundle.verify', { path }) });
    } catch (err) {
      setPhase({ kind: 'failed', message: messageOf(err) });
    }
  };

  return (
    <Modal title="Verify evidence bundle" onClose={() => !busy && onClose()} className="bundle-dialog">
      {phase.kind === 'idle' && (
        <p>
          Checks every file against the bundle’s manifests, the reviewer’s signature and the audit log’s hash chain, and names the
          key that signed it: your own, one this case trusts, or one you should check with its sender. The open case is not
          changed.
        </p>
      )}
      {phase.kind !== 'idle' && phase.kind !== 'failed' && <p className="bundle-path">{phase.path}</p>}
      {busy && (
        <p className="bundle-busy" role="status">
          <span className="bundle-spinner" aria-hidden="true" /> Checking the bundle…
        </p>
      )}
      {phase.kind === 'checked' && (
        <>
          <VerifyResult report={phase.report} />
          <SignerResult signer={phase.report.signer} />
        </>
      )}
      {phase.kind === 'failed' && (
        <p className="bundle-error" role="alert">
          The bundle could not be checked: {phase.message}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => void choose()} disabled={busy} data-autofocus>
          {phase.kind === 'idle' ? 'Choose bundle…' : 'Verify another…'}
        </button>
      </div>
    </Modal>
  );
}

/** ✓ with the file count, or ✗ and one line per problem (then `failedNote`, if given). */
export function VerifyResult({ report, failedNote }: { report: VerifyReport; failedNote?: ReactNode }) {
  if (report.ok) {
    return (
      <p className="bundle-ok" role="status">
        <span aria-hidden="true">✓ </span>
        Bundle verified: {report.files.toLocaleString()} files, signature and audit chain intact
      </p>
    );
  }
  const n = report.problems.length;
  return (
    <div className="bundle-failed" role="alert">
      <p>
        <span aria-hidden="true">✗ </span>
        The bundle failed verification: {n === 1 ? 'one problem' : `${n} problems`}
      </p>
      <ul className="bundle-problems" aria-label="Problems">
        {report.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
      {failedNote && <p className="bundle-failed-note">{failedNote}</p>}
    </div>
  );
}
