/**
 * Allegations × documents: each cell shows how many passages of that document take each
 * stance on that allegation. Clicking a cell lists those passages below the table.
 */
import { useCallback, useMemo, useState } from 'react';
import { call } from '../api.ts';
import { shownTitle, type Titles } from '../documents/titles.ts';
import { PassageList, type OpenPassage } from './PassageList.tsx';
import { Counts } from './Counts.tsx';
import { countsText } from './stances.ts';
import { useLedgerQuery } from './useLedgerQuery.ts';

const loadMatrix = () => call('matrix.get', {});

export function EvidenceMatrix({
  titles,
  report,
  onOpen,
}: {
  /** Display titles over the case, so two columns of one title are told apart. */
  titles: Titles;
  report(err: unknown): void;
  onOpen(p: OpenPassage): void;
}) {
  const { data } = useLedgerQuery(loadMatrix, report);
  const titleOf = (d: { documentId: string; title: string }) => shownTitle(titles, d.documentId, d.title);
  // "(2021-08-05)" or "(sha256 3f2a91c0)": the part the display title adds to the document's own.
  const tellOf = (d: { documentId: string; title: string }) => {
    const shown = titleOf(d);
    return shown.startsWith(d.title.trim()) ? shown.slice(d.title.trim().length).trim() : '';
  };
  const [cell, setCell] = useState<{ allegationId: string; documentId: string } | null>(null);
  const byKey = useMemo(() => new Map((data?.cells ?? []).map((c) => [`${c.allegationId}|${c.documentId}`, c.counts])), [data]);
  const loadCell = useCallback(
    async () => (cell ? (await call('allegations.detail', { allegationId: cell.allegationId })).passages : []),
    [cell],
  );
  const passages = useLedgerQuery(cell ? loadCell : null, report).data;

  if (!data) return <p className="empty">Loading the matrix…</p>;
  if (data.allegations.length === 0 || data.documents.length === 0)
    return <p className="empty">The matrix fills in once the case has allegations and documents.</p>;
  const chosenA = data.allegations.find((a) => a.allegationId === cell?.allegationId);
  const chosenD = data.documents.find((d) => d.documentId === cell?.documentId);

  return (
    <div className="matrix-view">
      <div className="matrix-scroll">
        <table className="matrix">
          <caption className="visually-hidden">Evidence matrix: stance counts per allegation and document</caption>
          <thead>
            <tr>
              <th scope="col">Allegation</th>
              {data.documents.map((d) => (
                <th key={d.documentId} scope="col" title={titleOf(d)}>
                  <span className="mx-doc">{d.title}</span>
                  {/* What tells two columns of one title apart stays whole when a long title is cut short. */}
                  {tellOf(d) && (
                    <>
                      {' '}
                      <span className="mx-doc-tell">{tellOf(d)}</span>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.allegations.map((a) => (
              <tr key={a.allegationId}>
                <th scope="row" title={a.title}>
                  <span className="code">{a.code}</span> <span className="mx-title">{a.title}</span>
                </th>
                {data.documents.map((d) => {
                  const counts = byKey.get(`${a.allegationId}|${d.documentId}`);
                  const here = cell?.allegationId === a.allegationId && cell.documentId === d.documentId;
                  return (
                    <td key={d.documentId} className={here ? 'chosen' : undefined}>
                      {counts ? (
                        <button
                          type="button"
                          className="mx-cell"
                          aria-pressed={here}
                          onClick={() => setCell(here ? null : { allegationId: a.allegationId, documentId: d.documentId })}
                        >
                          {/* The button's name says which cell as well as its counts; the coloured words are for the eye. */}
                          <span className="visually-hidden">{`${a.code} in ${titleOf(d)}: ${countsText(counts)}`}</span>
                          <Counts counts={counts} named={false} />
                        </button>
                      ) : (
                        <span className="mx-none">
                          <span aria-hidden="true">·</span>
                          <span className="visually-hidden">no passages</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cell && chosenA && chosenD && (
        <section className="mx-passages" aria-label={`Passages: ${chosenA.code} in ${titleOf(chosenD)}`}>
          <h4>
            <span className="code">{chosenA.code}</span> in {titleOf(chosenD)}
          </h4>
          {passages ? (
            <PassageList
              passages={passages.filter((p) => p.documentId === cell.documentId)}
              titles={titles}
              showDocument={false}
              onOpen={onOpen}
              report={report}
            />
          ) : (
            <p className="empty">Loading passages…</p>
          )}
        </section>
      )}
    </div>
  );
}
