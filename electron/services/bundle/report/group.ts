/**
 * What every report format shares: the stance order, how a passage is cited, how a quote
 * is shown, and how the matrix is read. Kept in one place so the four formats cite the
 * same passage the same way and a reader can cross-check HTML against CSV.
 */
import type { Stance, StanceCounts } from '../../../../shared/ipc/contract.ts';
import { STANCE_LABEL, STANCES } from '../../../../shared/stances.ts';
import type { DocumentSummary } from '../../../../shared/ipc/contract.ts';
import type { ReportModel, ReportPassage } from '../model.ts';

export type ReportAllegation = ReportModel['allegations'][number];

export { STANCE_LABEL, STANCES };

/** Twelve hex digits: enough to tell documents apart on paper; the full hash is in the document index. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The printed page label when the PDF has one (what a reader sees, e.g. "iv"), else the page number. */
export function pageOf(p: Pick<ReportPassage, 'pageLabel' | 'page'>): string {
  return p.pageLabel !== null && p.pageLabel.trim() !== '' ? p.pageLabel : String(p.page);
}

/** "NGO report, p. 4, SHA-256 0123456789ab" — the same words in every format. */
export function citation(p: ReportPassage): string {
  return `${p.documentTitle}, p. ${pageOf(p)}, SHA-256 ${shortSha(p.sha256)}`;
}

/**
 * A quote for display: line breaks (and the spaces hugging them) become one space, because
 * PDF text breaks where the page wrapped, not where the author did. Nothing else changes:
 * the letters, punctuation and inner spacing stay exactly as extracted.
 */
export function displayQuote(quote: string): string {
  return quote.replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029])+[ \t]*/g, ' ');
}

export interface StanceGroup {
  stance: Stance;
  passages: ReportPassage[];
}

/** Passages grouped by stance in vocabulary order; empty stances are left out. Order within a stance is the model's. */
export function groupByStance(passages: readonly ReportPassage[]): StanceGroup[] {
  return STANCES.map((stance) => ({ stance, passages: passages.filter((p) => p.stance === stance) })).filter(
    (g) => g.passages.length > 0,
  );
}

/** Each passage of the report in reading order: allegation by allegation, stance by stance. */
export function passagesInOrder(model: ReportModel): { allegation: ReportAllegation; passage: ReportPassage }[] {
  return model.allegations.flatMap((allegation) =>
    groupByStance(allegation.passages).flatMap((g) => g.passages.map((passage) => ({ allegation, passage }))),
  );
}

/** Provenance as labelled rows; fields never set are shown as "—" so a gap is visible, not silently dropped. */
export function provenanceRows(d: DocumentSummary): [label: string, value: string][] {
  const p = d.provenance;
  const v = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : '—');
  return [
    ['Source', v(p.source)],
    ['Obtained from', v(p.obtainedFrom)],
    ['Obtained at', v(p.obtainedAt)],
    ['Collected by', v(p.collectedBy)],
    ['Notes', v(p.notes)],
    ['File', `${d.fileName} (${d.pages} page${d.pages === 1 ? '' : 's'}, ${d.size} bytes)`],
    ['SHA-256', d.sha256],
  ];
}

/** The counts of one matrix cell, or null when no passage links that allegation and document. */
export function cellCounts(model: ReportModel, allegationId: string, documentId: string): StanceCounts | null {
  const cell = model.matrix.cells.find((c) => c.allegationId === allegationId && c.documentId === documentId);
  return cell ? cell.counts : null;
}

/** "supports 2, denies 1": only non-zero stances, in vocabulary order; "" for an empty cell. */
export function formatCounts(counts: StanceCounts | null): string {
  if (!counts) return '';
  return STANCES.filter((s) => counts[s] > 0)
    .map((s) => `${s} ${counts[s]}`)
    .join(', ');
}

/** Rows and columns of the matrix as the model gives them: allegations down, documents across. */
export function matrixGrid(model: ReportModel): {
  rows: ReportModel['matrix']['allegations'];
  columns: ReportModel['matrix']['documents'];
} {
  return { rows: model.matrix.allegations, columns: model.matrix.documents };
}
