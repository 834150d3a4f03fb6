/** One allegation in full: its facts, then every linked passage across documents, grouped by stance. */
import { useCallback } from 'react';
import { call } from '../api.ts';
import type { Titles } from '../documents/titles.ts';
import { Counts } from './Counts.tsx';
import { PassageList, type OpenPassage } from './PassageList.tsx';
import { STATUS_LABEL } from './stances.ts';
import { useLedgerQuery } from './useLedgerQuery.ts';

export function AllegationDetail({
  allegationId,
  titles,
  report,
  onOpen,
}: {
  allegationId: string;
  titles: Titles;
  report(err: unknown): void;
  onOpen(p: OpenPassage): void;
}) {
  const load = useCallback(() => call('allegations.detail', { allegationId }), [allegationId]);
  const { data } = useLedgerQuery(load, report);
  if (!data) return <p className="empty">Loading the allegation…</p>;
  const a = data.allegation;
  return (
    <article className="alg-detail" aria-label={`Allegation ${a.code}`}>
      <header className="alg-detail-head">
        <h3>
          <span className="code">{a.code}</span> {a.title}
        </h3>
        <p className="alg-facts">
          <span className={`status status-${a.status}`}>{STATUS_LABEL[a.status]}</span>
          <Counts counts={a.counts} />
          {a.tags.length > 0 && <span className="alg-tags">{a.tags.join(' · ')}</span>}
        </p>
        {a.source && <p className="alg-source">Alleged by {a.source}</p>}
        {a.description && <p className="alg-desc">{a.description}</p>}
      </header>
      <PassageList passages={data.passages} titles={titles} showDocument onOpen={onOpen} report={report} />
    </article>
  );
}
