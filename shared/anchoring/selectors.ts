/**
 * Building and re-finding W3C selectors (TextQuote + TextPosition) over one page's text.
 * A target is re-anchored by first trusting its position, then its quote with context.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../ipc/highlight-schemas.ts';
import { findAll, fold, type Folded } from './fold.ts';

export const CONTEXT = 32;

/** The selectors describing text[start, end). */
export function describeRange(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Pick one match: the Kth occurrence (1-based), the one nearest an offset, or the first. */
export function chooseMatch<T extends { start: number }>(
  matches: T[],
  opts: { occurrence?: number; near?: number } = {},
): T | null {
  if (matches.length === 0) return null;
  if (opts.occurrence !== undefined) return matches[opts.occurrence - 1] ?? null;
  if (opts.near !== undefined) {
    const near = opts.near;
    return matches.reduce((best, m) => (Math.abs(m.start - near) < Math.abs(best.start - near) ? m : best));
  }
  return matches[0]!;
}

/** How well the text around a match agrees with the stored prefix and suffix (0..1). */
function contextScore(text: string, m: { start: number; end: number }, quote: TextQuoteSelector): number {
  const before = fold(text.slice(Math.max(0, m.start - CONTEXT * 2), m.start)).text.trim();
  const after = fold(text.slice(m.end, m.end + CONTEXT * 2)).text.trim();
  const p = fold(quote.prefix).text.trim();
  const s = fold(quote.suffix).text.trim();
  const tail = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  };
  const head = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const max = Math.max(1, p.length + s.length);
  return (tail(before, p) + head(after, s)) / max;
}

export type Reanchored =
  { state: 'ok'; start: number; end: number } | { state: 'drifted'; start: number; end: number } | { state: 'orphaned' };

/** Find a target again in (possibly changed) page text. */
export function reanchor(text: string, quote: TextQuoteSelector, position: TextPositionSelector, folded?: Folded): Reanchored {
  if (text.slice(position.start, position.end) === quote.exact) return { state: 'ok', start: position.start, end: position.end };
  const matches = findAll(text, quote.exact, folded ?? fold(text));
  if (matches.length === 0) return { state: 'orphaned' };
  // Best context first; among equals, the nearest to where it used to be.
  const best = matches
    .map((m) => ({ ...m, score: contextScore(text, m, quote), distance: Math.abs(m.start - position.start) }))
    .sort((a, b) => b.score - a.score || a.distance - b.distance)[0]!;
  // Found where it was, only written differently (whitespace, a ligature): still in place.
  if (best.start === position.start) return { state: 'ok', start: best.start, end: best.end };
  return { state: 'drifted', start: best.start, end: best.end };
}
