/**
 * The workspace: the case bar, the library on the left, the open document in the
 * middle, case search on the right, all of it for the open case only. Menu items, shortcuts and buttons all arrive as app
 * commands (shortcuts/commands.ts). Errors from any call land in one alert region, each
 * naming the file or item at fault; confirmations of what was done land in a notice.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSummary } from '../../shared/ipc/contract.ts';
import { ApiError, call, messageOf } from './api.ts';
import { CaseHeader } from './case/CaseHeader.tsx';
import { useBackupStatus } from './case/useBackupStatus.ts';
import { useCase, type CaseState } from './case/useCase.ts';
import { shownTitle, useDisplayTitles } from './documents/titles.ts';
import { useDocumentActions, type Notice } from './documents/useDocumentActions.ts';
import { useDropImport } from './import/useDropImport.ts';
import { useImport } from './import/useImport.ts';
import { AppDialogs, type DialogState } from './library/AppDialogs.tsx';
import { AllegationsPane } from './allegations/AllegationsPane.tsx';
import { ledgerChanged } from './allegations/changes.ts';
import { highlightsChanged } from './highlights/changes.ts';
import { LedgerPane, type LedgerView } from './allegations/LedgerPane.tsx';
import { CourtPane } from './court/CourtPane.tsx';
import type { OpenPassage } from './allegations/PassageList.tsx';
import { revealDrawerOf } from './layout/Drawer.tsx';
import { LibraryPane } from './library/LibraryPane.tsx';
import { SideColumn, type SideTab } from './library/SideColumn.tsx';
import { NoticeBar } from './library/NoticeBar.tsx';
import { useReading } from './library/useReading.ts';
import { useReopenAfterOcr } from './ocr/useReopenAfterOcr.ts';
import { SearchPanel, type OpenHit } from './search/SearchPanel.tsx';
import { useTheme } from './settings/ThemeChoice.tsx';
import { useSettings, type SettingsState } from './settings/useSettings.ts';
import { useCommand } from './shortcuts/commands.ts';
import { useShortcuts } from './shortcuts/useShortcuts.ts';
import { redo, undo } from './undo/undo.ts';
import { DocumentViewer } from './viewer/DocumentViewer.tsx';

const NO_DOCUMENTS: DocumentSummary[] = [];

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
  const prefs = useSettings(report);
  useTheme(prefs);
  // Another case: the old one's problems go with its views (adjusted while rendering, not in an effect).
  const [problemsOf, setProblemsOf] = useState(kase.generation);
  if (problemsOf !== kase.generation) {
    setProblemsOf(kase.generation);
    setProblems([]);
  }
  const dismissProblem = useCallback((id: number) => setProblems((l) => l.filter((x) => x.id !== id)), []);
  // Everything shown of a case starts afresh for another: nothing of one case inside another.
  return (
    <Workspace
      key={kase.generation}
      kase={kase}
      prefs={prefs}
      report={report}
      problems={problems}
      onDismissProblem={dismissProblem}
    />
  );
}

interface WorkspaceProps {
  kase: CaseState;
  prefs: SettingsState;
  report(err: unknown): void;
  problems: Problem[];
  onDismissProblem(id: number): void;
}

/**
 * The open case's workspace. Its state (the open document, search hits, ledger views,
 * filters, the last import, dialogs, notices) belongs to that case: App mounts a fresh
 * one for each case opened.
 */
