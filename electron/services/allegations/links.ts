/**
 * Links: one per highlight and allegation, each with a stance and a rationale. A link
 * exists once; changing its stance edits it. Removing a link marks it (deleted_at), so the
 * removal can travel in a bundle; linking the pair again brings the row back with a newer
 * updated_at. Links of deleted highlights or allegations stay in the table but count
 * nowhere, so undoing a deletion brings them back intact.
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { Link, Stance } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import { getHighlight } from '../highlights/highlights.ts';
import { resolveAllegation } from './allegations.ts';

export interface LinkRow {
  highlight_id: string;
  allegation_id: string;
  stance: Stance;
  rationale: string | null;
  author: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const toLink = (r: LinkRow): Link => ({
  highlightId: r.highlight_id,
  allegationId: r.allegation_id,
  stance: r.stance,
  rationale: r.rationale,
  author: r.author,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A live highlight by id or unique id prefix (4+ characters). */
export function resolveHighlightId(db: Database, ref: string): string {
  const rows = db
    .prepare('SELECT id FROM highlights WHERE deleted_at IS NULL AND (id = ? OR (length(?) >= 4 AND id LIKE ?)) LIMIT 2')
    .all(ref, ref, `${ref.toLowerCase()}%`) as { id: string }[];
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1)
    throw new ExhibitError('invalid-args', `"${ref}" matches more than one highlight; give more of the id`, ref);
  throw new ExhibitError('not-found', `No highlight "${ref}" in this case`, ref);
}

/** The pair's row, removed or not. */
function findRow(db: Database, highlightId: string, allegationId: string): LinkRow | undefined {
  return db.prepare('SELECT * FROM links WHERE highlight_id = ? AND allegation_id = ?').get(highlightId, allegationId) as
    LinkRow | undefined;
}

/** The pair's link, unless it was removed. */
function findLink(db: Database, highlightId: string, allegationId: string): LinkRow | undefined {
  const r = findRow(db, highlightId, allegationId);
  return r && !r.deleted_at ? r : undefined;
}

/** Link a highlight to an allegation; refused when the pair is linked already. */
export function createLink(db: Database, h: string, a: string, stance: Stance, rationale: string | null, actor: string): Link {
  return db.transaction(() => {
    const highlightId = resolveHighlightId(db, h);
    const allegation = resolveAllegation(db, a);
    const existing = findLink(db, highlightId, allegation.id);
    if (existing) {
      throw new ExhibitError(
        'invalid-args',
        `That passage is already linked to ${allegation.code} (${existing.stance}); change the stance instead`,
        allegation.code,
      );
    }
    const now = new Date().toISOString();
    // A removed link of the pair is replaced: linked anew, and newer than its removal.
    db.prepare(
      `INSERT INTO links (highlight_id, allegation_id, stance, rationale, author, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (highlight_id, allegation_id) DO UPDATE SET stance = excluded.stance, rationale = excluded.rationale,
         author = excluded.author, created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL`,
    ).run(highlightId, allegation.id, stance, rationale, actor, now, now);
    appendAudit(db, {
      actor,
      action: 'link.create',
      entity: 'link',
      entityId: `${highlightId}:${allegation.id}`,
      payload: { code: allegation.code, stance, rationale },
    });
    return toLink(findLink(db, highlightId, allegation.id)!);
  })();
}

/** Change a link's stance or rationale (null clears the rationale). */
export function updateLink(
  db: Database,
  h: string,
  a: string,
  change: { stance?: Stance | undefined; rationale?: string | null | undefined },
  actor: string,
): Link {
  return db.transaction(() => {
    const highlightId = resolveHighlightId(db, h);
    const allegation = resolveAllegation(db, a);
    const before = findLink(db, highlightId, allegation.id);
    if (!before) throw new ExhibitError('not-found', `That passage is not linked to ${allegation.code}`, allegation.code);
    const stance = change.stance ?? before.stance;
    const rationale = change.rationale === undefined ? before.rationale : change.rationale;
    db.prepare('UPDATE links SET stance = ?, rationale = ?, updated_at = ? WHERE highlight_id = ? AND allegation_id = ?').run(
      stance,
      rationale,
      new Date().toISOString(),
      highlightId,
      allegation.id,
    );
    appendAudit(db, {
      actor,
      action: 'link.update',
      entity: 'link',
      entityId: `${highlightId}:${allegation.id}`,
      payload: {
        code: allegation.code,
        before: { stance: before.stance, rationale: before.rationale },
        after: { stance, rationale },
      },
    });
    return toLink(findLink(db, highlightId, allegation.id)!);
  })();
}

/** Remove a link (marked removed, with the time); returns it as it was (for undo). */
export function removeLink(db: Database, h: string, a: string, actor: string): Link {
  return db.transaction(() => {
    const highlightId = resolveHighlightId(db, h);
    const allegation = resolveAllegation(db, a);
    const before = findLink(db, highlightId, allegation.id);
    if (!before) throw new ExhibitError('not-found', `That passage is not linked to ${allegation.code}`, allegation.code);
    db.prepare('UPDATE links SET deleted_at = ? WHERE highlight_id = ? AND allegation_id = ?').run(
      new Date().toISOString(),
      highlightId,
      allegation.id,
    );
    appendAudit(db, {
      actor,
      action: 'link.remove',
      entity: 'link',
      entityId: `${highlightId}:${allegation.id}`,
      payload: toLink(before),
    });
    return toLink(before);
  })();
}

/** Links of one highlight, or of all live highlights of a document (live allegations only). */
export function listLinks(db: Database, filter: { highlightId?: string | undefined; documentId?: string | undefined }): Link[] {
  if (filter.highlightId) getHighlight(db, resolveHighlightId(db, filter.highlightId));
  const rows = db
    .prepare(
      `SELECT l.* FROM links l JOIN highlights h ON h.id = l.highlight_id AND h.deleted_at IS NULL
       JOIN allegations a ON a.id = l.allegation_id AND a.deleted_at IS NULL
       WHERE l.deleted_at IS NULL AND (@h IS NULL OR l.highlight_id = @h) AND (@d IS NULL OR h.document_id = @d)
       ORDER BY a.position, l.created_at`,
    )
    .all({
      h: filter.highlightId ? resolveHighlightId(db, filter.highlightId) : null,
      d: filter.documentId ?? null,
    }) as LinkRow[];
  return rows.map(toLink);
}

/** Every link row of the case, removed ones and those of deleted items included (for bundles). */
export function listLinkRows(db: Database): LinkRow[] {
  return db.prepare('SELECT * FROM links ORDER BY created_at, highlight_id, allegation_id').all() as LinkRow[];
}
