/**
 * Search latency on a generated case: the real `search()` over 100 varied queries, and
 * apart from it the three costs inside a search — the exact count, the capped ranking
 * and the snippets — so a miss can be put down to the part that causes it. The count
 * alone is the floor any exact-total search pays; it is reported as the reference.
 */
import type { Database } from 'better-sqlite3';
import { RANK_CAP, search } from '../../electron/services/search/search.ts';
import type { SearchResponse } from '../../shared/ipc/contract.ts';
import { parseQuery } from '../../shared/search/query.ts';
import { median, quantile, timed } from '../lib/stats.ts';
import type { BenchQuery, QueryKind } from './queries.ts';

export interface QueryTiming {
  kind: QueryKind;
  text: string;
  total: number;
  /** Median ms of `search()` over the timed runs. */
  ms: number;
  countMs: number;
  rankMs: number;
  snippetMs: number;
}

export interface Spread {
  median: number;
  p95: number;
  max: number;
}

export interface SearchSummary {
  pages: number;
  queries: number;
  runs: number;
  search: Spread;
  count: Spread;
  rank: Spread;
  snippets: Spread;
  byKind: { kind: QueryKind; search: Spread }[];
  slowest: QueryTiming[];
  /** Queries whose result did not hold up: wrong total, or missing snippets. */
  problems: string[];
}

const spread = (v: number[]): Spread => ({ median: median(v), p95: quantile(v, 0.95), max: Math.max(...v) });

/**
 * What a reviewer would notice: too few results, or a snippet that is not from the page it
 * is shown under (each snippet, without its ellipses, must occur in that page's indexed text).
 */
function checkHits(db: Database, query: string, res: SearchResponse, want: number): string[] {
  if (res.results.length !== want) return [`${query}: ${res.results.length} results, expected ${want}`];
  const pageText = db.prepare(`SELECT p.search_text AS t FROM pages p WHERE p.document_id = ? AND p.page_index = ?`);
  const squash = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();
  const wrong = res.results.filter((h) => {
    const text = (pageText.get(h.documentId, h.page - 1) as { t: string } | undefined)?.t ?? '';
    const core = squash(h.snippet.replace(/^…|…$/g, '').trim());
    return core.length === 0 || !squash(text).includes(core);
  });
  return wrong.length ? [`${query}: ${wrong.length} of ${want} snippets are not from the page they are shown under`] : [];
}

/** Time the queries against `db`; each runs once to warm up, then `runs` times. */
export function benchSearch(db: Database, pages: number, queries: readonly BenchQuery[], runs = 3): SearchSummary {
  // The parts, measured on their own with the statements search() is built from.
  const countStmt = db.prepare('SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH ?');
  const rankStmt = db.prepare(
    `SELECT id FROM (SELECT rowid AS id, rank AS r FROM pages_fts WHERE pages_fts MATCH ? LIMIT ${RANK_CAP}) ORDER BY r, id LIMIT 20`,
  );
  const snippetStmt = db.prepare(
    `SELECT rowid AS id, snippet(pages_fts, 0, '[', ']', '…', 24) AS s FROM pages_fts
     WHERE pages_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
       AND +rowid IN (SELECT value FROM json_each(?))`,
  );
  for (const q of queries) search(db, q.text, { limit: 20 });
  const problems: string[] = [];
  const timings = queries.map((q): QueryTiming => {
    const times: number[] = [];
    let total = -1;
    for (let i = 0; i < runs; i++) {
      const r = timed(() => search(db, q.text, { limit: 20 }));
      times.push(r.ms);
      total = r.value.total;
      const want = Math.min(20, r.value.total);
      if (i === 0) problems.push(...checkHits(db, q.text, r.value, want));
    }
    const match = parseQuery(q.text).match!;
    const count = timed(() => (countStmt.get(match) as { n: number }).n);
    if (count.value !== total) problems.push(`${q.text}: search() total ${total}, but count(*) says ${count.value}`);
    const rank = timed(() => (rankStmt.all(match) as { id: number }[]).map((r) => r.id));
    const ids = rank.value;
    const snip = timed(() => (ids.length ? snippetStmt.all(match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids)) : []));
    return { kind: q.kind, text: q.text, total, ms: median(times), countMs: count.ms, rankMs: rank.ms, snippetMs: snip.ms };
  });
  const kinds = [...new Set(timings.map((t) => t.kind))];
  return {
    pages,
    queries: queries.length,
    runs,
    search: spread(timings.map((t) => t.ms)),
    count: spread(timings.map((t) => t.countMs)),
    rank: spread(timings.map((t) => t.rankMs)),
    snippets: spread(timings.map((t) => t.snippetMs)),
    byKind: kinds.map((kind) => ({ kind, search: spread(timings.filter((t) => t.kind === kind).map((t) => t.ms)) })),
    slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 6),
    problems,
  };
}
