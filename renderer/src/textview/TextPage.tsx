/** One page of a text document: a heading and a body drawn by paint-text.ts, with search terms marked. */
import { memo, useLayoutEffect, useRef } from 'react';
import type { PagePaint } from '../highlights/model.ts';
import { paintTerms } from '../viewer/terms.ts';
import { keepingSelection, paintTextPage } from './paint-text.ts';

interface TextPageProps {
  page: number;
  text: string | null;
  paints: PagePaint[] | null;
  selectedId: string | null;
  terms: readonly string[];
}

const NONE: PagePaint[] = [];

export const TextPage = memo(function TextPage({ page, text, paints, selectedId, terms }: TextPageProps) {
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || text === null) return;
    keepingSelection(el, () => {
      paintTextPage(el, text, paints ?? NONE, selectedId);
      paintTerms(el, terms);
    });
  }, [text, paints, selectedId, terms]);
  return (
    <section className="text-page" data-page={page} aria-label={`Page ${page}`}>
      <div className="text-page-no" aria-hidden="true">
        {page}
      </div>
      {text === null ? (
        <div className="text-body loading">Loading page {page}…</div>
      ) : (
        <div className="text-body" data-body={page} ref={body} />
      )}
    </section>
  );
});
