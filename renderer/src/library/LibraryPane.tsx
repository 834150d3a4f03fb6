/**
 * The library: the case's documents with import controls, a filter box and sortable
 * columns. Beside an open document it narrows to titles and pages, and in a narrow window
 * folds into a drawer at the window's left edge (layout/Drawer.tsx). An empty case says
 * how to begin and, on first run, offers the sample case.
 */
import { useId, useMemo, useState } from 'react';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { SampleOffer } from '../case/SampleOffer.tsx';
import type { CaseState } from '../case/useCase.ts';
import { DocumentTable } from '../documents/DocumentTable.tsx';
import { filterDocuments, nextSort, sortDocuments, type Sort } from '../documents/sortFilter.ts';
import { shownTitle, useDisplayTitles } from '../documents/titles.ts';
import { ImportPanel } from '../import/ImportPanel.tsx';
import { Drawer } from '../layout/Drawer.tsx';
import { canReadAgain, useOcrStatuses } from '../ocr/useOcrStatuses.ts';
import type { ImportState } from '../import/useImport.ts';
import './library.css';

export interface LibraryPaneProps {
  kase: CaseState;
  importer: ImportState;
  selectedId: string | null;
  openId: string | null;
  compact: boolean;
  /** Beside a document in a narrow window the list is a drawer; it closes when this changes. */
  doneKey?: unknown;
  onSelect(doc: DocumentSummary): void;
  onOpen(doc: DocumentSummary): void;
  onEditProvenance(docs: DocumentSummary[]): void;
  onRemove(doc: DocumentSummary): void;
  /** Read a document's scanned pages again (the Re-run OCR dialog). */
  onRerunOcr(doc: DocumentSummary): void;
  /** Open the Court bundle view (Case > Court Bundle). */
  onCourtBundle(): void;
  report(err: unknown): void;
}

function EmptyCase({ kase }: { kase: CaseState }) {
  const [dismissed, setDismissed] = useState(false);
  const firstRun =
    kase.info !== null && kase.recent !== null && kase.recent.every((r) => r.path === kase.info!.path) && !dismissed;
  return (
    <div className="empty-case">
      <p className="empty">
        No documents in this case yet. Import PDFs or text files (<kbd>Ctrl</kbd>+<kbd>O</kbd>), or drop files and folders
        anywhere on this window.
      </p>
      {firstRun && <SampleOffer onOpenSample={() => void kase.openSample()} onDismiss={() => setDismissed(true)} />}
    </div>
  );
}

const NO_DOCUMENTS: DocumentSummary[] = [];

export function LibraryPane(props: LibraryPaneProps) {
  const { kase, importer, selectedId, compact } = props;
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'title', dir: 'asc' });
  const headingId = useId();
  const filterId = useId();
  const all = kase.documents;
  const titles = useDisplayTitles(all ?? NO_DOCUMENTS);
  const shown = useMemo(() => (all ? sortDocuments(filterDocuments(all, filter), sort) : null), [all, filter, sort]);
  const selected = all?.find((d) => d.documentId === selectedId) ?? null;
  const busy = importer.running !== null;
  const ocr = useOcrStatuses(all, props.report);

  const byId = (ids: string[]) => (all ?? []).filter((d) => ids.includes(d.documentId));

  return (
    <Drawer label="Documents" side="start" folds={compact} doneKey={props.doneKey}>
      <section className={`pane pane-library ${compact ? 'compact' : ''}`} aria-labelledby={headingId}>
        <div className="pane-head">
          <h2 id={headingId}>Documents</h2>
          {all && shown && (
            <span className="count" aria-live="polite">
              {shown.length === all.length
                ? all.length.toLocaleString()
                : `${shown.length.toLocaleString()} of ${all.length.toLocaleString()}`}
            </span>
          )}
          <div className="toolbar">
            {/* Beside a document the pane is narrow: shorter words, the same names for assistive technology. */}
            <button
              type="button"
              className="primary"
              onClick={() => void importer.pick('files')}
              disabled={busy}
              aria-keyshortcuts="Control+O"
              aria-label={compact ? 'Import files…' : undefined}
            >
              {compact ? 'Files…' : 'Import files…'}
            </button>
            <button
              type="button"
              onClick={() => void importer.pick('folder')}
              disabled={busy}
              aria-keyshortcuts="Control+Shift+O"
              aria-label={compact ? 'Import folder…' : undefined}
            >
              {compact ? 'Folder…' : 'Import folder…'}
            </button>
            {!compact && all && all.length > 0 && (
              <button type="button" onClick={props.onCourtBundle} aria-keyshortcuts="Control+Shift+U">
                Court bundle
              </button>
            )}
          </div>
        </div>
        {all && all.length > 0 && (
          <div className="filter-row">
            <label htmlFor={filterId} className="visually-hidden">
              Filter documents
            </label>
            <input
              id={filterId}
              type="search"
              placeholder="Filter by title, file or provenance"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              spellCheck={false}
            />
          </div>
        )}
        <ImportPanel state={importer} onAddProvenance={(ids) => props.onEditProvenance(byId(ids))} />
        {shown === null ? (
          <p className="empty">{kase.failed ? 'The document list could not be loaded.' : 'Loading documents…'}</p>
        ) : all!.length === 0 ? (
          <EmptyCase kase={kase} />
        ) : shown.length === 0 ? (
          <p className="empty">No documents match “{filter}”.</p>
        ) : (
          <DocumentTable
            documents={shown}
            titles={titles}
            ocr={ocr}
            sort={sort}
            onSort={(key) => setSort((s) => nextSort(s, key))}
            selectedId={selectedId}
            openId={props.openId}
            compact={compact}
            onSelect={props.onSelect}
            onOpen={props.onOpen}
            onEditProvenance={(doc) => props.onEditProvenance([doc])}
            onRemove={props.onRemove}
          />
        )}
        {selected && (
          <div className="selection-bar" role="group" aria-label="Selected document">
            <span className="selection-title" title={shownTitle(titles, selected.documentId, selected.title)}>
              {shownTitle(titles, selected.documentId, selected.title)}
            </span>
            <button type="button" onClick={() => props.onEditProvenance([selected])} aria-keyshortcuts="Control+I">
              Provenance…
            </button>
            {canReadAgain(selected, ocr.get(selected.documentId)) && (
              <button type="button" onClick={() => props.onRerunOcr(selected)}>
                Re-run OCR…
              </button>
            )}
            <button type="button" onClick={() => props.onRemove(selected)} aria-keyshortcuts="Delete">
              Remove…
            </button>
          </div>
        )}
      </section>
    </Drawer>
  );
}
