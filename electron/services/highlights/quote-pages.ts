/**
 * A quote that starts on one page and runs on over the next (the command line's
 * `highlight add --page N --quote Q`): found in the pages' texts joined at their breaks,
 * then cut at each break into one target per page, as a selection across a page break is.
 */
import type { Database } from 'better-sqlite3';
import { chooseMatch } from '../../../shared/anchoring/selectors.ts';
import { findAll, foldQuote } from '../../../shared/anchoring/fold.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import type { TargetSpec } from '../../../shared/ipc/contract.ts';

/** A passage may cover at most this many pages: as many targets as one highlight may be created with. */
export const MAX_PAGES = 20;

type QuoteSpec = Extract<TargetSpec, { quote: string }>;

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** "page 6" or "pages 6–8". */
const pagesText = (from: number, to: number) => (from === to ? `page ${from}` : `pages ${from}–${to}`);

/** The texts of pages first..first+count-1 that exist (1-based page numbers). */
function pageTexts(db: Database, documentId: string, first: number, count: number): string[] {
  const rows = db
    .prepare('SELECT text FROM pages WHERE document_id = ? AND page_index >= ? AND page_index < ? ORDER BY page_index')
    .all(documentId, first - 1, first - 1 + count) as { text: string }[];
  return rows.map((r) => r.text);
}

/** [start, end) shrunk past whitespace at both ends. */
function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * The targets a quote spec asks for. Without `acrossPages`, or when the chosen occurrence
 * lies wholly on its page, the spec itself (matched as always). Otherwise the occurrence
 * that starts on the page and runs on, as exact offsets on each page it covers.
 * Occurrences wholly on the page are counted first, then those running on.
 */
export function expandQuoteSpec(db: Database, documentId: string, spec: TargetSpec): TargetSpec[] {
  if (!('quote' in spec) || !spec.acrossPages) return [spec];
  const { acrossPages: _across, ...single } = spec;
  const [first] = pageTexts(db, documentId, spec.page, 1);
  if (first === undefined) throw new ExhibitError('not-found', `The document has no page ${spec.page}`, `page ${spec.page}`);
  const whole = findAll(first, spec.quote);
  if (whole.length > 0 && (spec.occurrence ?? 1) <= whole.length) return [single];
  const texts = followingPages(db, documentId, spec, first);
  const running = runningOn(texts, spec.quote);
  const chosen = chooseMatch(running, { occurrence: spec.occurrence === undefined ? undefined : spec.occurrence - whole.length });
  if (!chosen) throw notFound(spec, whole.length + running.length, texts.length);
  return cut(texts, chosen, spec.page);
}

/** Page `spec.page` and as many after it as the quote could reach (it is no longer, folded, than they are). */
function followingPages(db: Database, documentId: string, spec: QuoteSpec, first: string): string[] {
  const needed = foldQuote(spec.quote).length;
  const texts = [first];
  let reach = 0;
  while (texts.length < MAX_PAGES && reach < needed) {
    const [next] = pageTexts(db, documentId, spec.page + texts.length, 1);
    if (next === undefined) break;
    texts.push(next);
    reach += foldQuote(next).length + 1;
  }
  return texts;
}

interface JoinedMatch {
  start: number;
  end: number;
}

/** Occurrences that start on the first page and end on a later one, as offsets into the texts joined by '\n'. */
function runningOn(texts: string[], quote: string): JoinedMatch[] {
  if (texts.length < 2) return [];
  // A line break between pages: whitespace to the matcher, and a hyphen before it joins a word split across the break.
  const joined = texts.join('\n');
  const firstEnd = texts[0]!.length;
  return findAll(joined, quote).filter((m) => m.start < firstEnd && m.end > firstEnd + 1);
}

/** The joined match as one offsets spec per page it covers (whitespace at each cut left out). */
function cut(texts: string[], m: JoinedMatch, firstPage: number): TargetSpec[] {
  const out: TargetSpec[] = [];
  let base = 0;
  texts.forEach((text, i) => {
    const [start, end] = trim(text, Math.max(m.start, base) - base, Math.min(m.end, base + text.length) - base);
    if (end > start) out.push({ page: firstPage + i, start, end });
    base += text.length + 1;
  });
  return out;
}

function notFound(spec: QuoteSpec, found: number, searched: number): ExhibitError {
  const quote = `The quote "${clip(spec.quote)}"`;
  const onward = searched > 1 ? pagesText(spec.page + 1, spec.page + searched - 1) : null;
  const where = onward ? `on page ${spec.page} or starting there and running on to ${onward}` : `on page ${spec.page}`;
  const message =
    found === 0
      ? onward
        ? `${quote} is not on page ${spec.page}, nor does it start there and run on to ${onward}`
        : `${quote} is not on page ${spec.page}, the document's last page`
      : `${quote} occurs ${found} time(s) ${where}; there is no occurrence ${spec.occurrence}`;
  return new ExhibitError('not-found', message, `page ${spec.page}`);
}
