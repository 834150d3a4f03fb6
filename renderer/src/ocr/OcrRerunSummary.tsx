/**
 * Under the case bar, once a document the reviewer asked to read again (Re-run OCR) is
 * read: in which languages, how well, which pages are doubtful, and how many of its
 * highlights moved or changed with the new text, so the reviewer knows what to check.
 * Stays until dismissed; the progress itself is OcrStatus's.
 */
import { useEffect, useRef, useState } from 'react';
import type { OcrDocumentStatus, OcrLanguage } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';
import { call, onEvent } from '../api.ts';
import { onOcrRequested } from './changes.ts';

interface Finished {
  status: OcrDocumentStatus;
  languages: OcrLanguage[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sentence({ status: s, languages }: Finished): string {
  const langs = (s.languages ?? 'eng')
    .split('+')
    .map((c) => languages.find((l) => l.code === c)?.label ?? c)
    .join(' + ');
  const parts = [
    `read again in ${langs}: ${s.done} of ${plural(s.pages, 'page', 'pages')}, mean confidence ${Math.round(s.confidence ?? 0)}%.`,
  ];
  const low = s.lowConfidencePages;
  if (low.length > 0)
    parts.push(
      `${low.length === 1 ? 'Page' : 'Pages'} ${low.join(', ')} ${low.length === 1 ? 'is' : 'are'} below ${LOW_CONFIDENCE}%: check ${low.length === 1 ? 'it' : 'them'} against the image.`,
    );
  if (s.failed > 0) parts.push(`${plural(s.failed, 'page', 'pages')} could not be read.`);
  parts.push(
    s.driftedHighlights > 0
      ? `${plural(s.driftedHighlights, 'highlight', 'highlights')} moved or changed with the new text: see the Highlights panel.`
      : 'No highlight drifted.',
  );
  return parts.join(' ');
}

export function OcrRerunSummary({ caseDir, report }: { caseDir: string | null; report(err: unknown): void }) {
  const waiting = useRef(new Set<string>());
  const [finished, setFinished] = useState<Finished[]>([]);

  useEffect(
    () =>
      onOcrRequested((documentId) => {
        waiting.current.add(documentId);
        setFinished((f) => f.filter((x) => x.status.documentId !== documentId));
      }),
    [],
  );
  useEffect(
    () =>
      onEvent('ocr.progress', (p) => {
        if (p.case !== caseDir || p.done !== p.total || !waiting.current.delete(p.documentId)) return;
        Promise.all([call('ocr.status', { documentId: p.documentId }), call('ocr.languages', {})])
          .then(([[status], languages]) => {
            if (status)
              setFinished((f) => [...f.filter((x) => x.status.documentId !== status.documentId), { status, languages }]);
          })
          .catch(report);
      }),
    [caseDir, report],
  );

  if (finished.length === 0) return null;
  return (
    <div className="remeasure-status ocr-summary" role="status" aria-label="OCR finished">
      <div className="remeasure-text">
        {finished.map((f) => (
          <p key={f.status.documentId}>
            <strong>{f.status.title}</strong> {sentence(f)}
          </p>
        ))}
      </div>
      <button type="button" className="quiet" onClick={() => setFinished([])} aria-label="Dismiss the OCR summary">
        Dismiss
      </button>
    </div>
  );
}
