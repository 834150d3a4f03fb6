/**
 * Court bundle plans in the evidence bundle: case.json carries them (deleted ones under
 * "deleted", so a deletion travels), and an import merges them by id with the rule every
 * other item follows (newer-wins.ts). A plan keeps the documents it names even when the
 * bundle does not carry them: the court bundle build then names what is missing, which tells
 * the colleague more than a plan silently cut short.
 *
 * A scoped export goes to someone who should see only what it names, so it carries a plan
 * only when every document in it is in scope: a plan lists documents by id and title order,
 * and a partial plan would both leak that they exist and mislead as a layout.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CourtPlanBody, type MergeResult } from '../../../shared/ipc/contract.ts';
import { allPlanRows, planOf, type PlanRow } from '../court/plans.ts';
import { differences, pick, settled, versionTime, visiblyDifferent, type Version } from './newer-wins.ts';

/** A plan as case.json carries it. */
export type TravellingPlan = CourtPlanBody & { planId: string; name: string; createdAt: string; updatedAt: string };

/** What case.json says of the case's plans: the live ones, and the deleted ones with when. */
export interface PlansInBundle {
  courtPlans: TravellingPlan[];
  deleted: (TravellingPlan & { deletedAt: string })[];
}

/** The plans an export carries: all of them, or in a scoped export those wholly inside it. */
export function plansForBundle(db: Database, documentsInScope: Set<string> | null): PlansInBundle {
  const out: PlansInBundle = { courtPlans: [], deleted: [] };
  for (const row of allPlanRows(db)) {
    const plan = planOf(row);
    if (documentsInScope && !plan.sections.every((s) => s.documentIds.every((d) => documentsInScope.has(d)))) continue;
    if (row.deleted_at) out.deleted.push({ ...plan, deletedAt: row.deleted_at });
    else out.courtPlans.push(plan);
  }
  return out;
}

/** The checks case-file.ts applies to a travelling plan (`time` is its checked timestamp). */
export function travellingPlanSchema(time: z.ZodType<string>) {
  return CourtPlanBody.extend({
    planId: z.string().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    createdAt: time,
    updatedAt: time,
  });
}

function planVersion(p: TravellingPlan & { deletedAt: string | null }): Version {
  const body = { cover: p.cover, sections: p.sections, options: p.options };
  return {
    at: versionTime(p.updatedAt, p.deletedAt),
    // The name is left out: a case may have had to give the plan another one (below).
    canon: JSON.stringify([body, p.updatedAt, p.deletedAt]),
    seen: { name: p.name, cover: p.cover, sections: p.sections, options: p.options, deleted: p.deletedAt !== null },
  };
}

const rowVersion = (r: PlanRow) => planVersion({ ...planOf(r), deletedAt: r.deleted_at });

/** The live plan other than `self` named `name` (ignoring case), if any. */
const holderOf = (db: Database, name: string, self: string) =>
  db.prepare('SELECT * FROM court_plans WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id != ?').get(name, self) as
    PlanRow | undefined;

/** `name`, or the first of "name (2)", "name (3)", … no other live plan has. */
function freeName(db: Database, name: string, self: string): string {
  let free = name;
  for (let n = 2; holderOf(db, free, self); n++) free = `${name} (${n})`;
  return free;
}

/**
 * The name the incoming plan may take. When another live plan already has it, the older of
 * the two keeps it (created first; on a tie the smaller id) and the other is renamed, the
 * same answer on both sides of an exchange.
 */
function settleName(db: Database, p: TravellingPlan, deleted: boolean, conflicts: string[]): string {
  const holder = deleted ? undefined : holderOf(db, p.name, p.planId);
  if (!holder) return p.name;
  const holderOlder = holder.created_at < p.createdAt || (holder.created_at === p.createdAt && holder.id < p.planId);
  if (holderOlder) {
    const name = freeName(db, p.name, p.planId);
    conflicts.push(
      `Court bundle plan "${p.name}": the case already has an older plan of that name, so this one is now "${name}"`,
    );
    return name;
  }
  let n = 2;
  while (holderOf(db, `${holder.name} (${n})`, '')) n++;
  const renamed = `${holder.name} (${n})`;
  db.prepare('UPDATE court_plans SET name = ? WHERE id = ?').run(renamed, holder.id);
  conflicts.push(`Court bundle plan "${holder.name}": the bundle's older plan has that name, so this one is now "${renamed}"`);
  return p.name;
}

/** Merge the bundle's plans into the case, inside the import's transaction (its audit row covers them). */
export function mergePlans(db: Database, data: PlansInBundle, result: MergeResult): void {
  const entries = [...data.deleted, ...data.courtPlans.map((p) => ({ ...p, deletedAt: null }))];
  for (const p of entries) {
    const body = JSON.stringify({ cover: p.cover, sections: p.sections, options: p.options });
    const local = db.prepare('SELECT * FROM court_plans WHERE id = ?').get(p.planId) as PlanRow | undefined;
    if (!local) {
      const name = settleName(db, p, p.deletedAt !== null, result.conflicts);
      db.prepare('INSERT INTO court_plans (id, name, body, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        p.planId,
        name,
        body,
        p.createdAt,
        p.updatedAt,
        p.deletedAt,
      );
      continue;
    }
    const mine = rowVersion(local);
    const incoming = planVersion(p);
    const winner = pick(mine, incoming);
    if (winner !== 'same' && visiblyDifferent(mine, incoming))
      result.conflicts.push(settled(`Court bundle plan "${local.name}"`, differences(mine, incoming), mine, incoming, winner));
    if (winner !== 'bundle') continue;
    const name = settleName(db, p, p.deletedAt !== null, result.conflicts);
    db.prepare('UPDATE court_plans SET name = ?, body = ?, updated_at = ?, deleted_at = ? WHERE id = ?').run(
      name,
      body,
      p.updatedAt,
      p.deletedAt,
      local.id,
    );
  }
}
