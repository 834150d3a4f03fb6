/**
 * How every report cites a passage: document, pages, hash. One place, so the HTML, DOCX,
 * Markdown and CSV reports cite the same passage in the same words and a reader can
 * cross-check one against another.
 *
 * Pages are cited as the reader of the document sees them: by the PDF's printed page
 * label where it has one ("iv", "Page 105"), else by page number. A passage across a page
 * break is a range: "pp. 5–6", "pp. iv–v", "Page 105–106".
 */
import { displayTitles } from '../../../shared/display-titles.ts';
import type { ReportModel } from './model.ts';

/** Where a passage is: its document and the first and last pages it covers (1-based). */
export interface PassagePlace {
  documentId: string;
  page: number;
  lastPage: number;
  sha256: string;
}

/** Twelve hex digits: enough to tell documents apart on paper; the full hash is in the document index. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

// One lookup per model and document set: reports ask for a title once per passage.
const titlesCache = new WeakMap<object, Map<string, string>>();

/** The title a report shows for a document: told apart from others of the same title in this report (shared/display-titles.ts). */
export function titleOf(model: Pick<ReportModel, 'documents'>, documentId: string): string {
  let titles = titlesCache.get(model.documents);
  if (!titles) {
    titles = displayTitles(model.documents);
    titlesCache.set(model.documents, titles);
  }
  return titles.get(documentId) ?? documentId;
}

/** A label that is a phrase ("Page 105", "Annex 3") is shown as it is, without "p.". */
const isPhrase = (label: string) => /\s/.test(label);

interface Span {
  /** "5", "5–6", "iv–v", "Page 105–106". */
  text: string;
  /** Whether "p." / "pp." belongs before it. */
  prefix: '' | 'p. ' | 'pp. ';
}

function span(model: Pick<ReportModel, 'pageLabels'>, p: PassagePlace): Span {
  const labels = model.pageLabels[p.documentId];
  const label = (page: number) => {
    const l = labels?.[page - 1]?.trim();
    return l ? l : String(page);
  };
  const first = label(p.page);
  if (p.lastPage <= p.page) return { text: first, prefix: isPhrase(first) ? '' : 'p. ' };
  let last = label(p.lastPage);
  let from = first;
  // Two pages with one label (a PDF can repeat one) would read as a single page: cite their numbers.
  if (last === first) [from, last] = [String(p.page), String(p.lastPage)];
  if (!isPhrase(from) && !isPhrase(last)) return { text: `${from}–${last}`, prefix: 'pp. ' };
  // "Page 105" to "Page 106" share their words: "Page 105–106".
  const cut = from.lastIndexOf(' ') + 1;
  if (cut > 0 && last.startsWith(from.slice(0, cut)) && !isPhrase(last.slice(cut)))
    return { text: `${from}–${last.slice(cut)}`, prefix: '' };
  const one = (l: string) => (isPhrase(l) ? l : `p. ${l}`);
  return { text: `${one(from)} – ${one(last)}`, prefix: '' };
}

/** The pages alone, for a "page" column: "5", "5–6", "iv–v", "Page 105–106". */
export function pageSpan(model: Pick<ReportModel, 'pageLabels'>, p: PassagePlace): string {
  const s = span(model, p);
  // A mixed range already says "p." on each side; a column keeps the plain range.
  return s.text.replace(/^p\. /, '').replace(/ – p\. /, ' – ');
}

/** The pages as cited in running text: "p. 5", "pp. 5–6", "pp. iv–v", "Page 105". */
export function pageCitation(model: Pick<ReportModel, 'pageLabels'>, p: PassagePlace): string {
  const s = span(model, p);
  return `${s.prefix}${s.text}`;
}

/** "NGO report, pp. 4–5, SHA-256 0123456789ab" — the same words in every format. */
export function citation(model: Pick<ReportModel, 'documents' | 'pageLabels'>, p: PassagePlace): string {
  return `${titleOf(model, p.documentId)}, ${pageCitation(model, p)}, SHA-256 ${shortSha(p.sha256)}`;
}
