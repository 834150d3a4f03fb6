/** The ledger's read-only views: allegation detail, evidence matrix, unlinked queue, response map. */
import type { Database } from 'better-sqlite3';
import type {
  Allegation,
  Highlight,
  LinkedPassage,
  Matrix,
  ResponseEntry,
  Stance,
  StanceCounts,
} from '../../../shared/ipc/contract.ts';
import { Stance as StanceSchema } from '../../../shared/ipc/contract.ts';
import { displayTitles } from '../../../shared/display-titles.ts';
import { listDocuments, resolveDocument } from '../documents/documents.ts';
import { listHighlights } from '../highlights/highlights.ts';
import { getAllegation, listAllegations, LIVE_LINKS, resolveAllegation } from './allegations.ts';
import { toLink, type LinkRow } from './links.ts';

interface PassageRow extends LinkRow {
  document_id: string;
  title: string;
  page_index: number;
  color: string;
}

/** Every live passage linked to an allegation, with where it is and what it says. */
export function allegationDetail(db: Database, ref: string): { allegation: Allegation; passages: LinkedPassage[] } {
  const allegation = getAllegation(db, resolveAllegation(db, ref).id);
  const rows = db
    .prepare(
      `SELECT l.*, d.id AS document_id, d.title AS title, h.color AS color,
              (SELECT min(page_index) FROM highlight_targets t WHERE t.highlight_id = h.id) AS page_index
       FROM ${LIVE_LINKS} WHERE l.allegation_id = ? ORDER BY d.title, page_index, l.created_at`,
    )
    .all(allegation.allegationId) as PassageRow[];
  const quoteOf = db.prepare('SELECT exact FROM highlight_targets WHERE highlight_id = ? ORDER BY ordinal');
  const passages = rows.map((r) => ({
    ...toLink(r),
    documentId: r.document_id,
    documentTitle: r.title,
    page: r.page_index + 1,
    quote: (quoteOf.all(r.highlight_id) as { exact: string }[]).map((t) => t.exact).join(' '),
    color: r.color,
  }));
  return { allegation, passages };
}

const zero = (): StanceCounts => ({ supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 });

/** Allegations × documents, with stance counts in every cell that has a passage. */
export function evidenceMatrix(db: Database): Matrix {
  const allegations = listAllegations(db);
  // By title; documents of one title by the title they are shown under (their dates, else
  // their hashes), so the order is the same however an import's files happened to finish.
  const ready = listDocuments(db);
  const shown = displayTitles(ready);
  const documents = ready
    .map((d) => ({ documentId: d.documentId, title: d.title, shown: shown.get(d.documentId) ?? d.title }))
    .sort(
      (a, b) =>
        a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) ||
        (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0) ||
        (a.documentId < b.documentId ? -1 : 1),
    )
    .map(({ documentId, title }) => ({ documentId, title }));
  const rows = db
    .prepare(
      `SELECT l.allegation_id AS a, h.document_id AS d, l.stance AS s, count(*) AS n
       FROM ${LIVE_LINKS} JOIN allegations x ON x.id = l.allegation_id AND x.deleted_at IS NULL GROUP BY 1, 2, 3`,
    )
    .all() as { a: string; d: string; s: Stance; n: number }[];
  const cells = new Map<string, { allegationId: string; documentId: string; counts: StanceCounts }>();
  for (const r of rows) {
    const key = `${r.a}|${r.d}`;
    const cell = cells.get(key) ?? { allegationId: r.a, documentId: r.d, counts: zero() };
    cell.counts[r.s] = r.n;
    cells.set(key, cell);
  }
  return { allegations, documents, cells: [...cells.values()] };
}

/** Live highlights (in documents still in the case) not linked to any live allegation. */
export function unlinkedHighlights(db: Database): Highlight[] {
  const linked = new Set(
    (
      db
        .prepare(
          `SELECT DISTINCT l.highlight_id AS id FROM links l JOIN allegations a ON a.id = l.allegation_id AND a.deleted_at IS NULL
           WHERE l.deleted_at IS NULL`,
        )
        .all() as {
        id: string;
      }[]
    ).map((r) => r.id),
  );
  return listHighlights(db).filter((h) => !linked.has(h.highlightId));
}

/** Per allegation: does this document address it, and with which stances? */
export function responseMap(db: Database, documentRef: string): ResponseEntry[] {
  const doc = resolveDocument(db, documentRef);
  const rows = db
    .prepare(`SELECT l.allegation_id AS a, l.stance AS s, count(*) AS n FROM ${LIVE_LINKS} WHERE h.document_id = ? GROUP BY 1, 2`)
    .all(doc.id) as { a: string; s: Stance; n: number }[];
  return listAllegations(db).map((a) => {
    const mine = rows.filter((r) => r.a === a.allegationId);
    const stances = StanceSchema.options.filter((s) => mine.some((r) => r.s === s));
    const passages = mine.reduce((n, r) => n + r.n, 0);
    return { allegationId: a.allegationId, code: a.code, title: a.title, addressed: passages > 0, stances, passages };
  });
}
