/** The Allegations side pane: the board, and the ways into the ledger views. */
import { useId } from 'react';
import { AllegationBoard } from './AllegationBoard.tsx';
import type { LedgerView } from './LedgerPane.tsx';

export function AllegationsPane({
  report,
  notify,
  selectedId,
  onOpenDetail,
  onOpenView,
}: {
  report(err: unknown): void;
  notify(message: string): void;
  selectedId: string | null;
  onOpenDetail(allegationId: string): void;
  onOpenView(view: LedgerView): void;
}) {
  const headingId = useId();
  return (
    <section className="pane pane-allegations" aria-labelledby={headingId}>
      <div className="pane-head">
        <h2 id={headingId}>Allegations</h2>
        <div className="toolbar">
          <button type="button" className="small" onClick={() => onOpenView('matrix')} aria-keyshortcuts="Control+Shift+M">
            Matrix
          </button>
          <button type="button" className="small" onClick={() => onOpenView('unlinked')}>
            Unlinked
          </button>
          <button type="button" className="small" onClick={() => onOpenView('response')}>
            Response map
          </button>
        </div>
      </div>
      <AllegationBoard report={report} notify={notify} selectedId={selectedId} onOpenDetail={onOpenDetail} />
    </section>
  );
}
