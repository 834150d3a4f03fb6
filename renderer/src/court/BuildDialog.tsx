/**
 * Building the court bundle from the saved plan: the save dialog, then court.build with a job
 * id, its court.progress events and Cancel, then what was built (pages, each document's
 * range, pages put on a larger sheet, warnings). An encrypted document whose password the
 * case does not hold is asked for by name and the build retried with it; any other error
 * names the document at fault, as the engine words it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CourtBundleResult, CourtProgress } from '../../../shared/ipc/contract.ts';
import { ApiError, call, messageOf, onEvent } from '../api.ts';
import { DocumentPassword } from '../ui/DocumentPassword.tsx';
import { Modal } from '../ui/Modal.tsx';
import '../bundle/bundle.css';

type Stage =
  | { kind: 'choosing' }
  | { kind: 'building'; out: string }
  | { kind: 'password'; out: string; title: string; wrong: boolean }
  | { kind: 'done'; result: CourtBundleResult }
  | { kind: 'failed'; message: string };

const PHASES: Record<CourtProgress['phase'], string> = {
  checking: 'Checking the documents',
  documents: 'Copying pages',
  index: 'Writing the index',
  stamping: 'Stamping page numbers',
  saving: 'Saving',
};

function describe(p: CourtProgress | null): string {
  if (!p) return 'Starting…';
  const count = p.total > 0 ? ` (${p.done.toLocaleString()} of ${p.total.toLocaleString()})` : '';
  return `${PHASES[p.phase]}${count}${p.item ? `: ${p.item}` : ''}`;
}

export function BuildDialog({ planId, planName, onClose }: { planId: string; planName: string; onClose(): void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'choosing' });
  const [progress, setProgress] = useState<CourtProgress | null>(null);
  const [password, setPassword] = useState('');
  const job = useRef<string | null>(null);
  const passwords = useRef<string[]>([]);
  const formId = useId();

  useEffect(() => onEvent('court.progress', (p) => p.jobId === job.current && setProgress(p)), []);

  const build = async (out: string) => {
    const jobId = crypto.randomUUID();
    job.current = jobId;
    setProgress(null);
    setStage({ kind: 'building', out });
    try {
      const result = await call('court.build', {
        path: out,
        planId,
        jobId,
        ...(passwords.current.length ? { passwords: passwords.current } : {}),
      });
      setStage({ kind: 'done', result });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'password-required' || err.code === 'password-incorrect')) {
        setPassword('');
        setStage({ kind: 'password', out, title: err.subject ?? 'a document', wrong: err.code === 'password-incorrect' });
      } else setStage({ kind: 'failed', message: messageOf(err) });
    } finally {
      job.current = null;
    }
  };

  // Ask where to save as soon as the dialog opens; no answer closes it.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    const name = `${planName.replace(/[\\/:*?"<>|]+/g, '-')}.pdf`;
    call('dialog.saveCourtBundle', { suggestedName: name })
      .then(([out]) => (out ? build(out) : onClose()))
      .catch((err: unknown) => setStage({ kind: 'failed', message: messageOf(err) }));
    // build and onClose are stable for this dialog's one run.
    // build and onClose are this dialog's own for its one run; the question is asked once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const cancel = () => {
    if (job.current) void call('court.cancel', { jobId: job.current });
  };
  const close = stage.kind === 'building' ? cancel : onClose;

  return (
    <Modal title="Build court bundle" onClose={close} className="bundle-dialog court-build" focusKey={stage.kind}>
      {stage.kind === 'choosing' && <p>Choose where to save the bundle…</p>}
      {stage.kind === 'building' && (
        <div className="bundle-progress" role="status">
          <div className="bundle-progress-line">
            <span className="bundle-progress-text">{describe(progress)}</span>
          </div>
          <progress
            aria-label="Court bundle progress"
            max={1}
            value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
          />
        </div>
      )}
      {stage.kind === 'password' && (
        <DocumentPassword
          formId={formId}
          title={stage.title}
          wrong={stage.wrong}
          why="The case does not hold its password. Enter it to include the document; nothing has been written yet."
          wrongNote="Try again."
          password={password}
          onPassword={setPassword}
          onSubmit={() => {
            passwords.current = [...passwords.current, password];
            void build(stage.out);
          }}
        />
      )}
      {stage.kind === 'failed' && (
        <p className="bundle-error" role="alert">
          {stage.message}
        </p>
      )}
      {stage.kind === 'done' && <BuildResult result={stage.result} />}
      <div className="modal-actions">
        {stage.kind === 'building' && (
          <button type="button" onClick={cancel} data-autofocus>
            Cancel
          </button>
        )}
        {stage.kind === 'password' && (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form={formId} className="primary" disabled={!password}>
              Build with this password
            </button>
          </>
        )}
        {(stage.kind === 'done' || stage.kind === 'failed' || stage.kind === 'choosing') && (
          <button type="button" className="primary" onClick={onClose} data-autofocus>
            Close
          </button>
        )}
      </div>
    </Modal>
  );
}

function BuildResult({ result }: { result: CourtBundleResult }) {
  const range = (a: number, b: number) => (a === b ? `page ${a}` : `pages ${a}–${b}`);
  return (
    <div className="court-result">
      <p className="bundle-ok" role="status">
        Built: {result.pages.toLocaleString()} pages ({result.coverPages} cover, {result.indexPages} index).
      </p>
      <p className="bundle-path">{result.out}</p>
      {result.indexDocx && <p className="bundle-path">Index for counsel: {result.indexDocx}</p>}
      <table className="court-ranges">
        <caption className="visually-hidden">Where each document is in the bundle</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Document</th>
            <th scope="col">Pages</th>
          </tr>
        </thead>
        <tbody>
          {result.entries.map((e) => (
            <tr key={`${e.section}:${e.documentId}`}>
              <td>{e.section}</td>
              <td>{e.title}</td>
              <td className="nowrap">{range(e.firstPage, e.lastPage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.shrunkPages.length > 0 && (
        <p>
          Put on a slightly larger sheet so the stamp does not cover their content:{' '}
          {result.shrunkPages.length === 1 ? 'page' : 'pages'} {result.shrunkPages.join(', ')}.
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="court-warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
