/**
 * Re-anchoring a document's highlights after its page text was replaced (a scan OCR'd
 * again). Every target is looked for in the new text (shared/anchoring/fuzzy.ts) and
 * takes its new page, offsets, selectors and boxes; one found only elsewhere or only
 * approximately is marked drifted, with the quote it had before, so a reviewer sees it.
 * One found nowhere keeps its old quote, offsets and boxes (on a re-read scan the boxes
 * still show where it was on the image) and is marked orphaned. Nothing is deleted.
 * An area target is anchored by its rectangle, which the new reading does not move: on a
 * page whose text was replaced its quote is read again from the words now inside it.
 */
import type { Database } from 'better-sqlite3';
import { newPages, relocate, type Relocation } from '../../../shared/anchoring/fuzzy.ts';
import type { PageGeometry } from '../../../shared/anchoring/glyphs.ts';
import { rectsForRange } from '../../../shared/anchoring/rects.ts';
import { describeRange } from '../../../shared/anchoring/selectors.ts';
import type { Drift, PageLayout, Rect } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import { areaSelectors } from './area.ts';
import { pageLayout } from './targets.ts';

/** How many highlights came through re-anchoring how (each counted once, by its worst target). */
export interface ReanchorSummary {
  kept: number;
  moved: number;
  approximate: number;
  orphaned: number;
}

interface TargetRow {
  highlight_id: string;
  ordinal: number;
  page_index: number;
  rects: string;
  area: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  anchor: string;
  drifted: Drift['kind'] | null;
  drifted_from: string | null;
  drifted_score: number | null;
  drifted_at: string | null;
}

type Outcome = 'kept' | Drift['kind'];

/** Worse outcomes rank higher: a highlight is counted, and a repeated drift mark kept, by the worst. */
const RANK: Record<Outcome, number> = { kept: 0, moved: 1, approximate: 2, orphaned: 3 };

/**
 * Re-anchor every highlight (deleted ones too, so a restore shows the right place) of a
 * document whose page text was just replaced. Call it inside the transaction that replaces
 * the text, after the new pages are stored, with the old texts by 0-based page index.
 */
export function reanchorDocument(
  db: Database,
  documentId: string,
  oldPages: ReadonlyMap<number, string>,
  actor: string,
): ReanchorSummary {
  const texts = db.prepare('SELECT page_index, text FROM pages WHERE document_id = ?').all(documentId) as {
    page_index: number;
    text: string;
  }[];
  const pageTexts: (string | undefined)[] = [];
  for (const p of texts) pageTexts[p.page_index] = p.text;
  const pages = newPages(pageTexts);
  const layouts = new Map<number, PageLayout & PageGeometry>();
  const layoutOf = (pageIndex: number) => {
    let l = layouts.get(pageIndex);
    if (!l) layouts.set(pageIndex, (l = pageLayout(db, documentId, pageIndex + 1)));
    return l;
  };
  const rows = db
    .prepare(
      `SELECT t.* FROM highlight_targets t JOIN highlights h ON h.id = t.highlight_id
       WHERE h.document_id = ? ORDER BY h.created_at, h.rowid, t.ordinal`,
    )
    .all(documentId) as TargetRow[];
  const save = db.prepare(
    `UPDATE highlight_targets SET page_index = @page_index, rects = @rects, exact = @exact, prefix = @prefix,
       suffix = @suffix, start_offset = @start_offset, end_offset = @end_offset, anchor = @anchor, drifted = @drifted,
       drifted_from = @drifted_from, drifted_score = @drifted_score, drifted_at = @drifted_at
     WHERE highlight_id = @highlight_id AND ordinal = @ordinal`,
  );
  const now = new Date().toISOString();
  const summary: ReanchorSummary = { kept: 0, moved: 0, approximate: 0, orphaned: 0 };
  for (const targets of groupBy(rows, (r) => r.highlight_id)) {
    let worst: Outcome = 'kept';
    const changes: unknown[] = [];
    for (const before of targets) {
      if (before.area !== null) {
        // Only a page whose text changed reads differently; the rectangle stays where it was drawn.
        if (!oldPages.has(before.page_index)) continue;
        const after = rereadArea(before, layoutOf(before.page_index));
        if (sameRow(before, after)) continue;
        save.run(after);
        changes.push({ ordinal: before.ordinal, outcome: 'reread', score: null, before: located(before), after: located(after) });
        continue;
      }
      const found = relocate(passageOf(before), oldPages.get(before.page_index), pages);
      const outcome: Outcome = found.kind === 'exact' ? 'kept' : found.kind;
      if (RANK[outcome] > RANK[worst]) worst = outcome;
      const after = nextRow(before, found, layoutOf, now);
      if (sameRow(before, after)) continue;
      save.run(after);
      changes.push({
        ordinal: before.ordinal,
        outcome,
        score: found.kind === 'orphaned' ? null : found.score,
        before: located(before),
        after: located(after),
      });
    }
    summary[worst]++;
    if (changes.length === 0) continue;
    appendAudit(db, {
      actor,
      action: 'highlight.reanchor',
      entity: 'highlight',
      entityId: targets[0]!.highlight_id,
      payload: { documentId, outcome: worst, targets: changes },
    });
  }
  return summary;
}

const passageOf = (r: TargetRow) => ({
  pageIndex: r.page_index,
  start: r.start_offset,
  end: r.end_offset,
  exact: r.exact,
  prefix: r.prefix,
  suffix: r.suffix,
});

/** What the audit log records of a target's place, before and after. */
const located = (r: TargetRow) => ({ page: r.page_index + 1, start: r.start_offset, end: r.end_offset, exact: r.exact });

/** The target's row once re-anchored; a drift mark already there is kept unless this one is worse. */
function nextRow(
  before: TargetRow,
  found: Relocation,
  layoutOf: (pageIndex: number) => PageLayout & PageGeometry,
  now: string,
): TargetRow {
  const drifted =
    found.kind === 'exact'
      ? {}
      : {
          drifted: before.drifted && RANK[before.drifted] > RANK[found.kind] ? before.drifted : found.kind,
          // The quote the reviewer highlighted, not one an earlier re-reading produced.
          drifted_from: before.drifted_from ?? before.exact,
          drifted_score: found.kind === 'orphaned' ? null : found.score,
          drifted_at: now,
        };
  if (found.kind === 'orphaned') return { ...before, anchor: 'orphaned', ...drifted };
  const layout = layoutOf(found.pageIndex);
  const { quote } = describeRange(layout.text, found.start, found.end);
  return {
    ...before,
    ...drifted,
    page_index: found.pageIndex,
    start_offset: found.start,
    end_offset: found.end,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    rects: JSON.stringify(rectsForRange(layout, found.start, found.end)),
    anchor: 'ok',
  };
}

/** An area target with the words now inside its rectangle as its quote. */
function rereadArea(before: TargetRow, layout: PageLayout & PageGeometry): TargetRow {
  const { quote, position } = areaSelectors(layout, JSON.parse(before.area!) as Rect);
  return {
    ...before,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    start_offset: position.start,
    end_offset: position.end,
    anchor: 'ok',
  };
}

function sameRow(a: TargetRow, b: TargetRow): boolean {
  return (Object.keys(a) as (keyof TargetRow)[]).every((k) => a[k] === b[k]);
}

/** Consecutive rows with the same key, as groups (rows come ordered by highlight). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): T[][] {
  const out: T[][] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last && key(last[0]!) === key(r)) last.push(r);
    else out.push([r]);
  }
  return out;
}
