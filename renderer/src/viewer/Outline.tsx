/** The PDF's own outline (bookmarks); choosing an entry jumps through the link service. */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

interface Navigator {
  goToDestination(dest: string | unknown[]): Promise<void>;
}

export function Outline({ doc, linkService }: { doc: PDFDocumentProxy | null; linkService: Navigator | null }) {
  const [outline, setOutline] = useState<OutlineNode[] | null | 'loading'>('loading');
  useEffect(() => {
    if (!doc) return;
    let live = true;
    doc
      .getOutline()
      .then((o) => live && setOutline((o as OutlineNode[] | null) ?? null))
      .catch(() => live && setOutline(null));
    return () => {
      live = false;
    };
  }, [doc]);
  if (!doc || outline === 'loading') return <p className="empty">Reading the outline…</p>;
  if (!outline || outline.length === 0) return <p className="empty">This document has no outline.</p>;
  const render = (nodes: OutlineNode[]) => (
    <ul className="outline">
      {nodes.map((n, i) => (
        <li key={i}>
          <button
            type="button"
            className="outline-item"
            disabled={!n.dest}
            onClick={() => n.dest && void linkService?.goToDestination(n.dest)}
          >
            {n.title || '(untitled)'}
          </button>
          {n.items.length > 0 && render(n.items)}
        </li>
      ))}
    </ul>
  );
  return render(outline);
}
