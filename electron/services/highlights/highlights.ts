/**
 * Highlights: stored with their targets, changed in one transaction each, every change
 * audit-logged. Deletion is a mark (so undo can restore exactly what was there).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { Drift, Highlight, HighlightColor, HighlightTarget, TargetSpec } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import { resolveDocument } from '../documents/documents.ts';
import { buildAreaTarget } from './area.ts';
import { expandQuoteSpec } from './quote-pages.ts';
import { buildTarget, checkTarget, pageLayoutCache } from './targets.ts';

interface HighlightRow {
  id: string;
  document_id: string;
  author: string;
  created_at: string;
  updated_at: string;
  color: HighlightColor;
  label: string | null;
  note: string | null;
  deleted_at: string | null;
}

interface TargetRow {
  page_index: number;
  rects: string;
  exact: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  anchor: HighlightTarget['anchor'];
  drifted: Drift['kind'] | null;
  drifted_from: string | null;
  drifted_score: number | null;
  drifted_at: string | null;
  area: string | null;
}

function targetsOf(db: Database, id: string): HighlightTarget[] {
  const rows = db.prepare('SELECT * FROM highlight_targets WHERE highlight_id = ? ORDER BY ordinal').all(id) as TargetRow[];
  return rows.map((r) => ({
    page: r.page_index + 1,
    // An area's box is the one drawn, whatever re-cut the text boxes of its words (re-measuring, re-anchoring).
    rects: r.area === null ? JSON.parse(r.rects) : [JSON.parse(r.area)],
    quote: { type: 'TextQuoteSelector', exact: r.exact, prefix: r.prefix, suffix: r.suffix },
    position: { type: 'TextPositionSelector', start: r.start_offset, end: r.end_offset },
    anchor: r.anchor,
    current: null,
    drifted: r.drifted && {
      kind: r.drifted,
      previousQuote: r.drifted_from ?? r.exact,
      score: r.drifted_score,
      at: r.drifted_at ?? '',
    },
    area: r.area === null ? null : JSON.parse(r.area),
  }));
}

function toHighlight(r: HighlightRow, targets: HighlightTarget[]): Highlight {
  return {
    highlightId: r.id,
    documentId: r.document_id,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    color: r.color,
    label: r.label,
    note: r.note,
    quote: targets.map((t) => t.quote.exact).join(' '),
    targets,
  };
}

function row(db: Database, highlightId: string, includeDeleted = false): HighlightRow {
  const r = db.prepare('SELECT * FROM highlights WHERE id = ?').get(highlightId) as HighlightRow | undefined;
  if (!r || (r.deleted_at && !includeDeleted))
    throw new ExhibitError('not-found', `No highlight "${highlightId}" in this case`, highlightId);
  return r;
}

/** One highlight as stored. */
export function getHighlight(db: Database, highlightId: string): Highlight {
  return toHighlight(row(db, highlightId), targetsOf(db, highlightId));
}

/**
 * The case's highlights (or one document's), each target checked against the page text
 * as it is now; a changed anchor state is saved so the list of problems stays current.
 */
export function listHighlights(db: Database, documentId?: string): Highlight[] {
  const docId = documentId ? resolveDocument(db, documentId).id : null;
  const rows = (
    docId
      ? db.prepare('SELECT * FROM highlights WHERE document_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid').all(docId)
      : db
          .prepare(
            `SELECT h.* FROM highlights h JOIN documents d ON d.id = h.document_id
             WHERE h.deleted_at IS NULL AND d.status = 'ready' ORDER BY h.created_at, h.rowid`,
          )
          .all()
  ) as HighlightRow[];
  const save = db.prepare('UPDATE highlight_targets SET anchor = ? WHERE highlight_id = ? AND ordinal = ?');
  const layoutOf = pageLayoutCache();
  return db.transaction(() =>
    rows.map((r) => {
      const targets = targetsOf(db, r.id).map((t, i) => {
        const checked = checkTarget(db, r.document_id, t, layoutOf);
        // A read-only case shows the state found now and stores nothing.
        if (checked.anchor !== t.anchor && !db.readonly) save.run(checked.anchor, r.id, i);
        return checked;
      });
      return toHighlight(r, targets);
    }),
  )();
}

/** The deleted highlights on documents still in the case, as stored, with when each was deleted (for bundles). */
export function listDeletedHighlights(db: Database): (Highlight & { deletedAt: string })[] {
  const rows = db
    .prepare(
      `SELECT h.* FROM highlights h JOIN documents d ON d.id = h.document_id
       WHERE h.deleted_at IS NOT NULL AND d.status = 'ready' ORDER BY h.created_at, h.rowid`,
    )
    .all() as HighlightRow[];
  return rows.map((r) => ({ ...toHighlight(r, targetsOf(db, r.id)), deletedAt: r.deleted_at! }));
}

