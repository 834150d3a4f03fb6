/**
 * Turning what the UI or CLI asks for (offsets, a quote or an area on a page) into stored
 * targets, and checking stored targets against the page text when a document opens.
 */
import type { Database } from 'better-sqlite3';
import { describeRange, chooseMatch, reanchor } from '../../../shared/anchoring/selectors.ts';
import { findAll } from '../../../shared/anchoring/fold.ts';
import type { PageGeometry } from '../../../shared/anchoring/glyphs.ts';
import { rectsForRange, sameRects } from '../../../shared/anchoring/rects.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { HighlightTarget, PageLayout, Rect, TargetSpec } from '../../../shared/ipc/contract.ts';
import { areaSelectors, buildAreaTarget, checkAreaOnPage } from './area.ts';

interface PageRow {
  text: string;
  items: string;
}

/**
 * pageLayout remembering the last `size` pages it read: listing a case's highlights checks
 * every target against its page, and the targets of one page (often dozens) come together,
 * so each page's text and glyphs are parsed once rather than once per target.
 */
export function pageLayoutCache(size = 16): typeof pageLayout {
  const kept = new Map<string, PageLayout & PageGeometry>();
  return (db, documentId, page) => {
    const key = `${documentId}#${page}`;
    const hit = kept.get(key);
    if (hit) return hit;
    const layout = pageLayout(db, documentId, page);
    kept.set(key, layout);
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    return layout;
  };
}

/** A page's text, item positions and glyph geometry, as stored; `page` is 1-based. */
export function pageLayout(db: Database, documentId: string, page: number): PageLayout & PageGeometry {
  const row = db.prepare('SELECT text, items FROM pages WHERE document_id = ? AND page_index = ?').get(documentId, page - 1) as
    PageRow | undefined;
  if (!row) throw new ExhibitError('not-found', `The document has no page ${page}`, `${documentId}#${page}`);
  const layout = JSON.parse(row.items) as { view: PageLayout['view']; items: number[][]; glyphs?: (number[] | null)[] };
  return { documentId, page, text: row.text, view: layout.view, items: layout.items, glyphs: layout.glyphs ?? null };
}

/** Resolve one requested target into selectors and rectangles, or say why not. */
export function buildTarget(db: Database, documentId: string, spec: TargetSpec): HighlightTarget {
  const layout = pageLayout(db, documentId, spec.page);
  if ('area' in spec) return buildAreaTarget(db, documentId, layout, spec);
  let range: { start: number; end: number };
  if ('start' in spec) {
    if (spec.end <= spec.start || spec.end > layout.text.length) {
      throw new ExhibitError(
        'invalid-args',
        `Offsets ${spec.start}–${spec.end} are outside page ${spec.page}'s text`,
        `page ${spec.page}`,
      );
    }
    range = { start: spec.start, end: spec.end };
  } else {
    const matches = findAll(layout.text, spec.quote);
    const chosen = chooseMatch(matches, { occurrence: spec.occurrence, near: spec.near });
    if (!chosen) {
      const why =
        matches.length === 0
          ? `The quote "${clip(spec.quote)}" is not on page ${spec.page}`
          : `The quote "${clip(spec.quote)}" occurs ${matches.length} time(s) on page ${spec.page}; there is no occurrence ${spec.occurrence}`;
      throw new ExhibitError('not-found', why, `page ${spec.page}`);
    }
    range = chosen;
  }
  const { quote, position } = describeRange(layout.text, range.start, range.end);
  return {
    page: spec.page,
    rects: rectsForRange(layout, range.start, range.end),
    area: null,
    quote,
    position,
    anchor: 'ok',
    current: null,
    drifted: null,
  };
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/**
 * Check a stored target against the page text as it is now: text found where the target
 * says -> ok; found elsewhere on the page -> drifted (with where); not found -> orphaned.
 * An area is anchored by its rectangle, so it is ok whatever the text says.
 */
export function checkTarget(
  db: Database,
  documentId: string,
  t: HighlightTarget,
  layoutOf: typeof pageLayout = pageLayout,
): HighlightTarget {
  let layout: PageLayout & PageGeometry;
  try {
    layout = layoutOf(db, documentId, t.page);
  } catch {
    return { ...t, anchor: 'orphaned', current: null };
  }
  if (t.area) return { ...t, anchor: 'ok', current: null };
  const found = reanchor(layout.text, t.quote, t.position);
  if (found.state === 'orphaned') return { ...t, anchor: 'orphaned', current: null };
  const rects: Rect[] = rectsForRange(layout, found.start, found.end);
  // Text where it was, but the rectangles disagree (the page was laid out anew): drifted, shown where the text is.
  if (found.state === 'ok' && (t.rects.length === 0 || sameRects(rects, t.rects))) return { ...t, anchor: 'ok', current: null };
  return { ...t, anchor: 'drifted', current: { page: t.page, start: found.start, end: found.end, rects } };
}

/**
 * Targets as they come from elsewhere (a bundle), with boxes cut from this case's glyph
 * geometry wherever the quote is still where it says; boxes are derived from the pages,
 * so the case's own measurement wins over the one a bundle carries. An area keeps its
 * rectangle, its only box, and quotes the words inside it on this case's page.
 */
export function measuredTargets<
  T extends {
    page: number;
    rects: Rect[];
    area: Rect | null;
    quote: { exact: string };
    position: { start: number; end: number };
  },
>(db: Database, documentId: string, targets: readonly T[], what = 'a highlight'): T[] {
  return targets.map((t) => {
    let layout: PageLayout & PageGeometry;
    try {
      layout = pageLayout(db, documentId, t.page);
    } catch {
      if (t.area)
        throw new ExhibitError('invalid-args', `${what} marks an area of page ${t.page}, which the document lacks`, what);
      return t;
    }
    if (t.area) {
      checkAreaOnPage(layout, t.area, what);
      // Anchored by its rectangle, an area reads the words this case's page has inside it: the same
      // as the bundle's where the pages are (they came with it), this case's own where it has read
      // the page otherwise (another reading of a scan).
      const { quote, position } = areaSelectors(layout, t.area);
      return { ...t, rects: [t.area], quote: { ...t.quote, ...quote }, position: { ...t.position, ...position } };
    }
    if (layout.view === null || layout.text.slice(t.position.start, t.position.end) !== t.quote.exact) return t;
    return { ...t, rects: rectsForRange(layout, t.position.start, t.position.end) };
  });
}
