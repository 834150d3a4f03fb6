/**
 * The audit log as a scoped bundle shows it. A scoped export goes to someone who should see
 * only what it names, so the rows about anything else are redacted: a redacted row keeps
 * seq, at, prev_hash and hash (the chain still links through it) and says "redacted": true,
 * but loses actor, action, entity, entity_id and payload. The rule, kept simple enough for a
 * recipient to check by hand:
 *   - a document, allegation or highlight row is kept when that item is in the bundle
 *     (a deleted one case.json carries included);
 *   - a link row (entity_id "highlight:allegation") is kept when both ends are in the bundle;
 *   - of the case-level rows (no entity id) only the case's creation is kept: the others
 *     (a reordering lists every allegation, a bundle import names what it merged) may
 *     mention anything;
 *   - every other row is redacted.
 * A whole-case export redacts nothing. head.json lists the redacted rows and is covered by
 * the signed manifests, so a row redacted after export is caught by verify.
 */
import type { AuditRow, RedactedAuditRow } from '../audit/audit.ts';
import type { ReportModel } from '../report/model.ts';

export interface ExportScope {
  allegationIds?: string[];
  documentIds?: string[];
}

/** Whether the scope names anything (nothing named means the whole case, as in scopeModel). */
export const isScoped = (scope: ExportScope | undefined): boolean =>
  Boolean(scope?.allegationIds?.length || scope?.documentIds?.length);

/** A predicate telling whether a row is about something the scoped model carries. */
export function inScope(model: ReportModel): (row: AuditRow) => boolean {
  const documents = new Set(model.documents.map((d) => d.documentId));
  const allegations = new Set([...model.allegations, ...model.deleted.allegations].map((a) => a.allegationId));
  const highlights = new Set([...model.highlights, ...model.deleted.highlights].map((h) => h.highlightId));
  return (row) => {
    const id = row.entity_id;
    if (id === null) return row.entity === 'case' && row.action === 'case.create';
    switch (row.entity) {
      case 'document':
        return documents.has(id);
      case 'allegation':
        return allegations.has(id);
      case 'highlight':
        return highlights.has(id);
      case 'link': {
        const [highlight, allegation, ...rest] = id.split(':');
        return rest.length === 0 && highlights.has(highlight!) && allegations.has(allegation ?? '');
      }
      default:
        return false;
    }
  };
}

/** The row without what it says. */
export const redact = (row: AuditRow): RedactedAuditRow => ({
  seq: row.seq,
  at: row.at,
  prev_hash: row.prev_hash,
  hash: row.hash,
  redacted: true,
});