/** Store a highlight's targets in order (page numbers from 1, as the contract gives them). */
export function insertTargets(
  db: Database,
  highlightId: string,
  targets: readonly {
    page: number;
    rects: HighlightTarget['rects'];
    quote: { exact: string; prefix: string; suffix: string };
    position: { start: number; end: number };
    area?: HighlightTarget['area'] | undefined;
  }[],
): void {
  const insert = db.prepare(
    `INSERT INTO highlight_targets (highlight_id, ordinal, page_index, rects, exact, prefix, suffix, start_offset, end_offset, area)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  targets.forEach((t, i) =>
    insert.run(
      highlightId,
      i,
      t.page - 1,
      JSON.stringify(t.rects),
      t.quote.exact,
      t.quote.prefix,
      t.quote.suffix,
      t.position.start,
      t.position.end,
      t.area ? JSON.stringify(t.area) : null,
    ),
  );
}

export interface NewHighlight {
  documentId: string;
  targets: TargetSpec[];
  color?: HighlightColor | undefined;
  label?: string | undefined;
  note?: string | undefined;
  actor: string;
}

/** Create a highlight; every target must anchor, or nothing is stored. */
export function createHighlight(db: Database, h: NewHighlight): Highlight {
  return db.transaction(() => {
    const doc = resolveDocument(db, h.documentId);
    if (doc.status !== 'ready') throw new ExhibitError('not-found', `"${doc.title}" was removed from this case`, doc.id);
    const targets = h.targets
      .flatMap((spec) => expandQuoteSpec(db, doc.id, spec))
      .map((spec) => ('area' in spec ? buildAreaTarget(db, doc.id, spec) : buildTarget(db, doc.id, spec)));
    const id = randomUUID();
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color, label, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, doc.id, h.actor, now, now, h.color ?? 'yellow', h.label ?? null, h.note ?? null);
    insertTargets(db, id, targets);
    const created = getHighlight(db, id);
    appendAudit(db, { actor: h.actor, action: 'highlight.create', entity: 'highlight', entityId: id, payload: created });
    return created;
  })();
}

/** Change colour, label or note (null clears label or note). */
export function updateHighlight(
  db: Database,
  highlightId: string,
  change: { color?: HighlightColor | undefined; label?: string | null | undefined; note?: string | null | undefined },
  actor: string,
): Highlight {
  return db.transaction(() => {
    const before = getHighlight(db, highlightId);
    const after = {
      color: change.color ?? before.color,
      label: change.label === undefined ? before.label : change.label,
      note: change.note === undefined ? before.note : change.note,
    };
    db.prepare('UPDATE highlights SET color = ?, label = ?, note = ?, updated_at = ? WHERE id = ?').run(
      after.color,
      after.label,
      after.note,
      new Date().toISOString(),
      highlightId,
    );
    appendAudit(db, {
      actor,
      action: 'highlight.update',
      entity: 'highlight',
      entityId: highlightId,
      payload: { before: { color: before.color, label: before.label, note: before.note }, after },
    });
    return getHighlight(db, highlightId);
  })();
}

/**
 * Delete (mark deleted) or restore a highlight; returns it as it was. A restore is an edit
 * (updated_at moves on), so a bundle merge ranks it above the older deletion.
 */
export function setHighlightDeleted(db: Database, highlightId: string, deleted: boolean, actor: string): Highlight {
  return db.transaction(() => {
    const r = row(db, highlightId, true);
    if (Boolean(r.deleted_at) === deleted) {
      throw new ExhibitError(
        'invalid-args',
        `Highlight "${highlightId}" is ${deleted ? 'already deleted' : 'not deleted'}`,
        highlightId,
      );
    }
    const now = new Date().toISOString();
    if (deleted) db.prepare('UPDATE highlights SET deleted_at = ? WHERE id = ?').run(now, highlightId);
    else db.prepare('UPDATE highlights SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(now, highlightId);
    const h = toHighlight(r, targetsOf(db, highlightId));
    appendAudit(db, {
      actor,
      action: deleted ? 'highlight.delete' : 'highlight.restore',
      entity: 'highlight',
      entityId: highlightId,
      payload: { documentId: h.documentId, quote: h.quote },
    });
    return h;
  })();
}
