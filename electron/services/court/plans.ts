/** Court bundle plans kept in the case: several per case, each under a unique name, audited. */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { CourtPlan, CourtPlanBody } from '../../../shared/ipc/contract.ts';

export function listPlans(_db: Database): CourtPlan[] {
  throw new ExhibitError('internal', 'Court bundle plans are not kept yet');
}

export function getPlan(_db: Database, _planId: string): CourtPlan {
  throw new ExhibitError('internal', 'Court bundle plans are not kept yet');
}

export function savePlan(
  _db: Database,
  _args: { planId?: string | undefined; name: string; plan: CourtPlanBody },
  _actor: string,
): CourtPlan {
  throw new ExhibitError('internal', 'Court bundle plans are not kept yet');
}

export function deletePlan(_db: Database, _planId: string, _actor: string): boolean {
  throw new ExhibitError('internal', 'Court bundle plans are not kept yet');
}
