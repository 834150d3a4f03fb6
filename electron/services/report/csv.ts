/**
 * The report as CSV, one row per link, then one per highlight linked to no allegation
 * (its allegation and stance cells empty), for spreadsheets and scripts. RFC 4180: CRLF
 * between records, a field quoted when it holds a comma, quote or line break, inner quotes
 * doubled. The file starts with a UTF-8 byte-order mark: without it Excel reads the bytes
 * as the system's code page and curly quotes, accents and other scripts come out garbled.
 *
 * A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe, so text from a hostile document cannot run
 * in the recipient's spreadsheet. The quotes stay verbatim in case.json, the annotations
 * and the HTML, DOCX and Markdown reports.
 */
import type { ReportModel } from './model.ts';
import { displayQuote, pageSpan, passagesInOrder, shortSha, titleOf, unlinkedPassages, type ShownPassage } from './group.ts';

/** U+FEFF at the start of the file: Excel's sign that the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

export const CSV_HEADER = [
  'allegation_code',
  'allegation_title',
  'stance',
  'quote',
  'document_title',
  'page',
  'sha256_short',
  'rationale',
  'linked_by',
  'highlighted_by',
  'note',
] as const;

/** One RFC 4180 field, defused when a spreadsheet would take it for a formula. */
export function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** The cells after allegation and stance: the passage, where it is, why, who linked and who highlighted it, and the highlight's note. */
function passageCells(model: ReportModel, p: ShownPassage): string[] {
  return [
    // Line breaks become spaces as in the other formats, so a quote is one line in a cell; letters unchanged.
    displayQuote(p.quote),
    titleOf(model, p.documentId),
    pageSpan(model, p),
    shortSha(p.sha256),
    p.rationale ?? '',
    p.stance === undefined ? '' : p.author,
    p.highlightedBy,
    p.note ?? '',
  ];
}

/** The byte-order mark, the header, one record per link (allegation by allegation, stance by stance), then the unlinked highlights; ends with CRLF. */
export function reportCsv(model: ReportModel): string {
  const records = [csvRecord(CSV_HEADER)];
  for (const { allegation, passage } of passagesInOrder(model))
    records.push(csvRecord([allegation.code, allegation.title, passage.stance, ...passageCells(model, passage)]));
  for (const p of unlinkedPassages(model)) records.push(csvRecord(['', '', '', ...passageCells(model, p)]));
  return `${CSV_BOM}${records.join('\r\n')}\r\n`;
}