function Workspace({ kase, prefs, report, problems, onDismissProblem }: WorkspaceProps) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const importer = useImport(kase.refresh, report);
  const reading = useReading(kase, prefs);
  const actions = useDocumentActions(kase.refresh, report, setNotice);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [sidebarHidden, setSidebarHidden] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const [sideTab, setSideTab] = useState<SideTab>('search');
  // The ledger views take the middle of the window while open; the open document waits behind them.
  const [ledger, setLedger] = useState<{ view: LedgerView; allegationId: string | null } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  // The Court bundle view takes the middle of the window as the ledger does; one of them at a time.
  const [court, setCourt] = useState(false);
  // Bumped by a bundle import, which may bring plans: the Court bundle view then reads them afresh.
  const [courtVersion, setCourtVersion] = useState(0);
  // The response map's document, kept while the reviewer switches ledger tabs or closes the ledger.
  const [responseDocId, setResponseDocId] = useState('');
  const notifyDone = useCallback((message: string) => setNotice({ message, undoable: true }), []);
  const notifyPlain = useCallback((message: string) => setNotice({ message, undoable: false }), []);
  const backup = useBackupStatus(kase.info, notifyPlain);
  const dragging = useDropImport(importer.importPaths, importer.running !== null, report);
  useShortcuts();
  // The open document is named as everywhere else: told apart from others of its title.
  const titles = useDisplayTitles(kase.documents ?? NO_DOCUMENTS);
  const openTitle = reading.open ? shownTitle(titles, reading.open.doc.documentId, reading.open.doc.title) : null;

  useEffect(() => {
    document.title = kase.info ? `${openTitle ? `${openTitle} — ` : ''}${kase.info.name} — Exhibit` : 'Exhibit';
  }, [kase.info, openTitle]);

  // The document a Case-menu command acts on: the one selected in the list, else the one open.
  const current = (): DocumentSummary | null =>
    kase.documents?.find((d) => d.documentId === reading.selectedId) ?? reading.open?.doc ?? null;

  const history = (step: typeof undo, verb: 'Undone' | 'Redone') => async () => {
    try {
      const done = await step();
      setNotice(
        done
          ? { message: `${verb}: ${done.label}`, undoable: false }
          : { message: `Nothing to ${verb === 'Undone' ? 'undo' : 'redo'}.`, undoable: false },
      );
    } catch (err) {
      report(err);
    }
  };
  const verifyAudit = async () => {
    try {
      const r = await call('audit.verify', {});
      if (r.ok)
        setNotice({
          message: `Audit log verified: ${r.rows.toLocaleString()} entries, the hash chain is intact.`,
          undoable: false,
        });
      else
        report(
          new ApiError(
            'internal',
            `The audit log is broken at entry ${r.firstBroken?.seq ?? '?'}: ${r.firstBroken?.reason ?? 'unknown reason'}`,
            null,
          ),
        );
    } catch (err) {
      report(err);
    }
  };
  // A merge adds documents and may add or change allegations, links and the highlights of open documents.
  const bundleImported = async () => {
    const shown = kase.documents ?? [];
    await kase.refresh();
    ledgerChanged();
    setCourtVersion((v) => v + 1);
    for (const d of shown) highlightsChanged(d.documentId);
  };
  const editCurrent = (kind: 'provenance' | 'remove') => {
    const doc = current();
    if (!doc) setNotice({ message: 'Select a document in the list first.', undoable: false });
    else setDialog(kind === 'provenance' ? { kind, docs: [doc] } : { kind, doc });
  };
  // Case > Re-run OCR…: the dialog says what is read; a document with nothing to read is told here.
  const rerunCurrent = () => {
    const doc = current();
    if (!doc) setNotice({ message: 'Select a document in the list first.', undoable: false });
    else if (doc.kind === 'text')
      setNotice({
        message: `“${shownTitle(titles, doc.documentId, doc.title)}” is a text document: OCR has nothing to read in it.`,
        undoable: false,
      });
    else setDialog({ kind: 'rerun-ocr', doc });
  };
  useReopenAfterOcr(kase.info?.path ?? null, reading.open?.doc.documentId ?? null, reading.reopen);

  useCommand('import-files', () => void importer.pick('files'));
  useCommand('import-folder', () => void importer.pick('folder'));
  useCommand('open-case', () => void kase.choose('open'));
  useCommand('new-case', () => void kase.choose('create'));
  useCommand('case-changed', () => void kase.switched());
  useCommand('undo', () => void history(undo, 'Undone')());
  useCommand('redo', () => void history(redo, 'Redone')());
  useCommand('search-case', () => {
    setSideTab('search');
    revealDrawerOf(searchInput.current);
    searchInput.current?.focus();
    searchInput.current?.select();
  });
  useCommand('toggle-sidebar', reading.open || ledger || court ? () => setSidebarHidden((h) => !h) : null);
  useCommand('remove-document', () => editCurrent('remove'));
  useCommand('edit-provenance', () => editCurrent('provenance'));
  useCommand('rerun-ocr', rerunCurrent);
  useCommand('verify-audit', () => void verifyAudit());
  useCommand('show-shortcuts', () => setDialog({ kind: 'shortcuts' }));
  useCommand('set-reviewer', () => setDialog({ kind: 'reviewer' }));
  useCommand('export-bundle', () => setDialog({ kind: 'export-bundle' }));
  useCommand('verify-bundle', () => setDialog({ kind: 'verify-bundle' }));
  useCommand('import-bundle', () => setDialog({ kind: 'import-bundle' }));
  useCommand('show-trusted-signers', () => setDialog({ kind: 'trusted-signers' }));
  useCommand('backup-now', () => void backup.backUpNow().catch(report));
  useCommand('show-allegations', () => {
    setSideTab('allegations');
    // After React shows the tab: focus the first allegation, else the board's first control.
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('.pane-allegations .alg-open, .pane-allegations .alg-board-head button');
      revealDrawerOf(first);
      first?.focus();
    });
  });
  useCommand('show-matrix', () => {
    setCourt(false);
    setLedger({ view: 'matrix', allegationId: detailId });
  });
  useCommand('court-bundle', () => {
    setLedger(null);
    setCourt(true);
  });

  const openHit = (hit: OpenHit) => {
    const doc = kase.documents?.find((d) => d.documentId === hit.documentId);
    if (!doc) return;
    // The ledger views cover the document; a hit the reviewer clicked must show.
    setLedger(null);
    setCourt(false);
    reading.openDocument(doc, hit.page, hit.terms);
  };

  const openDetail = (allegationId: string) => {
    setDetailId(allegationId);
    setCourt(false);
    setLedger({ view: 'detail', allegationId });
  };
  const openPassage = (p: OpenPassage) => {
    const doc = kase.documents?.find((d) => d.documentId === p.documentId);
    if (!doc) return;
    setLedger(null);
    setCourt(false);
    reading.openDocument(doc, p.page);
  };

  const open = reading.open;
  const middle = court || ledger !== null || open !== null;
  const layout = middle ? (sidebarHidden ? 'reading no-sidebar' : 'reading') : 'browsing';
  // In a narrow window the side panes are drawers (layout/Drawer.tsx): they close once what was opened from them shows.
  const shown = `${open?.visit ?? 0}:${ledger?.view ?? ''}:${ledger?.allegationId ?? ''}:${court}`;
  return (
    <div className="app">
      <CaseHeader
        kase={kase}
        backup={backup}
        onEditReviewer={() => setDialog({ kind: 'reviewer' })}
        onShowShortcuts={() => setDialog({ kind: 'shortcuts' })}
        theme={prefs.settings?.theme ?? 'system'}
        onTheme={(theme) => void prefs.setTheme(theme)}
        report={report}
      />
      {problems.length > 0 && (
        <div className="alerts" role="alert">
          {problems.map((p) => (
            <div key={p.id} className="alert" data-code={p.code ?? undefined}>
              <span className="alert-text">{p.message}</span>
              <button type="button" className="quiet" onClick={() => onDismissProblem(p.id)} aria-label={`Dismiss: ${p.message}`}>
                Dismiss
              </button>
            </div>
          ))}
        </div>
      )}
      <main className={`workspace ${layout}`}>
        {!(middle && sidebarHidden) && (
          <LibraryPane
            kase={kase}
            importer={importer}
            selectedId={reading.selectedId}
            openId={open?.doc.documentId ?? null}
            compact={middle}
            doneKey={shown}
            onSelect={reading.select}
            onOpen={(doc) => {
              setCourt(false);
              reading.openDocument(doc);
            }}
            onCourtBundle={() => {
              setLedger(null);
              setCourt(true);
            }}
            onEditProvenance={(docs) => docs.length > 0 && setDialog({ kind: 'provenance', docs })}
            onRemove={(doc) => setDialog({ kind: 'remove', doc })}
            onRerunOcr={(doc) => setDialog({ kind: 'rerun-ocr', doc })}
            report={report}
          />
        )}
        {court && (
          <CourtPane
            key={courtVersion}
            documents={kase.documents ?? []}
            reviewer={kase.info?.reviewer ?? prefs.settings?.reviewerName ?? ''}
            onClose={() => setCourt(false)}
            report={report}
          />
        )}
        {ledger && !court && (
          <LedgerPane
            view={ledger.view}
            allegationId={ledger.allegationId}
            documents={kase.documents ?? []}
            responseDocId={responseDocId}
            onResponseDoc={setResponseDocId}
            onView={(view) => setLedger({ ...ledger, view })}
            onOpenPassage={openPassage}
            onOpenDetail={openDetail}
            onClose={() => setLedger(null)}
            report={report}
            notify={notifyDone}
          />
        )}
        {open && !ledger && !court && (
          <section className="pane pane-viewer" aria-label="Open document">
            <div className="viewer-head">
              <h2 className="viewer-title" title={openTitle ?? open.doc.title}>
                {openTitle ?? open.doc.title}
              </h2>
              <button type="button" className="quiet" onClick={reading.close}>
                Close document
              </button>
            </div>
            <DocumentViewer
              key={`${open.doc.documentId}:${open.visit}`}
              documentId={open.doc.documentId}
              // An image document reaches the viewer as a PDF of its pages (documents/viewable.ts).
              kind={open.doc.kind === 'text' ? 'text' : 'pdf'}
              title={openTitle ?? open.doc.title}
              initialPage={open.page}
              searchTerms={open.terms}
              onPageChange={reading.pageChanged}
              onRerunOcr={() => setDialog({ kind: 'rerun-ocr', doc: open.doc })}
              resumeView={open.resumed}
            />
          </section>
        )}
        <SideColumn
          tab={sideTab}
          onTab={setSideTab}
          doneKey={shown}
          search={<SearchPanel report={report} inputRef={searchInput} onOpenHit={openHit} />}
          allegations={
            <AllegationsPane
              report={report}
              notify={notifyDone}
              selectedId={ledger?.view === 'detail' ? ledger.allegationId : null}
              onOpenDetail={openDetail}
              onOpenView={(view) => {
                setCourt(false);
                setLedger({ view, allegationId: detailId });
              }}
            />
          }
        />
      </main>
      {notice && <NoticeBar notice={notice} onUndo={() => void history(undo, 'Undone')()} onDismiss={dismissNotice} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-target">Drop files or folders to import them into {kase.info?.name ?? 'this case'}</div>
        </div>
      )}
      <AppDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        reviewer={{
          name: kase.info?.reviewer ?? prefs.settings?.reviewerName ?? '',
          organization: prefs.settings?.organization ?? '',
        }}
        onSaveReviewer={async (identity) => {
          const saved = await prefs.setReviewer(identity.name, identity.organization);
          if (saved) await kase.refresh();
          return saved;
        }}
        actions={actions}
        caseName={kase.info?.name ?? 'case'}
        documents={kase.documents ?? []}
        onBundleImported={bundleImported}
      />
    </div>
  );
}
