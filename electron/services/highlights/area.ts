/**
 * Area highlights: a rectangle drawn on a page as the reviewer sees it (points from the
 * top-left of the page as displayed, its /Rotate applied) becomes a target stored in PDF
 * user space of the unrotated page, like every other box, with the words inside it as its
 * quote. The page's stored box (`view`) and /Rotate make the turn both ways, the same way
 * OCR'd words are placed (report/text-layer/geometry.ts).
 */
import type { Database } from 'better-sqlite3';
import { readArea } from '../../../shared/anchoring/area.ts';
import type { PageGeometry } from '../../../shared/anchoring/glyphs.ts';
import { describeRange } from '../../../shared/anchoring/selectors.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { HighlightTarget, PageLayout, Rect, ShownArea } from '../../../shared/ipc/contract.ts';
import { displayedToUser, pageFrame, type Matrix, type PageFrame } from '../report/text-layer/geometry.ts';

/** An area narrower or lower than this (in points) is a slip of the mouse, not a selection. */
export const MIN_AREA_SIDE = 1;

/** How far an area may reach past the page's edge (rounding in the viewer) before it is refused. */
const EDGE_SLACK = 0.01;

const r2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number) => String(r2(n));

/** A stored page's frame: its box and /Rotate, as extraction recorded them; null for a page of a text document. */
export function storedFrame(db: Database, documentId: string, page: number, view: PageLayout['view']): PageFrame | null {
  if (!view) return null;
  const rotation = db
    .prepare('SELECT rotation FROM pages WHERE document_id = ? AND page_index = ?')
    .pluck()
    .get(documentId, page - 1) as number | undefined;
  return pageFrame(view, null, rotation ?? 0);
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The inverse of an affine matrix (those here are quarter turns and shifts, never singular). */
function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** Two corners as an ordered rectangle [x1, y1, x2, y2]. */
const ordered = ([x0, y0]: [number, number], [x1, y1]: [number, number]): Rect => [
  Math.min(x0, x1),
  Math.min(y0, y1),
  Math.max(x0, x1),
  Math.max(y0, y1),
];

/** An area as shown (top-left origin, y down) in user space of the unrotated page. */
export function areaToUser(frame: PageFrame, a: ShownArea): Rect {
  const m = displayedToUser(frame);
  // Shown top-left origin, y down -> the matrix's upright space: bottom-left origin, y up.
  const p = apply(m, a.x, frame.height - a.y - a.height);
  const q = apply(m, a.x + a.width, frame.height - a.y);
  return ordered(p, q).map(r2) as Rect;
}

/** A user-space rectangle as the page shows it: points from the top-left of the displayed page. */
export function areaAsShown(frame: PageFrame, r: Rect): ShownArea {
  const m = invert(displayedToUser(frame));
  const [x0, y0, x1, y1] = ordered(apply(m, r[0], r[1]), apply(m, r[2], r[3]));
  return { x: r2(x0), y: r2(frame.height - y1), width: r2(x1 - x0), height: r2(y1 - y0) };
}

/** The selectors an area reads on a page: the words inside it, with context around them. */
export function areaSelectors(layout: PageLayout & PageGeometry, area: Rect): Pick<HighlightTarget, 'quote' | 'position'> {
  const read = readArea(layout, area);
  const { quote, position } = describeRange(layout.text, read.start, read.end);
  return { quote: { ...quote, exact: read.exact }, position };
}

/** Check an area asked for on a page and turn it into a stored target, or say why not. */
export function buildAreaTarget(
  db: Database,
  documentId: string,
  layout: PageLayout & PageGeometry,
  spec: { page: number; area: ShownArea },
): HighlightTarget {
  const { page, area } = spec;
  const frame = storedFrame(db, documentId, page, layout.view);
  if (!frame)
    throw new ExhibitError(
      'invalid-args',
      `Page ${page} is a page of a text document, which has no page box to draw an area on; highlight its text instead`,
      `page ${page}`,
    );
  const said = `${fmt(area.x)},${fmt(area.y)},${fmt(area.width)},${fmt(area.height)}`;
  if (area.width < MIN_AREA_SIDE || area.height < MIN_AREA_SIDE)
    throw new ExhibitError(
      'invalid-args',
      `The area ${said} on page ${page} is ${fmt(area.width)} x ${fmt(area.height)} points: ` +
        `an area must be at least ${MIN_AREA_SIDE} point wide and high`,
      `page ${page}`,
    );
  if (area.x + area.width > frame.width + EDGE_SLACK || area.y + area.height > frame.height + EDGE_SLACK)
    throw new ExhibitError(
      'invalid-args',
      `The area ${said} (x,y,width,height) reaches outside page ${page}, which is ` +
        `${fmt(frame.width)} x ${fmt(frame.height)} points as shown (origin at its top-left corner)`,
      `page ${page}`,
    );
  // A hair past the edge from the viewer's rounding is the edge.
  const inside: ShownArea = {
    x: area.x,
    y: area.y,
    width: Math.min(area.width, frame.width - area.x),
    height: Math.min(area.height, frame.height - area.y),
  };
  const rect = areaToUser(frame, inside);
  return { page, rects: [rect], area: rect, ...areaSelectors(layout, rect), anchor: 'ok', current: null, drifted: null };
}

/** Refuse an area (user space) that does not lie on its page's box: one from elsewhere (a bundle) that no page shows. */
export function checkAreaOnPage(layout: PageLayout, area: Rect, what: string): void {
  const view = layout.view;
  const fits =
    view !== null &&
    area[0] >= view[0] - EDGE_SLACK &&
    area[1] >= view[1] - EDGE_SLACK &&
    area[2] <= view[2] + EDGE_SLACK &&
    area[3] <= view[3] + EDGE_SLACK;
  if (fits) return;
  const where = view
    ? `outside page ${layout.page}'s box [${view.map(fmt).join(', ')}]`
    : `on page ${layout.page} of a text document`;
  throw new ExhibitError('invalid-args', `${what} marks the area [${area.map(fmt).join(', ')}] ${where}`, what);
}

/**
 * The case's pages' frames, read once per page: for exports, which show each area as its
 * page does (a report's picture, the `viewrect` of annotations.jsonld).
 */
export function pageFrames(db: Database): (documentId: string, page: number) => PageFrame {
  const read = db.prepare('SELECT rotation, items FROM pages WHERE document_id = ? AND page_index = ?');
  const kept = new Map<string, PageFrame>();
  return (documentId, page) => {
    const key = `${documentId}#${page}`;
    let frame = kept.get(key);
    if (frame) return frame;
    const row = read.get(documentId, page - 1) as { rotation: number; items: string } | undefined;
    const view = row ? (JSON.parse(row.items) as { view: PageLayout['view'] }).view : null;
    if (!row || !view)
      throw new ExhibitError(
        'not-found',
        `The document has no page ${page} with a page box to show an area on`,
        `${documentId}#${page}`,
      );
    frame = pageFrame(view, null, row.rotation);
    kept.set(key, frame);
    return frame;
  };
}
