/**
 * The allegations of a case: codes (A1, A2, … unless given), order, status and tags, with
 * live counts of linked passages per stance. Deleting marks the row, so undo can bring it
 * back with its links. Every change is one transaction with its audit row.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { Allegation, AllegationStatus, StanceCounts } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';

export interface AllegationRow {
  id: string;
  code: string;
  title: string;
  description: string | null;
  source: string | null;
  status: AllegationStatus;
  tags: string;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Links that count: not removed, live highlight, document still in the case (callers skip deleted allegations). */
export const LIVE_LINKS = `
  links l JOIN highlights h ON h.id = l.highlight_id AND h.deleted_at IS NULL AND l.deleted_at IS NULL
          JOIN documents d ON d.id = h.document_id AND d.status = 'ready'`;

const zero = (): StanceCounts => ({ supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 });

function countsByAllegation(db: Database): Map<string, StanceCounts> {
  const rows = db.prepare(`SELECT l.allegation_id AS a, l.stance AS s, count(*) AS n FROM ${LIVE_LINKS} GROUP BY 1, 2`).all() as {
    a: string;
    s: keyof StanceCounts;
    n: number;
  }[];
  const out = new Map<string, StanceCounts>();
  for (const r of rows) {
    const c = out.get(r.a) ?? zero();
    c[r.s] = r.n;
    out.set(r.a, c);
  }
  return out;
}

export function toAllegation(r: AllegationRow, counts: StanceCounts = zero()): Allegation {
  return {
    allegationId: r.id,
    code: r.code,
    title: r.title,
    description: r.description,
    source: r.source,
    status: r.status,
    tags: JSON.parse(r.tags) as string[],
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    counts,
  };
}

/** The live allegations in board order, optionally filtered by status or tag. */
export function listAllegations(
  db: Database,
  filter: { status?: AllegationStatus | undefined; tag?: string | undefined } = {},
): Allegation[] {
  const counts = countsByAllegation(db);
  const rows = db
    .prepare('SELECT * FROM allegations WHERE deleted_at IS NULL ORDER BY position, created_at')
    .all() as AllegationRow[];
  return rows
    .map((r) => toAllegation(r, counts.get(r.id)))
    .filter((a) => (!filter.status || a.status === filter.status) && (!filter.tag || a.tags.includes(filter.tag)));
}

/** The deleted allegations, oldest first, with when each was deleted (for bundles). */
export function listDeletedAllegations(db: Database): (Omit<Allegation, 'counts'> & { deletedAt: string })[] {
  const rows = db
    .prepare('SELECT * FROM allegations WHERE deleted_at IS NOT NULL ORDER BY position, created_at, id')
    .all() as AllegationRow[];
  return rows.map((r) => {
    const { counts: _c, ...a } = toAllegation(r);
    return { ...a, deletedAt: r.deleted_at! };
  });
}

/** Find a live allegation by id or by code (case-insensitive); `deleted` includes deleted ones. */
export function resolveAllegation(db: Database, ref: string, deleted = false): AllegationRow {
  const live = deleted ? '' : 'AND deleted_at IS NULL';
  const r = (db.prepare(`SELECT * FROM allegations WHERE id = ? ${live}`).get(ref) ??
    db.prepare(`SELECT * FROM allegations WHERE code = ? COLLATE NOCASE AND deleted_at IS NULL`).get(ref)) as
    AllegationRow | undefined;
  if (!r) throw new ExhibitError('not-found', `No allegation "${ref}" in this case`, ref);
  return r;
}

export function getAllegation(db: Database, ref: string): Allegation {
  const r = resolveAllegation(db, ref, true);
  return toAllegation(r, countsByAllegation(db).get(r.id));
}

function nextCode(db: Database): string {
  const codes = db.prepare('SELECT code FROM allegations').all() as { code: string }[];
  const max = codes.reduce((m, { code }) => Math.max(m, /^A(\d+)$/i.test(code) ? Number(code.slice(1)) : 0), 0);
  return `A${max + 1}`;
}

function assertCodeFree(db: Database, code: string, except: string | null): void {
  const clash = db.prepare('SELECT id, title FROM allegations WHERE code = ? COLLATE NOCASE AND deleted_at IS NULL').get(code) as
    { id: string; title: string } | undefined;
  if (clash && clash.id !== except)
    throw new ExhibitError('invalid-args', `The code ${code} is already used by "${clash.title}"`, code);
}

export interface NewAllegation {
  title: string;
  code?: string | undefined;
  description?: string | undefined;
  source?: string | undefined;
  status?: AllegationStatus | undefined;
  tags?: string[] | undefined;
}

