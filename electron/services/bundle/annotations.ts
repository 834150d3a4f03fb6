/**
 * data/annotations.jsonld: the highlights and their stance links in the W3C Web Annotation
 * Data Model, as one AnnotationCollection whose first (and only) AnnotationPage holds them.
 *
 * Exhibit stores positions per page, so each target selects its page first and refines it:
 * a FragmentSelector (`page=N` per RFC 3778 for a PDF; for a plain-text letter, the page's
 * `char=` range in the whole file per RFC 5147) refinedBy a TextQuoteSelector and a
 * TextPositionSelector, two alternatives that select the same passage within the page. A
 * bare TextPositionSelector would be read as offsets into the whole document. Offsets count
 * Unicode characters (code points), as the model asks, not JavaScript's UTF-16 units.
 *
 * An area of a page selects the page and the rectangle at once: `page=N&viewrect=l,t,w,h`
 * (RFC 3778's PDF open parameters), in points from the top-left corner of the page as it
 * is shown (its /Rotate applied), refined by the words inside it: a TextQuoteSelector of
 * those words and a TextPositionSelector from the first to the last.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentSummary, HighlightTarget, Rect, ShownArea } from '../../../shared/ipc/contract.ts';
import { bagFileName } from './bagit.ts';
import { ANNOTATION_CONTEXT } from './context-copy.ts';
import type { BundleHighlight, ReportModel } from '../report/model.ts';

// Its offline stand-in, data/context/anno.jsonld, is made by context-copy.ts.
export { ANNOTATION_CONTEXT };

/** Terms this file uses beyond the W3C context: where each original is in the bag, and what an allegation is. */
export const EXHIBIT_CONTEXT = {
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'http://schema.org/',
  title: 'dcterms:title',
  identifier: 'dcterms:identifier',
  url: { '@id': 'schema:url', '@type': '@id' },
  Claim: 'schema:Claim',
} as const;

const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';
const TEXT_FRAGMENT = 'http://tools.ietf.org/rfc/rfc5147';

/** The text of page `page` (1-based) of a document, as stored in the case. */
export type PageTextOf = (documentId: string, page: number) => string;

/** An area target's rectangle as its page shows it (points from the top-left), for `viewrect`. */
export type AreaShownOf = (documentId: string, page: number, area: Rect) => ShownArea;

/** How many Unicode characters (code points) a string holds. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Where each page of a plain-text letter starts, in characters of the whole file: the pages
 * before it and one form feed after each (text.ts splits the decoded file on form feeds and
 * keeps every other character, so the pages and the feeds between them are the whole text).
 */
function textPageStarts(pageText: PageTextOf, documentId: string) {
  const starts: number[] = [0];
  return (page: number): number => {
    while (starts.length < page) {
      const p = starts.length;
      starts.push(starts[p - 1]! + codePoints(pageText(documentId, p)) + 1);
    }
    return starts[page - 1]!;
  };
}

/** The original's description: its hash as id, and where it is in the bag, relative to this file. */
function sourceOf(d: DocumentSummary) {
  return {
    id: `urn:sha256:${d.sha256}`,
    type: 'Text',
    format: d.kind === 'pdf' ? 'application/pdf' : 'text/plain',
    title: d.title,
    url: `originals/${encodeURIComponent(bagFileName(d.sha256, d.fileName))}`,
  };
}

/** RFC 3778's `viewrect`: left, top, width and height in points of the page as shown. */
function viewrect(a: ShownArea): string {
  return [a.x, a.y, a.width, a.height].map((n) => String(Math.round(n * 100) / 100)).join(',');
}

function targetOf(
  d: DocumentSummary,
  t: HighlightTarget,
  text: string,
  pageStart: (page: number) => number,
  areaShown: AreaShownOf,
) {
  const start = codePoints(text.slice(0, t.position.start));
  const end = start + codePoints(text.slice(t.position.start, t.position.end));
  const page = t.area
    ? { conformsTo: PDF_FRAGMENT, value: `page=${t.page}&viewrect=${viewrect(areaShown(d.documentId, t.page, t.area))}` }
    : d.kind === 'pdf'
      ? { conformsTo: PDF_FRAGMENT, value: `page=${t.page}` }
      : (() => {
          const at = pageStart(t.page);
          return { conformsTo: TEXT_FRAGMENT, value: `char=${at},${at + codePoints(text)}` };
        })();
  return {
    type: 'SpecificResource',
    source: sourceOf(d),
    selector: {
      type: 'FragmentSelector',
      ...page,
      refinedBy: [
        { type: 'TextQuoteSelector', exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  };
}

function highlightAnnotation(
  h: BundleHighlight,
  d: DocumentSummary,
  pageText: PageTextOf,
  pageStart: (page: number) => number,
  areaShown: AreaShownOf,
) {
  return {
    id: `urn:uuid:${h.highlightId}`,
    type: 'Annotation',
    motivation: 'highlighting',
    creator: { type: 'Person', name: h.author },
    created: h.createdAt,
    modified: h.updatedAt,
    ...(h.note ? { body: { type: 'TextualBody', value: h.note, format: 'text/plain', purpose: 'commenting' } } : {}),
    // A passage across a page break is one annotation with one target per page.
    target: h.targets.map((t) => targetOf(d, t, pageText(h.documentId, t.page), pageStart, areaShown)),
  };
}

function linkAnnotations(h: BundleHighlight) {
  return h.links.map((l) => ({
    id: `urn:exhibit:link:${h.highlightId}:${l.allegationId}`,
    type: 'Annotation',
    motivation: 'linking',
    creator: { type: 'Person', name: l.author },
    created: l.createdAt,
    modified: l.updatedAt,
    body: [
      { type: 'TextualBody', value: l.stance, purpose: 'classifying' },
      { id: `urn:uuid:${l.allegationId}`, type: 'Claim', identifier: l.code, title: l.title },
      ...(l.rationale ? [{ type: 'TextualBody', value: l.rationale, format: 'text/plain', purpose: 'describing' }] : []),
    ],
    target: `urn:uuid:${h.highlightId}`,
  }));
}

/** data/annotations.jsonld for the model; page texts give offsets in characters, page frames the areas as shown. */
export function annotationsJsonLd(model: ReportModel, pageText: PageTextOf, areaShown: AreaShownOf): Uint8Array {
  const docs = new Map(model.documents.map((d) => [d.documentId, d]));
  const starts = new Map<string, (page: number) => number>();
  const items: unknown[] = [];
  for (const h of model.highlights) {
    const d = docs.get(h.documentId)!;
    if (!starts.has(d.documentId)) starts.set(d.documentId, textPageStarts(pageText, d.documentId));
    items.push(highlightAnnotation(h, d, pageText, starts.get(d.documentId)!, areaShown), ...linkAnnotations(h));
  }
  const collection = `urn:uuid:${randomUUID()}`;
  const doc = {
    '@context': [ANNOTATION_CONTEXT, EXHIBIT_CONTEXT],
    id: collection,
    type: 'AnnotationCollection',
    label: `Highlights and stance links of the case "${model.caseName}"`,
    total: items.length,
    first: { id: `urn:uuid:${randomUUID()}`, type: 'AnnotationPage', partOf: collection, startIndex: 0, items },
  };
  return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
}
