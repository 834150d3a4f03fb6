/**
 * Where reading stands for every document of the case that has scanned pages, by document
 * id, for the library's flags. Loaded again whenever the document list is (the case
 * reloads it as each document's reading finishes).
 */
import { useEffect, useState } from 'react';
import type { DocumentSummary, OcrDocumentStatus } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';

const NONE: ReadonlyMap<string, OcrDocumentStatus> = new Map();

export function useOcrStatuses(
  documents: readonly DocumentSummary[] | null,
  report: (err: unknown) => void,
): ReadonlyMap<string, OcrDocumentStatus> {
  const [statuses, setStatuses] = useState(NONE);
  useEffect(() => {
    if (!documents || documents.length === 0) return;
    let live = true;
    call('ocr.status', {})
      .then((all) => live && setStatuses(new Map(all.map((s) => [s.documentId, s]))))
      .catch((err: unknown) => live && report(err));
    return () => {
      live = false;
    };
  }, [documents, report]);
  return statuses;
}

/** Whether a document has pages OCR can read: images, PDFs without text, or pages queued or read before. */
export function canReadAgain(doc: DocumentSummary, status: OcrDocumentStatus | undefined): boolean {
  return doc.kind !== 'text' && (status !== undefined || doc.kind === 'image' || !doc.textLayer);
}
