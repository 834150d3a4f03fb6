/**
 * What every report format shares: the stance order, how a passage is cited, how a quote
 * is shown, and how the matrix is read. Kept in one place so the four formats cite the
 * same passage the same way and a reader can cross-check HTML against CSV.
 */
import type { Stance, StanceCounts } from '../../../shared/ipc/contract.ts';
import { STANCE_LABEL, STANCES } from '../../../shared/stances.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';
import type { ReportModel, ReportPassage } from './model.ts';
import type { AreaPicture, AreaPictures } from './area-pictures.ts';
import { pageCitation, titleOf, type PassagePlace } from './cite.ts';

export type ReportAllegation = ReportModel['allegations'][number];

export { STANCE_LABEL, STANCES };
export { citation, pageCitation, pageSpan, shortSha, titleOf } from './cite.ts';

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

/**
 * What a report shows of any passage: where it is, its words, who marked it, and why. A
 * passage under an allegation carries the link's `author` (and a `stance`); a highlight
 * linked to nothing has only the one who highlighted it.
 */
export type ShownPassage = PassagePlace & {
  highlightId: string;
  quote: string;
  note: string | null;
  highlightedBy: string;
  rationale?: string | null;
} & ({ stance: Stance; author: string } | { stance?: undefined });

/** A highlight no allegation is linked to, as a report lists it. */
export interface UnlinkedPassage extends PassagePlace {
  highlightId: string;
  quote: string;
  note: string | null;
  highlightedBy: string;
}

/**
 * Who the audit log says did what to a passage, as labelled names: "Linked by" the author
 * of the link (never the reviewer exporting), "Highlighted by" the author of the highlight,
 * or one line when they are the same person.
 */
export function passageCredits(p: ShownPassage): [label: string, name: string][] {
  if (p.stance === undefined) return [['Highlighted by', p.highlightedBy]];
  if (p.highlightedBy === p.author) return [['Highlighted and linked by', p.author]];
  return [
    ['Highlighted by', p.highlightedBy],
    ['Linked by', p.author],
  ];
}

/** The reports' header line naming the reviewer who exported (bag-info.txt's Exhibit-Reviewer). */
export const EXPORTED_BY = 'Exported by';

/**
 * The highlights linked to no allegation in the report (a whole-case export keeps them;
 * one scoped to allegations has none), by document title and page, so their notes reach
 * the report too.
 */
export function unlinkedPassages(model: ReportModel): UnlinkedPassage[] {
  const sha = new Map(model.documents.map((d) => [d.documentId, d.sha256]));
  return model.highlights
    .filter((h) => h.links.length === 0)
    .map((h) => {
      const pages = h.targets.map((t) => t.page);
      return {
        highlightId: h.highlightId,
        documentId: h.documentId,
        page: Math.min(...pages),
        lastPage: Math.max(...pages),
        sha256: sha.get(h.documentId) ?? '',
        quote: h.quote,
        note: h.note,
        highlightedBy: h.author,
      };
    })
    .sort((a, b) => titleOf(model, a.documentId).localeCompare(titleOf(model, b.documentId)) || a.page - b.page);
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

/** Rows and columns of the matrix as the model gives them: allegations down, documents across (by display title). */
export function matrixGrid(model: ReportModel): {
  rows: ReportModel['matrix']['allegations'];
  columns: ReportModel['matrix']['documents'];
} {
  const columns = model.matrix.documents.map((d) => ({ documentId: d.documentId, title: titleOf(model, d.documentId) }));
  return { rows: model.matrix.allegations, columns };
}

/**
 * Said under a quote taken from machine-read text (a scan read with OCR): the words may
 * differ from the page image, and a reader should know to compare. Null for typed text.
 */
export function machineReadNote(
  model: ReportModel,
  p: Pick<PassagePlace, 'documentId' | 'page'> & { lastPage?: number },
): string | null {
  const pages = model.machineRead?.[p.documentId];
  if (!pages) return null;
  const confidences: number[] = [];
  for (let n = p.page; n <= (p.lastPage ?? p.page); n++) if (pages[n] !== undefined) confidences.push(pages[n]!);
  if (confidences.length === 0) return null;
  return `Machine-read text (OCR, confidence ${Math.round(Math.min(...confidences))}%): compare with the page image`;
}

/** Said in place of the quote of an area with no words inside (a figure, a stamp, a page not read yet). */
export const NO_WORDS_IN_AREA = 'No text was found inside the area.';

/** The pictures of a passage's areas: none for a passage of text, or when the report is made without pictures. */
export function passagePictures(
  pictures: AreaPictures | undefined,
  p: Pick<ShownPassage, 'highlightId'>,
): readonly AreaPicture[] {
  return pictures?.get(p.highlightId) ?? [];
}

/** The quote as a report shows it: its words on one line, or a word that an area held none. */
export function shownQuote(p: Pick<ShownPassage, 'quote'>, pictures: readonly AreaPicture[]): string {
  return p.quote === '' && pictures.length > 0 ? NO_WORDS_IN_AREA : displayQuote(p.quote);
}

/** "Area on p. 3": what a picture (or the note in its place) is of, cited as its page is. */
export function areaCaption(model: ReportModel, p: Pick<PassagePlace, 'documentId' | 'sha256'>, a: AreaPicture): string {
  return `Area on ${pageCitation(model, { documentId: p.documentId, sha256: p.sha256, page: a.page, lastPage: a.page })}`;
}
