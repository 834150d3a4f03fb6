/**
 * Export an evidence bundle: the whole case, or the allegations and documents the reviewer
 * ticks. The host's save dialog picks the file; the engine writes it atomically and reports
 * each step. While it runs, Cancel, Escape and the close button all cancel the export (the
 * engine removes its temporary file), and the dialog stays to say that nothing was written.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { EXPORT_STEPS } from '../../../shared/bundle-progress.ts';
import type { Allegation } from '../../../shared/ipc/allegation-schemas.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { ApiError, call, messageOf } from '../api.ts';
import { shownTitle, useDisplayTitles } from '../documents/titles.ts';
import { Modal } from '../ui/Modal.tsx';
import { formatBytes, suggestedBundleName } from './format.ts';
import { JobProgress } from './JobProgress.tsx';
import { useBundleJob } from './useBundleJob.ts';
import './bundle.css';

type Scope = 'case' | 'selection';
type Phase =
  | { kind: 'choosing' }
  | { kind: 'busy'; cancelling: boolean }
  | { kind: 'done'; out: string; files: number; bytes: number; warnings: string[] }
  | { kind: 'cancelled'; out: string }
  | { kind: 'failed'; message: string };

/** A ticked set, toggled by id; a new Set each time so React sees the change. */
const toggled = (set: Set<string>, id: string): Set<string> => {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
};

export function ExportBundleDialog({
  caseName,
  documents,
  onClose,
}: {
  caseName: string;
  documents: DocumentSummary[];
  onClose(): void;
}) {
  const [scope, setScope] = useState<Scope>('case');
  const [allegations, setAllegations] = useState<Allegation[] | null>(null);
  const [pickedAllegations, setPickedAllegations] = useState<Set<string>>(new Set());
  const [pickedDocuments, setPickedDocuments] = useState<Set<string>>(new Set());
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const job = useBundleJob();
  const id = useId();
  const titles = useDisplayTitles(documents);

  useEffect(() => {
    let live = true;
    call('allegations.list', {})
      .then((list) => live && setAllegations(list))
      .catch((err: unknown) => live && setPhase({ kind: 'failed', message: messageOf(err) }));
    return () => {
      live = false;
    };
  }, []);

  const nothingPicked = scope === 'selection' && pickedAllegations.size === 0 && pickedDocuments.size === 0;
  const busy = phase.kind === 'busy';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (nothingPicked || busy) return;
    try {
      const [path] = await call('dialog.saveBundle', { suggestedName: suggestedBundleName(caseName, new Date()) });
      if (!path) return; // The reviewer cancelled the save dialog: stay on the choices.
      const jobId = job.begin();
      setPhase({ kind: 'busy', cancelling: false });
      const args =
        scope === 'case'
          ? { path, jobId }
          : {
              path,
              jobId,
              ...(pickedAllegations.size > 0 ? { allegationIds: [...pickedAllegations] } : {}),
              ...(pickedDocuments.size > 0 ? { documentIds: [...pickedDocuments] } : {}),
            };
      try {
        const r = await call('bundle.export', args);
        setPhase({ kind: 'done', ...r });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'cancelled') setPhase({ kind: 'cancelled', out: path });
        else throw err;
      } finally {
        job.end();
      }
    } catch (err) {
      setPhase({ kind: 'failed', message: messageOf(err) });
    }
  };

  const cancel = async () => {
    if (!job.jobId || (phase.kind === 'busy' && phase.cancelling)) return;
    setPhase({ kind: 'busy', cancelling: true });
    try {
      await call('bundle.cancel', { jobId: job.jobId });
    } catch (err) {
      setPhase({ kind: 'failed', message: messageOf(err) });
    }
  };
  // Escape and the close button stop a running export rather than hide it.
  const close = () => (busy ? void cancel() : onClose());

  if (phase.kind === 'done') {
    return (
      <Modal title="Bundle exported" onClose={onClose} className="bundle-dialog" focusKey={phase.kind}>
        <p className="bundle-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {/* The engine counts the payload (data/…); the bag's own manifests and signature come on top. */}
          Exported {phase.files.toLocaleString()} evidence files, {formatBytes(phase.bytes)} in all, to:
        </p>
        <p className="bundle-path">{phase.out}</p>
        {phase.warnings.length > 0 && (
          <ul className="bundle-warnings" aria-label="Warnings">
            {phase.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        <div className="modal-actions">
          <button type="button" className="primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="Export evidence bundle" onClose={close} className="bundle-dialog" focusKey={phase.kind}>
      <form onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <fieldset className="bundle-scope" disabled={busy}>
          <legend>What goes in the bundle</legend>
          <label>
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope === 'case'}
              onChange={() => setScope('case')}
              data-autofocus={phase.kind === 'choosing' || phase.kind === 'failed' || undefined}
            />{' '}
            The whole case
          </label>
          <label>
            <input type="radio" name={`${id}-scope`} checked={scope === 'selection'} onChange={() => setScope('selection')} />{' '}
            Only the allegations and documents ticked below, with the highlights and links between them
          </label>
        </fieldset>
        {scope === 'selection' && (
          <div className="bundle-picks">
            <fieldset disabled={busy}>
              <legend>Allegations</legend>
              {allegations === null && <p className="muted">Loading…</p>}
              {allegations?.length === 0 && <p className="muted">The case has no allegations.</p>}
              <ul className="bundle-list">
                {allegations?.map((a) => (
                  <li key={a.allegationId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={pickedAllegations.has(a.allegationId)}
                        onChange={() => setPickedAllegations((s) => toggled(s, a.allegationId))}
                      />{' '}
                      <span className="bundle-code">{a.code}</span> {a.title}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <fieldset disabled={busy}>
              <legend>Documents</legend>
              {documents.length === 0 && <p className="muted">The case has no documents.</p>}
              <ul className="bundle-list">
                {documents.map((d) => (
                  <li key={d.documentId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={pickedDocuments.has(d.documentId)}
                        onChange={() => setPickedDocuments((s) => toggled(s, d.documentId))}
                      />{' '}
                      {shownTitle(titles, d.documentId, d.title)}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
        )}
        {phase.kind === 'busy' && (
          <JobProgress
            progress={job.progress}
            steps={EXPORT_STEPS}
            label="Export progress"
            starting={phase.cancelling ? 'Cancelling…' : 'Starting the export…'}
          />
        )}
        {phase.kind === 'cancelled' && (
          <p className="bundle-cancelled" role="status">
            The export was cancelled; nothing was written to <span className="bundle-path-inline">{phase.out}</span>.
          </p>
        )}
        {phase.kind === 'failed' && (
          <p className="bundle-error" role="alert">
            The bundle was not exported: {phase.message}
          </p>
        )}
        <div className="modal-actions">
          {/* Keyed by what each does: Cancel export stays one element through every progress update, and the
              Close that replaces it is a new one, so a click aimed at one never lands on the other. */}
          {phase.kind === 'busy' ? (
            // Not disabled while cancelling: a disabled button would drop the keyboard focus.
            <button key="cancel-job" type="button" onClick={() => void cancel()} aria-disabled={phase.cancelling} data-autofocus>
              {phase.cancelling ? 'Cancelling…' : 'Cancel export'}
            </button>
          ) : (
            <button key="close" type="button" onClick={onClose} data-autofocus={phase.kind === 'cancelled' || undefined}>
              {phase.kind === 'cancelled' ? 'Close' : 'Cancel'}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || nothingPicked}>
            {busy ? 'Exporting…' : phase.kind === 'cancelled' ? 'Export again…' : 'Export…'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
