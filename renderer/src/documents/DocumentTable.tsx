/** The case's documents as a dense table: what each is, how big, when and from where it came. */
import './documents.css';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function importedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const kindLabel: Record<DocumentSummary['kind'], string> = { pdf: 'PDF', text: 'Text' };

export function DocumentTable({ documents, failed }: { documents: DocumentSummary[] | null; failed: boolean }) {
  if (documents === null)
    return <p className="empty">{failed ? 'The document list could not be loaded.' : 'Loading documents…'}</p>;
  if (documents.length === 0) {
    return (
      <p className="empty">
        No documents in this case yet. Import PDFs or text files (<kbd>Ctrl</kbd>+<kbd>O</kbd>) to begin.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="doc-table" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Pages
            </th>
            <th scope="col">Imported</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((doc) => (
            <tr key={doc.documentId}>
              <th scope="row" className="doc-title">
                <span className="title-text">{doc.title}</span>
                {!doc.textLayer && (
                  <span className="badge badge-warn" title="No extractable text: this document cannot be searched or quoted yet">
                    no text layer
                  </span>
                )}
                {doc.fileName !== doc.title && <span className="file-name">{doc.fileName}</span>}
              </th>
              <td>{kindLabel[doc.kind]}</td>
              <td className="num">{doc.pages.toLocaleString()}</td>
              <td className="nowrap" title={`${doc.importedAt} by ${doc.importedBy}`}>
                {importedAt(doc.importedAt)}
              </td>
              <td className="source">{doc.provenance.source ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
