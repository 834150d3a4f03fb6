/**
 * Full-text search over page text. Ranking (bm25) is applied to at most RANK_CAP
 * matching pages, and snippets are made only for the rows returned, so a common
 * word in a million pages still answers quickly; the total is always exact.
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { SearchHit, SearchResponse } from '../../../shared/ipc/contract.ts';
import { CJK_TEST } from '../../../shared/search/normalize.ts';
import { parseQuery } from '../../../shared/search/query.ts';

export const RANK_CAP = 2000;
const OPEN = '\u0002';
const CLOSE = '\u0003';

export interface SearchOptions {
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Split a marked snippet into plain text and [start, end) hit ranges. */
export function unmark(marked: string): { snippet: string; highlights: [number, number][] } {
  let raw = '';
  const ranges: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === OPEN) start = raw.length;
    else if (ch === CLOSE) {
      if (start >= 0) ranges.push([start, raw.length]);
      start = -1;
    } else raw += ch;
  }
  return tidy(raw, ranges);
}

const PUNCT = /\p{P}/u;
const spacedForIndex = (prev: string, next: string) =>
  (CJK_TEST.test(prev) && (CJK_TEST.test(next) || PUNCT.test(next))) || (CJK_TEST.test(next) && PUNCT.test(prev));

/**
 * Undo the index's spacing for display: whitespace runs become one space, and the spaces
 * put between CJK characters for indexing go away. Hit offsets move with the text.
 */
function tidy(raw: string, ranges: [number, number][]): { snippet: string; highlights: [number, number][] } {
  const chars = [...raw];
  const map: number[] = [];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    map[i] = out.length;
    const ch = chars[i]!;
    if (/\s/.test(ch)) {
      const prev = out.at(-1) ?? '';
      let j = i + 1;
      while (j < chars.length && /\s/.test(chars[j]!)) j++;
      const next = chars[j] ?? '';
      if (prev === '' || prev === ' ' || spacedForIndex(prev, next)) continue;
      out += ' ';
    } else out += ch;
  }
  map[chars.length] = out.length;
  // Offsets were counted in UTF-16 units of `raw`; convert through the code-point index.
  const cpIndex: number[] = [];
  let unit = 0;
  chars.forEach((c, i) => {
    cpIndex[unit] = i;
    unit += c.length;
  });
  cpIndex[unit] = chars.length;
  const at = (u: number) => map[cpIndex[u] ?? chars.length]!;
  const snippet = out.trimEnd();
  const merged: [number, number][] = [];
  for (const [s, e] of ranges.map(([s, e]) => [at(s), Math.min(at(e), snippet.length)] as [number, number])) {
    const last = merged.at(-1);
    // Neighbouring hits (a phrase, or a run of CJK characters) read as one mark.
    if (last && (s === last[1] || (s === last[1] + 1 && snippet[last[1]] === ' '))) last[1] = e;
    else merged.push([s, e]);
  }
  return { snippet, highlights: merged };
}

/** Search the case. Never throws on odd input: a query FTS5 rejects gets a clear error. */
export function search(db: Database, query: string, opts: SearchOptions = {}): SearchResponse {
  const limit = Math.min(opts.limit ?? 20, 200);
  const offset = opts.offset ?? 0;
  const parsed = parseQuery(query);
  if (parsed.match === null) return { query, total: 0, results: [], note: parsed.note };
  try {
    const { total, results, ranked } = run(db, parsed.match, limit, offset);
    const capped =
      ranked < total
        ? `${total.toLocaleString('en')} pages match; the best ${ranked.toLocaleString('en')} of the first found (in import order) are ranked. Add words to narrow the search.`
        : null;
    return { query, total, results, note: [parsed.note, capped].filter(Boolean).join(' ') || null };
  } catch (err) {
    throw new ExhibitError('search-syntax', `The search "${query}" could not be run: ${(err as Error).message}`, query);
  }
}

/**
 * Snippets for the returned pages, from one pass of the query over the rowid range they
 * span (at most RANK_CAP matches, since they were ranked among the first RANK_CAP).
 * The `+` keeps the id list out of FTS5's hands, so SQLite filters rows with it instead
 * of FTS5 re-running the query per id (which rebuilt a prefix term's merged doclist 20
 * times: 20 pages of `comp*` took 300 ms at 100,000 pages); snippet() is then computed
 * only for the pages wanted.
 * The bounds are CAST because better-sqlite3 binds JS numbers as REAL and FTS5 ignores a
 * rowid constraint that is not INTEGER: it then scans every match (60 ms for "the" at
 * 1,000,000 pages instead of 0.2 ms) and, for `rowid = ?`, returns rows of any id.
 */
function snippetsFor(db: Database, match: string, ids: readonly number[]): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT rowid AS id, snippet(pages_fts, 0, '${OPEN}', '${CLOSE}', '…', 24) AS s FROM pages_fts
       WHERE pages_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
         AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids)) as { id: number; s: string }[];
  return new Map(rows.map((r) => [r.id, r.s]));
}

interface RunResult {
  total: number;
  results: SearchHit[];
  /** How many matching pages the ranking looked at (all of them when total <= cap). */
  ranked: number;
}

function run(db: Database, match: string, limit: number, offset: number): RunResult {
  const total = (db.prepare('SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH ?').get(match) as { n: number }).n;
  if (total === 0 || offset >= total) return { total, results: [], ranked: 0 };
  // Paging past the cap widens it, so every page of results exists (deep pages cost more).
  const cap = Math.max(RANK_CAP, offset + limit);
  const top = db
    .prepare(
      `SELECT id FROM (SELECT rowid AS id, rank AS r FROM pages_fts WHERE pages_fts MATCH ? LIMIT ${cap})
       ORDER BY r, id LIMIT ? OFFSET ?`,
    )
    .all(match, limit, offset) as { id: number }[];
  const ranked = Math.min(total, cap);
  if (top.length === 0) return { total, results: [], ranked };
  const ids = top.map((r) => r.id);
  const snippets = snippetsFor(db, match, ids);
  const pageOf = db.prepare(
    `SELECT p.document_id AS documentId, p.page_index AS pageIndex, d.title AS title
     FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?`,
  );
  const results = ids.map((id) => {
    const where = pageOf.get(id) as { documentId: string; pageIndex: number; title: string };
    return { documentId: where.documentId, title: where.title, page: where.pageIndex + 1, ...unmark(snippets.get(id) ?? '') };
  });
  return { total, results, ranked };
}
