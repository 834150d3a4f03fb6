/**
 * Import feedback under the toolbar: a progress bar with Cancel while a job runs, then
 * a per-file account of what happened, with a password prompt for encrypted PDFs.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ImportResult } from '../../../shared/ipc/contract.ts';
import { isPasswordFailure, type ImportState, type RunningImport } from './useImport.ts';
import './import.css';

const baseName = (p: string) => p.split(/[\\/]/).pop() || p;
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function Progress({ running, onCancel }: { running: RunningImport; onCancel: () => void }) {
  const p = running.progress;
  const total = p?.filesTotal ?? 0;
  const done = p?.filesDone ?? 0;
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <div className="progress-line">
        <span className="progress-text">
          {p
            ? `Importing ${done.toLocaleString()} of ${plural(total, 'file')} · ${plural(p.pagesDone, 'page')}`
            : 'Starting import…'}
        </span>
        <button type="button" onClick={onCancel} disabled={running.cancelling}>
          {running.cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      </div>
      {/* Without a total yet the bar is indeterminate rather than falsely empty. */}
      <progress aria-label="Import progress" max={total || undefined} value={total ? done : undefined} />
      {p?.currentFile && (
        <span className="progress-file" title={p.currentFile}>
          {baseName(p.currentFile)}
        </span>
      )}
    </div>
  );
}

const cancelled = (r: ImportResult) => r.status === 'failed' && r.error !== null && /import cancelled$/.test(r.error);

function statusOf(r: ImportResult): { label: string; tone: string } {
  if (r.status === 'imported') return { label: 'Imported', tone: 'ok' };
  if (r.status === 'duplicate') return { label: 'Already in case', tone: 'muted' };
  if (r.status === 'skipped') return { label: 'Link skipped', tone: 'warn' };
  if (cancelled(r)) return { label: 'Cancelled', tone: 'muted' };
  if (isPasswordFailure(r)) return { label: 'Needs password', tone: 'warn' };
  return { label: 'Failed', tone: 'error' };
}

/** Asks for the password of the encrypted PDFs of the last import, then imports them again. */
function PasswordRetry({ files, onRetry }: { files: string[]; onRetry: (password: string) => void }) {
  const [password, setPassword] = useState('');
  const inputId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) onRetry(password);
  };
  return (
    <form className="password-retry" onSubmit={submit}>
      <label htmlFor={inputId}>
        {files.length === 1
          ? `${baseName(files[0]!)} is encrypted. Its password:`
          : `${files.length} PDFs are encrypted. Their password:`}
      </label>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        value={password}
        aria-describedby={`${inputId}-hint`}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" disabled={!password}>
        Retry with password
      </button>
      <p id={`${inputId}-hint`} className="password-hint">
        Used for this import only: the case does not keep it.
      </p>
    </form>
  );
}

function Results({
  results,
  needPassword,
  onRetry,
  onDismiss,
  onAddProvenance,
}: {
  results: ImportResult[];
  needPassword: string[];
  onRetry: (password: string) => void;
  onDismiss: () => void;
  onAddProvenance: (documentIds: string[]) => void;
}) {
  const imported = results.filter((r) => r.status === 'imported').length;
  const duplicates = results.filter((r) => r.status === 'duplicate').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const failed = results.length - imported - duplicates - skipped;
  const headingId = useId();
  return (
    <section className="import-results" aria-labelledby={headingId}>
      <div className="results-head">
        <h3 id={headingId}>Last import</h3>
        <span className="results-summary" role="status">
          {plural(imported, 'file')} imported · {duplicates.toLocaleString()} already in case · {failed.toLocaleString()} not
          imported
          {skipped > 0 && ` · ${plural(skipped, 'link')} skipped`}
        </span>
        {imported > 0 && (
          <button
            type="button"
            onClick={() =>
              onAddProvenance(results.flatMap((r) => (r.status === 'imported' && r.documentId ? [r.documentId] : [])))
            }
          >
            Record provenance…
          </button>
        )}
        <button type="button" className="quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {results.length === 0 ? (
        <p className="empty">No importable files were found (PDF, .txt or .md).</p>
      ) : (
        <ul className="result-list" aria-label="Import results">
          {results.map((r) => {
            const status = statusOf(r);
            return (
              <li key={r.path} className={`result result-${status.tone}`}>
                <span className="result-status">
                  <span className={`badge badge-${status.tone}`}>{status.label}</span>
                </span>
                <span className="result-file" title={r.path}>
                  {baseName(r.path)}
                </span>
                {r.pages !== null && r.status !== 'failed' && <span className="result-pages">{plural(r.pages, 'page')}</span>}
                {r.status === 'failed' && r.error && !cancelled(r) && <span className="result-error">{r.error}</span>}
                {r.status === 'skipped' && r.error && <span className="result-error">{r.error}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {needPassword.length > 0 && <PasswordRetry files={needPassword} onRetry={onRetry} />}
    </section>
  );
}

/**
 * Progress while running; the last job's results otherwise (with the offer to record where
 * the new documents came from); nothing before the first import.
 */
export function ImportPanel({
  state,
  onAddProvenance,
}: {
  state: ImportState;
  onAddProvenance: (documentIds: string[]) => void;
}) {
  if (state.running) return <Progress running={state.running} onCancel={() => void state.cancel()} />;
  if (!state.results) return null;
  return (
    <Results
      results={state.results}
      needPassword={state.needPassword}
      onRetry={(password) => void state.retryWithPassword(password)}
      onDismiss={state.dismiss}
      onAddProvenance={onAddProvenance}
    />
  );
}
