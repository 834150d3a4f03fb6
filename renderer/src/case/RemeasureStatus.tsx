/**
 * Under the case bar while documents from an older Exhibit are re-measured (their
 * highlight boxes cut anew from the glyphs): which one, and how many are left. Each
 * document's highlights are redrawn as it finishes. Documents that could not be opened
 * (an encrypted PDF: the case keeps no passwords) are named until dismissed.
 */
import { useEffect, useState } from 'react';
import type { GeometryStatus } from '../../../shared/ipc/contract.ts';
import { onEvent } from '../api.ts';
import { highlightsChanged } from '../highlights/changes.ts';

type Running = Extract<GeometryStatus, { state: 'running' }>;
type Finished = Extract<GeometryStatus, { state: 'finished' }>;

export function RemeasureStatus({ caseDir }: { caseDir: string | null }) {
  const [running, setRunning] = useState<Running | null>(null);
  const [failed, setFailed] = useState<Finished | null>(null);

  useEffect(
    () =>
      onEvent('geometry.status', (status) => {
        if (status.state === 'running') setRunning(status);
        else if (status.state === 'measured') highlightsChanged(status.documentId);
        else {
          setRunning(null);
          setFailed(status.failed.length > 0 ? status : null);
        }
      }),
    [],
  );
  // What belongs to another case is not shown in this one.
  const shownRunning = running && running.case === caseDir ? running : null;
  const shownFailed = failed && failed.case === caseDir ? failed : null;
  if (!shownRunning && !shownFailed) return null;
  return (
    <div className="remeasure-status" role="status">
      {shownRunning ? (
        <p className="remeasure-text">
          Placing highlight boxes on the glyphs of documents from an older version of Exhibit: {shownRunning.done + 1} of{' '}
          {shownRunning.total}, <em>{shownRunning.title}</em>…
        </p>
      ) : (
        <>
          <div className="remeasure-text">
            {shownFailed!.failed.map((f) => (
              <p key={f.title}>
                <strong>{f.title}</strong> could not be re-measured ({f.reason}); its highlights keep their earlier boxes.
              </p>
            ))}
          </div>
          <button type="button" className="quiet" onClick={() => setFailed(null)} aria-label="Dismiss the re-measuring note">
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