/** Create one allegation (call inside a transaction to create several). */
function insertAllegation(db: Database, a: NewAllegation, actor: string): string {
  const code = (a.code ?? nextCode(db)).trim();
  assertCodeFree(db, code, null);
  const id = randomUUID();
  const now = new Date().toISOString();
  const position = ((db.prepare('SELECT max(position) AS p FROM allegations').get() as { p: number | null }).p ?? 0) + 1;
  db.prepare(
    `INSERT INTO allegations (id, code, title, description, source, status, tags, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    code,
    a.title.trim(),
    a.description ?? null,
    a.source ?? null,
    a.status ?? 'open',
    JSON.stringify(a.tags ?? []),
    position,
    now,
    now,
  );
  appendAudit(db, { actor, action: 'allegation.create', entity: 'allegation', entityId: id, payload: { code, ...a } });
  return id;
}

/** Create allegations in one transaction: all of them, or none. */
export function createAllegations(db: Database, items: NewAllegation[], actor: string): Allegation[] {
  const ids = db.transaction(() => items.map((a) => insertAllegation(db, a, actor)))();
  return ids.map((id) => getAllegation(db, id));
}

/** Change fields of an allegation; null clears description or source. */
export function updateAllegation(
  db: Database,
  ref: string,
  change: Partial<Omit<NewAllegation, 'description' | 'source'>> & { description?: string | null; source?: string | null },
  actor: string,
): Allegation {
  return db.transaction(() => {
    const before = resolveAllegation(db, ref);
    if (change.code !== undefined) assertCodeFree(db, change.code, before.id);
    const after = {
      code: change.code ?? before.code,
      title: change.title ?? before.title,
      description: change.description === undefined ? before.description : change.description,
      source: change.source === undefined ? before.source : change.source,
      status: change.status ?? before.status,
      tags: JSON.stringify(change.tags ?? JSON.parse(before.tags)),
    };
    db.prepare(
      'UPDATE allegations SET code = ?, title = ?, description = ?, source = ?, status = ?, tags = ?, updated_at = ? WHERE id = ?',
    ).run(
      after.code,
      after.title,
      after.description,
      after.source,
      after.status,
      after.tags,
      new Date().toISOString(),
      before.id,
    );
    appendAudit(db, {
      actor,
      action: 'allegation.update',
      entity: 'allegation',
      entityId: before.id,
      payload: { before: toAllegation(before), change },
    });
    return getAllegation(db, before.id);
  })();
}

/** Put the live allegations in the given order (each id exactly once). */
export function reorderAllegations(db: Database, ids: string[], actor: string): Allegation[] {
  return db.transaction(() => {
    const live = (db.prepare('SELECT id FROM allegations WHERE deleted_at IS NULL').all() as { id: string }[]).map((r) => r.id);
    if (ids.length !== live.length || new Set(ids).size !== ids.length || !ids.every((id) => live.includes(id))) {
      throw new ExhibitError('invalid-args', 'The new order must list every allegation exactly once', 'allegationIds');
    }
    const set = db.prepare('UPDATE allegations SET position = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
    appendAudit(db, { actor, action: 'allegation.reorder', entity: 'allegation', entityId: null, payload: { order: ids } });
    return listAllegations(db);
  })();
}

/**
 * Delete (mark) or restore an allegation; links stay, hidden while it is deleted. A restore
 * is an edit (updated_at moves on), so a bundle merge ranks it above the older deletion.
 */
export function setAllegationDeleted(
  db: Database,
  ref: string,
  deleted: boolean,
  actor: string,
  withLinks = false,
): { allegation: Allegation; links: number } {
  return db.transaction(() => {
    const r = resolveAllegation(db, ref, true);
    if (Boolean(r.deleted_at) === deleted)
      throw new ExhibitError('invalid-args', `${r.code} is ${deleted ? 'already deleted' : 'not deleted'}`, r.code);
    const links = (
      db.prepare('SELECT count(*) AS n FROM links WHERE allegation_id = ? AND deleted_at IS NULL').get(r.id) as { n: number }
    ).n;
    if (deleted && links > 0 && !withLinks) {
      throw new ExhibitError(
        'invalid-args',
        `${r.code} has ${links} linked passage(s); confirm to delete it with its links`,
        r.code,
      );
    }
    if (!deleted) assertCodeFree(db, r.code, r.id);
    const now = new Date().toISOString();
    if (deleted) db.prepare('UPDATE allegations SET deleted_at = ? WHERE id = ?').run(now, r.id);
    else db.prepare('UPDATE allegations SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(now, r.id);
    appendAudit(db, {
      actor,
      action: deleted ? 'allegation.delete' : 'allegation.restore',
      entity: 'allegation',
      entityId: r.id,
      payload: { code: r.code, links },
    });
    return { allegation: getAllegation(db, r.id), links };
  })();
}
