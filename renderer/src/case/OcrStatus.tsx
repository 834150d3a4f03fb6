/**
 * Under the case bar while scanned pages are read (OCR, in the background): which document,
 * how many of its pages are read, how many wait in the whole case, with Pause / Resume and
 * Stop for that document. Each page is searchable as soon as it is read. Pages that could
 * not be read are named until dismissed. The strip's elements stay in place while the
 * numbers change, so a click is never lost to a redraw.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OcrDocumentStatus, OcrProgress } from '../../../shared/ipc/contract.ts';
import { call, onEvent } from '../api.ts';
import { onOcrRequested } from '../ocr/changes.ts';

interface Shown {
  documentId: string;
  title: string;
  done: number;
  total: number;
  waiting: number;
  paused: boolean;
}

const fromStatus = (s: OcrDocumentStatus, waiting: number): Shown => ({
  documentId: s.documentId,
  title: s.title,
  done: s.done + s.failed,
  total: s.pages,
  waiting,
  paused: s.paused,
});

export function OcrStatus({
  caseDir,
  onRead,
  report,
}: {
  caseDir: string | null;
  onRead(): unknown;
  report(err: unknown): void;
}) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [failures, setFailures] = useState<{ title: string; page: number; reason: string }[]>([]);

  // Where reading stands when the case opens: it may go on from an earlier session.
  const apply = useCallback((all: OcrDocumentStatus[]) => {
    const waiting = all.reduce((n, s) => n + s.queued, 0);
    const current = all.find((s) => s.queued > 0 && !s.paused) ?? all.find((s) => s.queued > 0);
    setShown(current ? fromStatus(current, waiting) : null);
  }, []);
  const load = useCallback(() => call('ocr.status', {}).then(apply), [apply]);
  useEffect(() => {
    if (caseDir) call('ocr.status', {}).then(apply, report);
  }, [caseDir, apply, report]);
  // Pages queued again (Re-run OCR): the bar shows them before the first is read.
  useEffect(() => onOcrRequested(() => void load().catch(report)), [load, report]);

  useEffect(
    () =>
      onEvent('ocr.progress', (p: OcrProgress) => {
        if (p.case !== caseDir) return;
        if (p.failure) setFailures((f) => [...f, { title: p.title, page: p.page, reason: p.failure! }]);
        if (p.done === p.total) {
          // A document finished: the library and the open viewer learn of its new text, and the next one shows.
          onRead();
          load().catch(report);
        } else
          setShown({ documentId: p.documentId, title: p.title, done: p.done, total: p.total, waiting: p.waiting, paused: false });
      }),
    [caseDir, load, onRead, report],
  );

  const act = (channel: 'ocr.pause' | 'ocr.resume' | 'ocr.cancel') => async () => {
    if (!shown) return;
    try {
      const s = await call(channel, { documentId: shown.documentId });
      if (channel === 'ocr.cancel') await load();
      else setShown({ ...shown, paused: s.paused });
    } catch (err) {
      report(err);
    }
  };

  if (!shown && failures.length === 0) return null;
  return (
    <div className="remeasure-status ocr-status" role="status" aria-label="Reading scanned pages">
      {shown && (
        <>
          <p className="remeasure-text">
            {shown.paused ? 'Reading paused' : 'Reading scanned pages'} of <em>{shown.title}</em>:{' '}
            <span className="ocr-count">
              {shown.done} of {shown.total} read
            </span>
            {shown.waiting > shown.total - shown.done ? ` · ${shown.waiting} page(s) waiting in the case` : ''}. Pages are
            searchable as soon as they are read.
          </p>
          <progress max={shown.total} value={shown.done} aria-label={`Pages of ${shown.title} read`} />
          <button type="button" className="quiet" onClick={() => void act(shown.paused ? 'ocr.resume' : 'ocr.pause')()}>
            {shown.paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="quiet" onClick={() => void act('ocr.cancel')()}>
            Stop reading
          </button>
        </>
      )}
      {!shown && failures.length > 0 && (
        <>
          <div className="remeasure-text">
            {failures.slice(0, 5).map((f) => (
              <p key={`${f.title}:${f.page}`}>
                Page {f.page} of <strong>{f.title}</strong> could not be read ({f.reason}).
              </p>
            ))}
            {failures.length > 5 && <p>… and {failures.length - 5} more page(s).</p>}
          </div>
          <button type="button" className="quiet" onClick={() => setFailures([])} aria-label="Dismiss the reading note">
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
