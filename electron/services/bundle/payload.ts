/**
 * The machine-readable files of a bundle: case.json (schema-versioned) and the audit log as
 * hash-chained JSON lines with its head (the Web Annotations are made by annotations.ts).
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { checkAuditRows, type AuditRow } from '../audit/audit.ts';
import { inScope, isScoped, redact, type ExportScope } from './audit-scope.ts';
import type { ReportModel } from '../report/model.ts';
import type { PlansInBundle } from './plans-travel.ts';

export const CASE_SCHEMA = 'exhibit-case/1';

const json = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);

/** data/case.json: everything needed to rebuild the case's review work, deletions included. */
export function caseJson(model: ReportModel, plans: PlansInBundle = { courtPlans: [], deleted: [] }): Uint8Array {
  return json({
    schema: CASE_SCHEMA,
    case: { name: model.caseName, exportedAt: model.generatedAt, reviewer: model.reviewer },
    documents: model.documents,
    allegations: model.allegations.map(({ passages: _p, ...a }) => a),
    highlights: model.highlights.map(({ links: _l, ...h }) => h),
    links: model.highlights.flatMap((h) => h.links.map((l) => ({ highlightId: h.highlightId, ...l }))),
    // Court bundle plans (cover, sections, options) so a colleague builds the same bundle.
    courtPlans: plans.courtPlans,
    deleted: {
      about:
        'Deleted allegations, highlights and court bundle plans, removed links, and links kept with a deleted item, with when each was deleted. ' +
        'They are not part of the review (the reports, annotated PDFs and annotations.jsonld leave them out); ' +
        'they are here so that a deletion reaches the cases this bundle is merged into.',
      ...model.deleted,
      courtPlans: plans.deleted,
    },
  });
}

/**
 * data/audit/audit.jsonl and head.json: every row with its hashes, so the chain can be
 * re-checked. A scoped export redacts the rows outside its scope (see audit-scope.ts) and
 * head.json says which, so that list is signed along with everything else.
 */
export function auditFiles(db: Database, model: ReportModel, scope?: ExportScope): { lines: Uint8Array; head: Uint8Array } {
  const rows = db
    .prepare('SELECT seq, at, actor, action, entity, entity_id, payload, prev_hash, hash FROM audit ORDER BY seq')
    .all() as AuditRow[];
  const scoped = isScoped(scope);
  // A redacted row is checked only by its links, so a row changed in the case (its hash no
  // longer fitting what it says) would pass verify once redacted: refuse rather than hide it.
  const chain = scoped ? checkAuditRows(rows) : null;
  if (chain?.firstBroken) {
    throw new ExhibitError(
      'case-damaged',
      `The audit log in ${db.name} is broken at row ${chain.firstBroken.seq} (${chain.firstBroken.reason}); ` +
        'a scoped bundle could hide that row, so none was written. Export the whole case, whose verify shows the break.',
      db.name,
    );
  }
  const keep = scoped ? inScope(model) : () => true;
  const shown = rows.map((r) => (keep(r) ? r : redact(r)));
  const redactedSeqs = shown.filter((r) => 'redacted' in r).map((r) => r.seq);
  const lines = new TextEncoder().encode(shown.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return {
    lines,
    head: json({ rows: rows.length, headHash: rows.at(-1)?.hash ?? null, scoped, redacted: redactedSeqs.length, redactedSeqs }),
  };
}
