/**
 * Finding a stored passage again after its document's text was replaced (a scan OCR'd
 * anew, with another language pack): the new text reads slightly differently — 'rn' read
 * as 'm', 'l' as '1', spaces dropped, lines in another order, words added before — so an
 * exact search would lose passages a reader still sees plainly.
 *
 * Each candidate place is scored on four things together: how closely the text there
 * matches the quote, how well the text before and after it matches the passage's old
 * context, and how near it is to where the passage was. The quote is searched with
 * approx-string-match (Myers' bit-parallel algorithm), on folded text (fold.ts: case,
 * whitespace runs, ligatures and hyphenation do not count as differences). The passage's
 * own page is searched first, then the pages either side, then the rest of the document;
 * the first of those that holds an acceptable place wins. The rest of the document is
 * searched for the quote as it was, without misreadings: reading a scan again never moves
 * text to a distant page (its images stay as they were), and a fuzzy search of every page
 * for every lost passage would cost seconds on a long document where nothing is to be found.
 */
import search from 'approx-string-match';
import { fold, foldQuote, type Folded } from './fold.ts';

/** Edits allowed per character of quote: one in four ('rn' read as 'm' costs two). */
export const ERROR_RATE = 0.25;
/** The error budget of a long quote stops here: past it, a match is too loose to trust and slow to find. */
export const MAX_ERRORS = 64;
/** Quotes shorter than this (folded) must be found exactly: one edit in three letters matches almost anything. */
export const MIN_FUZZY_LENGTH = 4;
/** Weights of the four parts of a candidate's score (they add up to 1). */
export const WEIGHTS = { quote: 0.6, prefix: 0.15, suffix: 0.15, position: 0.1 } as const;
/** A candidate scoring below this is not taken. An exact quote always passes (0.6 from the quote alone). */
export const MIN_SCORE = 0.6;
/**
 * An approximate candidate must also either read close to the quote (at most this share of
 * edits) or have text around it like the passage's old context (MIN_CONTEXT): near-copies of
 * a phrase are common in a long document, and a passage pinned on the wrong words is worse
 * than one reported lost. A misread passage that stayed put keeps its context; one whose
 * line was also read in another order keeps most of its words.
 */
export const CLOSE_RATE = 0.1;
/** Mean likeness (0..1) of the text before and after; unrelated text scores about 0.5, a misread but unmoved passage 0.8 or more. */
export const MIN_CONTEXT = 0.7;
/** How much of the old page text either side of the passage is compared as its context. */
export const CONTEXT_CHARS = 64;
/** Pages either side of the passage's own page searched before the whole document. */
export const NEIGHBOUR_PAGES = 1;
/** Candidates scored per page at most (an ambiguous short quote can match hundreds of places). */
export const MAX_CANDIDATES = 32;

