/**
 * A page with no text layer (an image, such as a scan) says so on the page itself, not
 * only as a badge in the library: a PDF with a few scanned pages among typed ones marks
 * exactly those. The note says what that means for the reviewer — nothing on the page can
 * be found by search, selected, highlighted or quoted until its text is read (OCR).
 * Like the highlight boxes, it is put back on every render of the page (zoom, rotation,
 * scrolling back to it), since pdf.js clears what it did not draw.
 */
import { useEffect, useState } from 'react';
import { call } from '../api.ts';
import './scan-notice.css';

const NOTE = 'exhibit-scan-note';

/** The 1-based pages of a PDF that have no text layer, once the engine has said (empty until then, and for no document). */
export function useTextlessPages(documentId: string | null, report: (err: unknown) => void): ReadonlySet<number> {
  const [pages, setPages] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    if (!documentId) return;
    let live = true;
    call('documents.get', { documentId })
      .then((d) => live && setPages(new Set(d.textlessPages)))
      .catch((err: unknown) => live && report(err));
    return () => {
      live = false;
    };
  }, [documentId, report]);
  return pages;
}

/** Put the note on a rendered page that has no text layer, or take it off one that has. */
export function markTextlessPage(pageDiv: HTMLElement, page: number, textless: boolean): void {
  const existing = pageDiv.querySelector<HTMLElement>(`:scope > .${NOTE}`);
  if (!textless) {
    existing?.remove();
    return;
  }
  if (existing) return;
  const note = document.createElement('div');
  note.className = NOTE;
  note.setAttribute('role', 'note');
  note.setAttribute('aria-label', `Page ${page}: no text layer`);
  const head = document.createElement('strong');
  head.textContent = `No text layer on page ${page}.`;
  note.append(
    head,
    ' It is an image, such as a scan. Exhibit reads the text of such pages (OCR) in the background, as the bar under ' +
      'the case name shows; once read, the page can be searched, selected, highlighted and quoted (reopen it to select). ' +
      'A page that stays like this had no words that could be read, or its reading was stopped.',
  );
  pageDiv.append(note);
}
