/**
 * Court bundle plans kept in the case: several per case, each under a name unique among the
 * live plans (ignoring case), every create, update and delete one audit row. A deletion
 * marks the row rather than removing it, so it reaches other cases through the evidence
 * bundle (see bundle/merge-plans.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { CourtPlanBody, type CourtPlan } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';

/** A row of court_plans as stored. */
export interface PlanRow {
  id: string;
  name: string;
  body: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A stored row as the contract's plan (its body parsed; a row is only ever written checked). */
export function planOf(r: PlanRow): CourtPlan {
  const body = CourtPlanBody.parse(JSON.parse(r.body));
  return { planId: r.id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at, ...body };
}

/** The live plans, by name. */
export function listPlans(db: Database): CourtPlan[] {
  const rows = db.prepare('SELECT * FROM court_plans WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id').all();
  return (rows as PlanRow[]).map(planOf);
}

/** Every plan row, deleted ones included (what an evidence bundle carries). */
export function allPlanRows(db: Database): PlanRow[] {
  return db.prepare('SELECT * FROM court_plans ORDER BY created_at, id').all() as PlanRow[];
}

function liveRow(db: Database, planId: string): PlanRow {
  const row = db.prepare('SELECT * FROM court_plans WHERE id = ? AND deleted_at IS NULL').get(planId) as PlanRow | undefined;
  if (!row) throw new ExhibitError('not-found', `No court bundle plan ${planId} in this case`, planId);
  return row;
}

/** One live plan; 'not-found' names the id. */
export function getPlan(db: Database, planId: string): CourtPlan {
  return planOf(liveRow(db, planId));
}

/** Refuse a name another live plan already has, naming it. */
function assertNameFree(db: Database, name: string, self: string | null): void {
  const holder = db
    .prepare('SELECT id FROM court_plans WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?')
    .get(name, self) as { id: string } | undefined;
  if (holder) throw new ExhibitError('invalid-args', `A court bundle plan named "${name}" already exists in this case`, name);
}

/**
 * Every document named must be in the case and appear once. A document the plan already
 * named may stay though the case lacks it (a plan that came in a bundle without it, or whose
 * document was removed since): the build names it; refusing would make the plan uneditable.
 */
function assertDocuments(db: Database, body: CourtPlanBody, before: CourtPlanBody | null): void {
  const kept = new Set(before?.sections.flatMap((s) => s.documentIds) ?? []);
  const seen = new Map<string, string>();
  const find = db.prepare('SELECT title, status FROM documents WHERE id = ?');
  for (const section of body.sections) {
    for (const documentId of section.documentIds) {
      const other = seen.get(documentId);
      if (other !== undefined) {
        const where = other === section.title ? `twice in "${other}"` : `in both "${other}" and "${section.title}"`;
        throw new ExhibitError(
          'invalid-args',
          `Document ${documentId} is ${where}; a document goes in one place only`,
          documentId,
        );
      }
      seen.set(documentId, section.title);
      if (kept.has(documentId)) continue;
      const doc = find.get(documentId) as { title: string; status: string } | undefined;
      if (!doc)
        throw new ExhibitError(
          'invalid-args',
          `No document ${documentId} in this case, so the plan cannot include it`,
          documentId,
        );
      if (doc.status !== 'ready')
        throw new ExhibitError(
          'invalid-args',
          `"${doc.title}" (${documentId}) has been removed from the case; restore it to include it`,
          documentId,
        );
    }
  }
}

/** Create a plan (no planId) or replace one, in one transaction with its audit row. */
export function savePlan(
  db: Database,
  args: { planId?: string | undefined; name: string; plan: CourtPlanBody },
  actor: string,
): CourtPlan {
  const name = args.name.trim();
  if (!name) throw new ExhibitError('invalid-args', 'A court bundle plan needs a name', 'name');
  const body = CourtPlanBody.parse(args.plan);
  return db.transaction(() => {
    const now = new Date().toISOString();
    if (args.planId === undefined) {
      assertNameFree(db, name, null);
      assertDocuments(db, body, null);
      const id = randomUUID();
      db.prepare('INSERT INTO court_plans (id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        id,
        name,
        JSON.stringify(body),
        now,
        now,
      );
      appendAudit(db, { actor, action: 'court-plan.create', entity: 'court-plan', entityId: id, payload: { name, plan: body } });
      return getPlan(db, id);
    }
    const before = liveRow(db, args.planId);
    assertNameFree(db, name, before.id);
    const previous = planOf(before);
    assertDocuments(db, body, previous);
    db.prepare('UPDATE court_plans SET name = ?, body = ?, updated_at = ? WHERE id = ?').run(
      name,
      JSON.stringify(body),
      now,
      before.id,
    );
    appendAudit(db, {
      actor,
      action: 'court-plan.update',
      entity: 'court-plan',
      entityId: before.id,
      payload: { before: { name: before.name, plan: JSON.parse(before.body) as unknown }, name, plan: body },
    });
    return getPlan(db, before.id);
  })();
}

/** Delete a plan (marked, so the deletion travels); false when there was no live plan of that id. */
export function deletePlan(db: Database, planId: string, actor: string): boolean {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM court_plans WHERE id = ? AND deleted_at IS NULL').get(planId) as PlanRow | undefined;
    if (!row) return false;
    db.prepare('UPDATE court_plans SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), planId);
    appendAudit(db, { actor, action: 'court-plan.delete', entity: 'court-plan', entityId: planId, payload: { name: row.name } });
    return true;
  })();
}
