/**
 * Area targets: a rectangle the reviewer drew on a page, scanned or not. The viewer sends
 * it as the page looks (points from the top-left corner, the page's /Rotate applied); it is
 * stored in user space of the unrotated page, like every other box, so the annotated PDF
 * and the bundle draw it where it was drawn. The words whose glyph boxes are centred inside
 * it become its quote, so an area over text can be searched, reported and linked like a
 * passage; an area over a photograph or a stamp simply quotes nothing.
 */
import type { Database } from 'better-sqlite3';
import { describeRange } from '../../../shared/anchoring/selectors.ts';
import { rectsForRange } from '../../../shared/anchoring/rects.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { HighlightTarget, Rect, TargetSpec } from '../../../shared/ipc/contract.ts';
import { displayedToUser, pageFrame } from '../bundle/text-layer/geometry.ts';
import { pageLayout } from './targets.ts';

type AreaSpec = Extract<TargetSpec, { area: unknown }>;

const round = (n: number) => Math.round(n * 100) / 100;

/** Resolve an area spec into a stored target: its rectangle in user space and the words inside. */
export function buildAreaTarget(db: Database, documentId: string, spec: AreaSpec): HighlightTarget {
  const layout = pageLayout(db, documentId, spec.page);
  if (!layout.view) {
    throw new ExhibitError(
      'invalid-args',
      `Page ${spec.page} is plain text with no page picture: an area can only be drawn on a PDF or image page`,
      `page ${spec.page}`,
    );
  }
  const { rotation } = db
    .prepare('SELECT rotation FROM pages WHERE document_id = ? AND page_index = ?')
    .get(documentId, spec.page - 1) as { rotation: number };
  const frame = pageFrame(layout.view, null, rotation);

  // A drag that ran past the paper's edge keeps the part on the paper.
  const { x, y, width, height } = spec.area;
  const left = Math.min(x, frame.width);
  const top = Math.min(y, frame.height);
  const right = Math.min(x + width, frame.width);
  const bottom = Math.min(y + height, frame.height);
  if (!(right > left && bottom > top)) {
    throw new ExhibitError('invalid-args', `The area drawn is outside page ${spec.page}`, `page ${spec.page}`);
  }
  // Displayed space is y-down from the top; displayedToUser takes y-up from the bottom.
  const [a, b, c, d, e, f] = displayedToUser(frame);
  const toUser = (px: number, py: number) => {
    const up = frame.height - py;
    return [a * px + c * up + e, b * px + d * up + f] as const;
  };
  const [x1, y1] = toUser(left, top);
  const [x2, y2] = toUser(right, bottom);
  const area: Rect = [round(Math.min(x1, x2)), round(Math.min(y1, y2)), round(Math.max(x1, x2)), round(Math.max(y1, y2))];

  const words = wordsInside(layout, area);
  const first = words[0];
  const last = words.at(-1);
  const { quote, position } = describeRange(layout.text, first?.start ?? 0, last?.end ?? 0);
  return {
    page: spec.page,
    rects: [area],
    quote: { ...quote, exact: joinWords(layout.text, words) },
    position,
    anchor: 'ok',
    current: null,
    drifted: null,
    area,
  };
}

interface Word {
  start: number;
  end: number;
  /** Index among all the page's words, to tell neighbours from words with others between. */
  index: number;
}

/** The page's words (runs of non-space text) whose glyph boxes are centred inside `area`, in text order. */
function wordsInside(layout: ReturnType<typeof pageLayout>, area: Rect): Word[] {
  const out: Word[] = [];
  let index = 0;
  for (const m of layout.text.matchAll(/\S+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const boxes = rectsForRange(layout, start, end);
    index++;
    if (boxes.length === 0) continue;
    const cx = (Math.min(...boxes.map((r) => r[0])) + Math.max(...boxes.map((r) => r[2]))) / 2;
    const cy = (Math.min(...boxes.map((r) => r[1])) + Math.max(...boxes.map((r) => r[3]))) / 2;
    if (cx >= area[0] && cx <= area[2] && cy >= area[1] && cy <= area[3]) out.push({ start, end, index });
  }
  return out;
}

/**
 * The words as one quote: neighbours keep the page text's own spacing (a line break stays
 * a line break); words with others left out between them (a column beside the area) are
 * joined by a space.
 */
function joinWords(text: string, words: readonly Word[]): string {
  let out = '';
  words.forEach((w, i) => {
    const prev = words[i - 1];
    if (prev) out += w.index === prev.index + 1 ? text.slice(prev.end, w.start) : ' ';
    out += text.slice(w.start, w.end);
  });
  return out;
}
