/**
 * The case's documents as a dense table: what each is, how big, when and from where it
 * came. Column headers sort; a row's title opens the document; its source cell opens
 * the provenance form. Compact (beside an open document) it keeps title and pages only.
 */
import './documents.css';
import type { KeyboardEvent } from 'react';
import type { DocumentSummary, OcrDocumentStatus } from '../../../shared/ipc/contract.ts';
import { LowConfidenceBadge } from '../ocr/LowConfidenceBadge.tsx';
import type { Sort, SortKey } from './sortFilter.ts';
import { shownTitle, type Titles } from './titles.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function importedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

// A title taken from the file name is not repeated under it; a title from the PDF's metadata shows the file too.
const kindLabel: Record<DocumentSummary['kind'], string> = { pdf: 'PDF', text: 'Text', image: 'Image' };

export interface DocumentTableProps {
  documents: DocumentSummary[];
  /** Display titles over the whole case, so two documents of one title are told apart (titles.ts). */
  titles: Titles;
  /** Where OCR stands for each document with scanned pages, by id (pages read with a doubtful confidence are flagged). */
  ocr: ReadonlyMap<string, OcrDocumentStatus>;
  sort: Sort;
  onSort(key: SortKey): void;
  selectedId: string | null;
  openId: string | null;
  compact: boolean;
  onSelect(doc: DocumentSummary): void;
  onOpen(doc: DocumentSummary): void;
  onEditProvenance(doc: DocumentSummary): void;
  onRemove(doc: DocumentSummary): void;
}

function SortHeader({
  label,
  column,
  sort,
  onSort,
  numeric,
}: { label: string; column: SortKey; numeric?: boolean } & Pick<DocumentTableProps, 'sort' | 'onSort'>) {
  const active = sort.key === column;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className={`sort-mark ${active ? 'on' : ''}`} aria-hidden="true">
          {active && sort.dir === 'desc' ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

/** Badges for what a reviewer must know before relying on a document. */
function StatusBadges({ doc, ocr, compact }: { doc: DocumentSummary; ocr: OcrDocumentStatus | undefined; compact: boolean }) {
  return (
    <>
      <LowConfidenceBadge status={ocr} explained={!compact} />
      {!doc.textLayer && (
        <span className="badge badge-warn" title="No extractable text: this document cannot be searched or quoted yet">
          no text layer
        </span>
      )}
      {doc.status !== 'ready' && <span className="badge badge-muted">{doc.status}</span>}
    </>
  );
}

function ProvenanceCell({ doc, title, onEdit }: { doc: DocumentSummary; title: string; onEdit(): void }) {
  const p = doc.provenance;
  const detail = [p.obtainedFrom && `from ${p.obtainedFrom}`, p.obtainedAt, p.collectedBy && `collected by ${p.collectedBy}`]
    .filter(Boolean)
    .join(' · ');
  return (
    <td className="source">
      {/* The visible text starts the accessible name (WCAG 2.5.3); the hidden part says what the button does. */}
      <button type="button" className="cell-button" onClick={onEdit} title={detail || undefined}>
        {p.source ?? <span className="muted">Add source…</span>}
        <span className="visually-hidden"> — edit provenance of {title}</span>
      </button>
    </td>
  );
}

export function DocumentTable(props: DocumentTableProps) {
  const { documents, sort, onSort, selectedId, openId, compact } = props;
  const onKeyDown = (e: KeyboardEvent, doc: DocumentSummary) => {
    if (e.key === 'Delete' || (e.key === 'Backspace' && (e.metaKey || e.ctrlKey))) {
      e.preventDefault();
      props.onRemove(doc);
    }
  };
  return (
    <div className="table-scroll">
      <table className={`doc-table ${compact ? 'compact' : ''}`} aria-label="Documents">
        <thead>
          <tr>
            <SortHeader label="Title" column="title" sort={sort} onSort={onSort} />
            {!compact && <SortHeader label="Kind" column="kind" sort={sort} onSort={onSort} />}
            <SortHeader label="Pages" column="pages" sort={sort} onSort={onSort} numeric />
            {!compact && <SortHeader label="Imported" column="importedAt" sort={sort} onSort={onSort} />}
            {!compact && <SortHeader label="Source" column="source" sort={sort} onSort={onSort} />}
          </tr>
        </thead>
        <tbody>
          {documents.map((doc) => (
            <tr
              key={doc.documentId}
              className={`${doc.documentId === selectedId ? 'selected' : ''} ${doc.documentId === openId ? 'open' : ''}`}
              onClick={() => props.onSelect(doc)}
              onDoubleClick={() => props.onOpen(doc)}
              onKeyDown={(e) => onKeyDown(e, doc)}
            >
              <th scope="row" className="doc-title">
                <button
                  type="button"
                  className="title-button"
                  onClick={() => props.onOpen(doc)}
                  onFocus={() => props.onSelect(doc)}
                  aria-current={doc.documentId === openId ? 'true' : undefined}
                  // Long titles are cut to two lines (documents.css): the whole title on hover.
                  title={shownTitle(props.titles, doc.documentId, doc.title)}
                >
                  {shownTitle(props.titles, doc.documentId, doc.title)}
                </button>
                <StatusBadges doc={doc} ocr={props.ocr.get(doc.documentId)} compact={compact} />
                {doc.fileName.replace(/\.[^.]+$/, '') !== doc.title && <span className="file-name">{doc.fileName}</span>}
              </th>
              {!compact && <td>{kindLabel[doc.kind]}</td>}
              <td className="num">{doc.pages.toLocaleString()}</td>
              {!compact && (
                <td className="nowrap" title={`${doc.importedAt} by ${doc.importedBy}`}>
                  {importedAt(doc.importedAt)}
                </td>
              )}
              {!compact && (
                <ProvenanceCell
                  doc={doc}
                  title={shownTitle(props.titles, doc.documentId, doc.title)}
                  onEdit={() => props.onEditProvenance(doc)}
                />
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