/** A target as stored before the text changed: 0-based page, offsets into that page's old text, its selectors. */
export interface StoredPassage {
  pageIndex: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Where the passage is now. exact: the same text in the same place; moved: the same text
 * (as a reader reads it) elsewhere; approximate: text that differs a little; orphaned: no
 * place scored well enough (the stored target should be kept as it was).
 */
export type Relocation =
  | { kind: 'exact' | 'moved' | 'approximate'; pageIndex: number; start: number; end: number; score: number; errors: number }
  | { kind: 'orphaned' };

/** The new text of a document's pages, each folded once however many passages are looked for. */
export interface NewPages {
  readonly count: number;
  text(pageIndex: number): string | undefined;
  folded(pageIndex: number): Folded | undefined;
}

/** Wrap the document's new page texts (index = 0-based page; missing pages may be undefined). */
export function newPages(texts: readonly (string | undefined)[]): NewPages {
  const cache = new Map<number, Folded>();
  return {
    count: texts.length,
    text: (i) => texts[i],
    folded(i) {
      const text = texts[i];
      if (text === undefined) return undefined;
      let f = cache.get(i);
      if (!f) cache.set(i, (f = fold(text)));
      return f;
    },
  };
}

interface Expected {
  quote: string;
  prefix: string;
  suffix: string;
  pageIndex: number;
  start: number;
}

/** The passage's quote and context, folded: wider context from the old page text when it still holds the quote. */
function expectation(p: StoredPassage, oldText: string | undefined): Expected {
  const fromOld = oldText !== undefined && oldText.slice(p.start, p.end) === p.exact;
  const prefix = fromOld ? oldText.slice(Math.max(0, p.start - CONTEXT_CHARS), p.start) : p.prefix;
  const suffix = fromOld ? oldText.slice(p.end, p.end + CONTEXT_CHARS) : p.suffix;
  return {
    quote: foldQuote(p.exact),
    prefix: fold(prefix).text.trim(),
    suffix: fold(suffix).text.trim(),
    pageIndex: p.pageIndex,
    start: p.start,
  };
}

/** Find a stored passage in the document's new text (see the module comment). */
export function relocate(passage: StoredPassage, oldText: string | undefined, pages: NewPages): Relocation {
  const same = pages.text(passage.pageIndex);
  // The common case, kept cheap: nothing changed around the passage.
  if (
    same !== undefined &&
    same.slice(passage.start, passage.end) === passage.exact &&
    same.slice(Math.max(0, passage.start - passage.prefix.length), passage.start) === passage.prefix &&
    same.slice(passage.end, passage.end + passage.suffix.length) === passage.suffix
  ) {
    return { kind: 'exact', pageIndex: passage.pageIndex, start: passage.start, end: passage.end, score: 1, errors: 0 };
  }
  const want = expectation(passage, oldText);
  if (want.quote.length === 0) return { kind: 'orphaned' };
  const maxErrors = want.quote.length < MIN_FUZZY_LENGTH ? 0 : Math.min(MAX_ERRORS, Math.ceil(want.quote.length * ERROR_RATE));
  const near: number[] = [];
  for (let d = 1; d <= NEIGHBOUR_PAGES; d++) near.push(passage.pageIndex - d, passage.pageIndex + d);
  const tiers = [[passage.pageIndex], near, allPagesBut(pages.count, passage.pageIndex, NEIGHBOUR_PAGES)];
  for (const tier of tiers) {
    let best: Scored | null = null;
    for (const pageIndex of tier) {
      const folded = pages.folded(pageIndex);
      if (!folded) continue;
      const budget = tier === tiers[2] ? 0 : maxErrors;
      for (const c of candidates(folded, want, pageIndex, budget)) {
        const scored = score(folded, want, pageIndex, c, best?.score ?? MIN_SCORE);
        if (scored && (!best || scored.score > best.score)) best = scored;
      }
    }
    if (best) return classify(best, passage, pages.text(best.pageIndex)!);
  }
  return { kind: 'orphaned' };
}

/** Every page index not within `reach` of `page`, nearest first. */
function allPagesBut(count: number, page: number, reach: number): number[] {
  const out: number[] = [];
  for (let d = reach + 1; d < count; d++) {
    if (page - d >= 0) out.push(page - d);
    if (page + d < count) out.push(page + d);
  }
  return out;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Candidate {
  pageIndex: number;
  score: number;
}

/**
 * Places on one folded page where the quote matches within the error budget. The search
 * reports only the fewest-error matches of the text it is given, so on the passage's own
 * page the stretch around where it was is searched as well: a slightly misread passage in
 * its place must not be hidden by a cleaner copy of the words somewhere else.
 */
function candidates(folded: Folded, want: Expected, pageIndex: number, maxErrors: number): Candidate[] {
  const found = maxErrors === 0 ? occurrences(folded.text, want.quote) : distinct(search(folded.text, want.quote, maxErrors));
  if (pageIndex === want.pageIndex && folded.text.length > 0) {
    const at = foldedIndex(folded, want.start);
    const reach = want.quote.length + maxErrors + CONTEXT_CHARS;
    const from = Math.max(0, at - reach);
    const local = search(folded.text.slice(from, at + reach + want.quote.length), want.quote, maxErrors);
    for (const m of distinct(local)) found.push({ start: m.start + from, end: m.end + from, errors: m.errors });
  }
  return found;
}

/** Exact occurrences (no search by edit distance needed), at most MAX_CANDIDATES. */
function occurrences(text: string, quote: string): Candidate[] {
  const out: Candidate[] = [];
  for (let at = text.indexOf(quote); at >= 0 && out.length < MAX_CANDIDATES; at = text.indexOf(quote, at + 1))
    out.push({ start: at, end: at + quote.length, errors: 0 });
  return out;
}

/**
 * One candidate per stretch of text: an approximate match ends equally well a character
 * or two either way, and scoring each of those again would only repeat the work.
 */
function distinct(matches: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches) {
    if (m.end <= m.start) continue;
    const last = out.at(-1);
    if (last && m.start < last.end) continue;
    out.push(m);
    if (out.length === MAX_CANDIDATES) break;
  }
  return out;
}

/** The first folded character at or after original offset `offset`. */
function foldedIndex(folded: Folded, offset: number): number {
  let lo = 0;
  let hi = folded.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (folded.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The candidate's combined score (see WEIGHTS), its range mapped back to the page's own
 * offsets; null when it is not acceptable or cannot beat `floor` (checked before its
 * context is compared, the costly part, so a page full of near-copies stays quick).
 */
function score(folded: Folded, want: Expected, pageIndex: number, c: Candidate, floor: number): Scored | null {
  const start = folded.starts[c.start]!;
  const end = folded.ends[c.end - 1]!;
  // On another page, nearness says nothing; the quote and its context must carry it.
  const pageLength = folded.ends.at(-1) ?? 1;
  const position = pageIndex === want.pageIndex ? 1 - Math.min(1, Math.abs(start - want.start) / Math.max(1, pageLength)) : 0;
  const partial = WEIGHTS.quote * (1 - c.errors / want.quote.length) + WEIGHTS.position * position;
  if (partial + WEIGHTS.prefix + WEIGHTS.suffix < floor) return null;
  // A little more than the context's length, so letters lost or gained before it do not cut it short.
  const before = folded.text.slice(Math.max(0, c.start - Math.ceil(want.prefix.length * 1.25)), c.start).trim();
  const after = folded.text.slice(c.end, c.end + Math.ceil(want.suffix.length * 1.25)).trim();
  const prefix = likeness(want.prefix, before);
  const suffix = likeness(want.suffix, after);
  if (c.errors > want.quote.length * CLOSE_RATE && (prefix + suffix) / 2 < MIN_CONTEXT) return null;
  const total = Math.round((partial + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix) * 1000) / 1000;
  return total >= floor ? { start, end, errors: c.errors, pageIndex, score: total } : null;
}

/**
 * How alike a stored context is to the text beside a candidate, 0..1: one less the fewest
 * edits that turn the context into a stretch of that text, per character. A passage at
 * the edge of its page had no context; there, an edge again is as good as it gets.
 */
function likeness(context: string, beside: string): number {
  if (context.length === 0) return beside.length === 0 ? 1 : 0.5;
  if (beside.length === 0) return 0;
  const best = search(beside, context, context.length)[0];
  return best ? 1 - best.errors / context.length : 0;
}

/** Name what was found, its range trimmed of the whitespace a folded match may end on. */
function classify(best: Scored, passage: StoredPassage, text: string): Relocation {
  let { start, end } = best;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const inPlace = best.pageIndex === passage.pageIndex && start === passage.start;
  const kind = best.errors > 0 ? 'approximate' : inPlace ? 'exact' : 'moved';
  return { kind, pageIndex: best.pageIndex, start, end, score: best.score, errors: best.errors };
}
