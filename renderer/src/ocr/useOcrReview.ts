/**
 * What the viewer knows of a document's OCR reading: where it stands (ocr.status), whether
 * the recognised text is shown over the images, and the readings of the pages drawn so far
 * (ocr.page), fetched once each as pages that need them are drawn. A page read again (the
 * ocr.progress event) is fetched anew, so what is shown follows a re-run page by page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OcrDocumentStatus, OcrPageReading } from '../../../shared/ipc/contract.ts';
import { call, onEvent } from '../api.ts';
import { useCommand } from '../shortcuts/commands.ts';

export interface OcrReview {
  /** Where the document's reading stands; null until known, and for a document with no page to read. */
  status: OcrDocumentStatus | null;
  /** Some page was read: there is recognised text to show. */
  readable: boolean;
  showWords: boolean;
  toggleWords(): void;
  /** Readings fetched so far by 1-based page; null for a page not read with OCR. */
  readings: ReadonlyMap<number, OcrPageReading | null>;
  /** Whether a drawn page needs its reading: the words are shown, or the page is flagged doubtful. */
  needs(page: number): boolean;
  /** Fetch a page's reading, unless it is known or on its way. */
  want(page: number): void;
}

// The reviewer's choice holds from one document to the next while the app is open.
let wordsShown = false;

export function useOcrReview(documentId: string | null, report: (err: unknown) => void): OcrReview {
  const [status, setStatus] = useState<OcrDocumentStatus | null>(null);
  const [showWords, setShowWords] = useState(wordsShown);
  const [readings, setReadings] = useState<ReadonlyMap<number, OcrPageReading | null>>(() => new Map());
  const asked = useRef(new Set<number>());
  // Answers for a page asked before it was read again are dropped by comparing generations.
  const generation = useRef(new Map<number, number>());

  const loadStatus = useCallback(() => {
    if (!documentId) return;
    call('ocr.status', { documentId })
      .then((all) => setStatus(all[0] ?? null))
      .catch(report);
  }, [documentId, report]);
  useEffect(loadStatus, [loadStatus]);

  const want = useCallback(
    (page: number) => {
      if (!documentId || asked.current.has(page)) return;
      asked.current.add(page);
      const gen = generation.current.get(page) ?? 0;
      call('ocr.page', { documentId, page })
        .then((reading) => {
          if ((generation.current.get(page) ?? 0) !== gen) return;
          setReadings((m) => new Map(m).set(page, reading));
        })
        .catch((err: unknown) => {
          asked.current.delete(page);
          report(err);
        });
    },
    [documentId, report],
  );

  useEffect(
    () =>
      onEvent('ocr.progress', (p) => {
        if (p.documentId !== documentId) return;
        generation.current.set(p.page, (generation.current.get(p.page) ?? 0) + 1);
        asked.current.delete(p.page);
        setReadings((m) => {
          const next = new Map(m);
          next.delete(p.page);
          return next;
        });
        loadStatus();
      }),
    [documentId, loadStatus],
  );

  const readable = (status?.done ?? 0) > 0;
  const toggleWords = useCallback(() => {
    setShowWords((s) => (wordsShown = !s));
  }, []);
  useCommand('toggle-ocr-text', readable ? toggleWords : null);

  const needs = useCallback(
    (page: number) => readable && (showWords || (status?.lowConfidencePages.includes(page) ?? false)),
    [readable, showWords, status],
  );
  return { status, readable, showWords, toggleWords, readings, needs, want };
}
