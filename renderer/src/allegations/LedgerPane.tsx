/**
 * The ledger views in the middle of the window: one allegation in detail, the evidence
 * matrix, the unlinked-highlights queue and the response map, as tabs.
 */
import { useId, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import { useDisplayTitles } from '../documents/titles.ts';
import { AllegationDetail } from './AllegationDetail.tsx';
import { EvidenceMatrix } from './EvidenceMatrix.tsx';
import type { OpenPassage } from './PassageList.tsx';
import { ResponseMap } from './ResponseMap.tsx';
import { UnlinkedQueue } from './UnlinkedQueue.tsx';
import './allegations.css';
import './ledger.css';

export type LedgerView = 'detail' | 'matrix' | 'unlinked' | 'response';

const TABS: { id: LedgerView; label: string }[] = [
  { id: 'detail', label: 'Allegation' },
  { id: 'matrix', label: 'Evidence matrix' },
  { id: 'unlinked', label: 'Unlinked' },
  { id: 'response', label: 'Response map' },
];

export interface LedgerPaneProps {
  view: LedgerView;
  allegationId: string | null;
  documents: readonly DocumentSummary[];
  /** The response document the response map shows, remembered across tabs. */
  responseDocId: string;
  onResponseDoc(documentId: string): void;
  onView(view: LedgerView): void;
  onOpenPassage(p: OpenPassage): void;
  onOpenDetail(allegationId: string): void;
  onClose(): void;
  report(err: unknown): void;
  notify(message: string): void;
}

export function LedgerPane(props: LedgerPaneProps) {
  const { view, report } = props;
  const base = useId();
  const titles = useDisplayTitles(props.documents);
  // Arrow keys move between tabs, as in any tablist.
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === view);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    props.onView(next.id);
    document.getElementById(`${base}-${next.id}`)?.focus();
  };
  return (
    <section className="pane pane-ledger" aria-label="Allegation ledger">
      <div className="viewer-head ledger-head">
        <div className="ledger-tabs" role="tablist" aria-label="Ledger views" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`${base}-${t.id}`}
              type="button"
              role="tab"
              aria-selected={t.id === view}
              aria-controls={`${base}-panel`}
              tabIndex={t.id === view ? 0 : -1}
              onClick={() => props.onView(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="quiet" onClick={props.onClose}>
          Close ledger
        </button>
      </div>
      <div className="ledger-body" role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${view}`} tabIndex={0}>
        {view === 'detail' &&
          (props.allegationId ? (
            <AllegationDetail
              key={props.allegationId}
              allegationId={props.allegationId}
              titles={titles}
              report={report}
              onOpen={props.onOpenPassage}
            />
          ) : (
            <p className="empty">Choose an allegation on the board to see every passage linked to it.</p>
          ))}
        {view === 'matrix' && <EvidenceMatrix titles={titles} report={report} onOpen={props.onOpenPassage} />}
        {view === 'unlinked' && (
          <UnlinkedQueue titles={titles} report={report} onOpen={props.onOpenPassage} notify={props.notify} />
        )}
        {view === 'response' && (
          <ResponseMap
            documents={props.documents}
            titles={titles}
            chosenId={props.responseDocId}
            onChoose={props.onResponseDoc}
            report={report}
            onOpenDetail={props.onOpenDetail}
          />
        )}
      </div>
    </section>
  );
}
