/**
 * The library's flag on a document some of whose pages were read with a doubtful
 * confidence (below LOW_CONFIDENCE): how many pages, and in words which ones and what to
 * do, so a reviewer does not quote such a page without looking at its image.
 */
import type { OcrDocumentStatus } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';

/** "1", "1 and 3", "1, 3 and 4". */
const listed = (pages: readonly number[]) =>
  pages.length < 2 ? pages.join('') : `${pages.slice(0, -1).join(', ')} and ${pages.at(-1)}`;

/** The flag; `explained` also shows the explanation under it (the full table has room, the compact one keeps it for hover and screen readers). */
export function LowConfidenceBadge({ status, explained }: { status: OcrDocumentStatus | undefined; explained: boolean }) {
  const pages = status?.lowConfidencePages ?? [];
  if (pages.length === 0) return null;
  const which = `${pages.length === 1 ? 'Page' : 'Pages'} ${listed(pages)}`;
  const explanation =
    `${which} ${pages.length === 1 ? 'was' : 'were'} read (OCR) with a mean confidence below ${LOW_CONFIDENCE}%: ` +
    'the text may not be what the image shows. Check it against the image before quoting it.';
  return (
    <>
      <span className="badge badge-warn badge-doubt" title={explanation}>
        <span aria-hidden="true">⚠ </span>
        Low confidence: {pages.length} {pages.length === 1 ? 'page' : 'pages'}
        {!explained && <span className="visually-hidden"> — {explanation}</span>}
      </span>
      {explained && <span className="doc-note">{explanation}</span>}
    </>
  );
}
