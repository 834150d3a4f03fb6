/**
 * Caret moves over a TextStream: by character, by word (the browser's own word
 * boundaries, Intl.Segmenter), by line and to a line's start or end. A line move keeps
 * the caret's place along the line (its "goal"), as text editors do. Lines are the PDF
 * text layer's own where it has them, else the lines the text wraps into on screen.
 */
import type { TextStream } from './text-stream.ts';

export type Unit = 'character' | 'word' | 'line' | 'line-edge';

/** Where a caret offset is on screen: a point on the text's baseline side and the line's extent. */
export interface CaretBox {
  x: number;
  top: number;
  bottom: number;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function charRect(stream: TextStream, i: number): DOMRect | null {
  const a = stream.point(i);
  const b = stream.point(i + 1);
  if (a.node !== b.node || b.offset <= a.offset) return null;
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  const rect = r.getBoundingClientRect();
  return rect.width === 0 && rect.height === 0 ? null : rect;
}

/** Where the caret at offset `i` is drawn: before the character at i, else after the one before it. */
export function caretBox(stream: TextStream, i: number): CaretBox | null {
  const { text } = stream;
  if (i < text.length && text[i] !== '\n') {
    const r = charRect(stream, i);
    if (r) return { x: r.left, top: r.top, bottom: r.bottom };
  }
  if (i > 0 && text[i - 1] !== '\n') {
    const r = charRect(stream, i - 1);
    if (r) return { x: r.right, top: r.top, bottom: r.bottom };
  }
  // An empty line: where the browser would put a caret there, else the start of what holds it.
  const p = stream.point(i);
  const at = document.createRange();
  at.setStart(p.node, p.offset);
  const caret = at.getClientRects()[0];
  if (caret && caret.height > 0) return { x: caret.left, top: caret.top, bottom: caret.bottom };
  const el = p.node instanceof Element ? p.node : p.node.parentElement;
  const r = el?.getBoundingClientRect();
  return r ? { x: r.left, top: r.top, bottom: r.top + Math.min(r.height, 20) } : null;
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;

function wordMove(text: string, i: number, dir: 1 | -1): number {
  if (!segmenter) return dir > 0 ? Math.min(text.length, i + 1) : Math.max(0, i - 1);
  const words = [...segmenter.segment(text)].filter((s) => s.isWordLike);
  if (dir > 0) {
    const next = words.find((w) => w.index + w.segment.length > i);
    return next ? next.index + next.segment.length : text.length;
  }
  const prev = words.findLast((w) => w.index < i);
  return prev ? prev.index : 0;
}

/** The offsets of the line (start, end without its '\n') holding `i`, in a stream with line starts. */
function lineAround(starts: readonly number[], text: string, i: number): { k: number; start: number; end: number } {
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
  const start = starts[k]!;
  const next = starts[k + 1];
  return { k, start, end: next === undefined ? text.length : next - 1 };
}

/**
 * The offset in [from, to] whose caret is nearest `goal`. All of them are on one line, so
 * the nearest is the one level with the goal along that line, whichever way it runs.
 */
function nearest(stream: TextStream, from: number, to: number, goal: CaretBox): number {
  let best = from;
  let bestCost = Infinity;
  const goalY = (goal.top + goal.bottom) / 2;
  for (let j = from; j <= to; j++) {
    const b = caretBox(stream, j);
    if (!b) continue;
    const cost = Math.hypot(b.x - goal.x, (b.top + b.bottom) / 2 - goalY);
    if (cost < bestCost) {
      bestCost = cost;
      best = j;
    }
  }
  return best;
}

const sameLine = (a: CaretBox, b: CaretBox) => {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
};

// How far a wrapped line is searched for its neighbour, in characters (a long paragraph line).
const SCAN = 4000;

/** The extent [start, end] of the wrapped line on screen that holds offset `i`. */
function wrappedLine(stream: TextStream, i: number): { start: number; end: number } {
  const here = caretBox(stream, i);
  const { text } = stream;
  let start = i;
  let end = i;
  if (!here) return { start, end };
  while (start > 0 && i - start < SCAN && text[start - 1] !== '\n') {
    const b = caretBox(stream, start - 1);
    if (!b || !sameLine(b, here)) break;
    start--;
  }
  while (end < text.length && end - i < SCAN && text[end] !== '\n') {
    const b = caretBox(stream, end + 1);
    if (!b || !sameLine(b, here)) break;
    end++;
  }
  return { start, end };
}

/**
 * The offset a move from `i` reaches, and the goal for the next line move (kept across
 * line moves so the caret comes back to its column past a short line).
 */
export function move(
  stream: TextStream,
  i: number,
  unit: Unit,
  dir: 1 | -1,
  goal: CaretBox | null,
): { offset: number; goal: CaretBox | null } {
  const { text } = stream;
  if (unit === 'character') {
    let j = Math.max(0, Math.min(text.length, i + dir));
    if (j > 0 && j < text.length && isLowSurrogate(text.charCodeAt(j))) j += dir;
    return { offset: j, goal: null };
  }
  if (unit === 'word') return { offset: wordMove(text, i, dir), goal: null };

  const starts = stream.lineStarts;
  if (unit === 'line-edge') {
    const line = starts ? lineAround(starts, text, i) : wrappedLine(stream, i);
    return { offset: dir > 0 ? line.end : line.start, goal: null };
  }

  const from = goal ?? caretBox(stream, i);
  if (!from) return { offset: i, goal };
  if (starts) {
    const line = lineAround(starts, text, i);
    const k = line.k + dir;
    if (k < 0 || k >= starts.length) return { offset: dir > 0 ? line.end : line.start, goal: from };
    const target = lineAround(starts, text, starts[k]!);
    return { offset: nearest(stream, target.start, target.end, from), goal: from };
  }
  const line = wrappedLine(stream, i);
  if (dir > 0 ? line.end >= text.length : line.start <= 0) return { offset: dir > 0 ? text.length : 0, goal: from };
  const target = wrappedLine(stream, dir > 0 ? line.end + 1 : line.start - 1);
  return { offset: nearest(stream, target.start, target.end, from), goal: from };
}
