/**
 * The report as CSV, one row per link, for spreadsheets and scripts. RFC 4180: CRLF
 * between records, a field quoted when it holds a comma, quote or line break, inner quotes
 * doubled. No byte-order mark, so strict parsers see the header as written.
 *
 * A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe, so text from a hostile document cannot run
 * in the recipient's spreadsheet. The quotes stay verbatim in case.json, the annotations
 * and the HTML, DOCX and Markdown reports.
 */
import type { ReportModel } from '../model.ts';
import { displayQuote, pageOf, passagesInOrder, shortSha } from './group.ts';

export const CSV_HEADER = [
  'allegation_code',
  'allegation_title',
  'stance',
  'quote',
  'document_title',
  'page',
  'sha256_short',
  'rationale',
  'reviewer',
] as const;

/** One RFC 4180 field, defused when a spreadsheet would take it for a formula. */
export function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** The header and one record per link, allegation by allegation and stance by stance; ends with CRLF. */
export function reportCsv(model: ReportModel): string {
  const records = [csvRecord(CSV_HEADER)];
  for (const { allegation, passage } of passagesInOrder(model)) {
    records.push(
      csvRecord([
        allegation.code,
        allegation.title,
        passage.stance,
        // Line breaks become spaces as in the other formats, so a quote is one line in a cell; letters unchanged.
        displayQuote(passage.quote),
        passage.documentTitle,
        pageOf(passage),
        shortSha(passage.sha256),
        passage.rationale ?? '',
        passage.author,
      ]),
    );
  }
  return `${records.join('\r\n')}\r\n`;
}
