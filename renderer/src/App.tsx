/**
 * The workspace: case header, documents with import controls, and search. Errors from
 * any call land in one alert region, each naming the file or item at fault.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError, messageOf, onEvent } from './api.ts';
import { CaseHeader } from './case/CaseHeader.tsx';
import { useCase } from './case/useCase.ts';
import { DocumentTable } from './documents/DocumentTable.tsx';
import { ImportPanel } from './import/ImportPanel.tsx';
import { useImport } from './import/useImport.ts';
import { SearchPanel } from './search/SearchPanel.tsx';

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

interface Problem {
  id: number;
  message: string;
  code: string | null;
}

export function App() {
  const [problems, setProblems] = useState<Problem[]>([]);
  const nextProblem = useRef(1);
  const report = useCallback((err: unknown) => {
    const code = err instanceof ApiError ? err.code : null;
    const message = messageOf(err);
    // A call that fails the same way twice (StrictMode, a retried click) is shown once.
    setProblems((list) =>
      list.some((p) => p.message === message) ? list : [...list, { id: nextProblem.current++, message, code }],
    );
  }, []);

  const kase = useCase(report);
  const importer = useImport(kase.refresh, report);
  const searchInput = useRef<HTMLInputElement>(null);
  const docsHeadingId = useId();
  const { pick } = importer;

  useEffect(() => {
    document.title = kase.info ? `${kase.info.name} — Exhibit` : 'Exhibit';
  }, [kase.info]);

  // Ctrl/Cmd+O imports files in every host (Electron's menu shows the key but leaves it to
  // the page); "/" outside a text field jumps to search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void pick('files');
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !isTextField(e.target)) {
        e.preventDefault();
        searchInput.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pick]);

  useEffect(() => {
    try {
      return onEvent('menu.command', (command) => void pick(command === 'import-folder' ? 'folder' : 'files'));
    } catch {
      return undefined; // no bridge: already reported by the first failed call
    }
  }, [pick]);

  const busy = importer.running !== null;
  return (
    <div className="app">
      <CaseHeader info={kase.info} failed={kase.failed} />
      {problems.length > 0 && (
        <div className="alerts" role="alert">
          {problems.map((p) => (
            <div key={p.id} className="alert" data-code={p.code ?? undefined}>
              <span className="alert-text">{p.message}</span>
              <button
                type="button"
                className="quiet"
                onClick={() => setProblems((l) => l.filter((x) => x.id !== p.id))}
                aria-label={`Dismiss: ${p.message}`}
              >
                Dismiss
              </button>
            </div>
          ))}
        </div>
      )}
      <main className="workspace">
        <section className="pane pane-documents" aria-labelledby={docsHeadingId}>
          <div className="pane-head">
            <h2 id={docsHeadingId}>Documents</h2>
            {kase.documents && <span className="count">{kase.documents.length.toLocaleString()}</span>}
            <div className="toolbar">
              <button
                type="button"
                className="primary"
                onClick={() => void pick('files')}
                disabled={busy}
                aria-keyshortcuts="Control+O"
              >
                Import files…
              </button>
              <button type="button" onClick={() => void pick('folder')} disabled={busy}>
                Import folder…
              </button>
            </div>
          </div>
          <ImportPanel state={importer} />
          <DocumentTable documents={kase.documents} failed={kase.failed} />
        </section>
        <SearchPanel report={report} inputRef={searchInput} />
      </main>
    </div>
  );
}
