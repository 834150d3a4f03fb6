/**
 * The document viewer: a PDF (pdf.js viewer parts) or a plain-text document, with
 * highlighting, in-document find and the search terms it was opened with painted.
 * It takes props and calls back; it does not know which host it runs in.
 */
import type { JSX } from 'react';

export interface DocumentViewerProps {
  documentId: string;
  kind: 'pdf' | 'text';
  title: string;
  /** 1-based page to show first. */
  initialPage?: number;
  /** Terms to paint (mark.js) when opened from a search hit; never stored. */
  searchTerms?: string[];
  /** Called with the 1-based page the reviewer is looking at. */
  onPageChange?(page: number): void;
}

/** Show one document. (Placeholder until the viewer lands; the props are the contract.) */
export function DocumentViewer(props: DocumentViewerProps): JSX.Element {
  return (
    <section className="viewer" aria-label={props.title}>
      <p>Opening {props.title}…</p>
    </section>
  );
}
