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
      </div>
      <nav className="alg-views" aria-label="Ledger views">
        <button type="button" className="link-button" onClick={() => onOpenView('matrix')} aria-keyshortcuts="Control+Shift+M">
          Evidence matrix
        </button>
        <button type="button" className="link-button" onClick={() => onOpenView('unlinked')}>
          Unlinked highlights
        </button>
        <button type="button" className="link-button" onClick={() => onOpenView('response')}>
          Response map
        </button>
      </nav>
      <AllegationBoard report={report} notify={notify} selectedId={selectedId} onOpenDetail={onOpenDetail} />
    </section>
  );
}
