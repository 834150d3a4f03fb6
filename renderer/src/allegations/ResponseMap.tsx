/**
 * The response map: pick the document that answers the allegations (a company's letter)
 * and see, per allegation, whether it admits, denies, gives context — or says nothing.
 * Unaddressed allegations come first and are marked, so silence is never missed.
 */
import { useCallback, useId } from 'react';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { shownTitle, type Titles } from '../documents/titles.ts';
import { STANCE_LABEL } from './stances.ts';
import { useLedgerQuery } from './useLedgerQuery.ts';

export function ResponseMap({
  documents,
  titles,
  chosenId,
  onChoose,
  report,
  onOpenDetail,
}: {
  documents: readonly DocumentSummary[];
  /** Display titles over the case, so two responses of one title are told apart. */
  titles: Titles;
  /** The response chosen last; kept by the app so it is still chosen when the reviewer comes back. */
  chosenId: string;
  onChoose(documentId: string): void;
  report(err: unknown): void;
  onOpenDetail(allegationId: string): void;
}) {
  // A remembered response from another case, or since removed, counts as no choice.
  const documentId = documents.some((d) => d.documentId === chosenId) ? chosenId : '';
  const selectId = useId();
  const load = useCallback(() => call('responseMap.get', { documentId }), [documentId]);
  const { data } = useLedgerQuery(documentId ? load : null, report);
  const unaddressed = data?.filter((e) => !e.addressed) ?? [];
  const ordered = data ? [...unaddressed, ...data.filter((e) => e.addressed)] : null;

  return (
    <div className="response-map">
      <div className="rm-pick">
        <label htmlFor={selectId}>Response document</label>
        <select id={selectId} value={documentId} onChange={(e) => onChoose(e.target.value)}>
          <option value="">Choose the document that answers…</option>
          {documents.map((d) => (
            <option key={d.documentId} value={d.documentId}>
              {shownTitle(titles, d.documentId, d.title)}
            </option>
          ))}
        </select>
        {data && (
          <span className="rm-summary" role="status">
            {unaddressed.length === 0
              ? `Addresses all ${data.length} allegations.`
              : `${unaddressed.length} of ${data.length} ${data.length === 1 ? 'allegation' : 'allegations'} not addressed.`}
          </span>
        )}
      </div>
      {!documentId ? (
        <p className="empty">Choose a response to see which allegations it admits, denies, explains or leaves unanswered.</p>
      ) : !ordered ? (
        <p className="empty">Reading the response…</p>
      ) : ordered.length === 0 ? (
        <p className="empty">There are no allegations to map yet.</p>
      ) : (
        <table className="rm-table">
          <caption className="visually-hidden">Response map</caption>
          <thead>
            <tr>
              <th scope="col">Allegation</th>
              <th scope="col">Response</th>
              <th scope="col" className="num">
                Passages
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((e) => (
              <tr key={e.allegationId} className={e.addressed ? undefined : 'unaddressed'}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOpenDetail(e.allegationId)}>
                    <span className="code">{e.code}</span>
                  </button>{' '}
                  {e.title}
                </th>
                <td>
                  {e.addressed ? (
                    e.stances.map((s) => (
                      <span key={s} className={`stance-tag stance-${s}`}>
                        {STANCE_LABEL[s]}
                      </span>
                    ))
                  ) : (
                    <span className="rm-silent">Not addressed</span>
                  )}
                </td>
                <td className="num">{e.passages}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
