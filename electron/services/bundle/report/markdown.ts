/**
 * The report as Markdown: readable as plain text, and renders the same in any CommonMark
 * viewer. Every piece of case text is escaped, because a quote such as "<script>" or
 * "*not* emphasis" must show as written, never as markup or raw HTML.
 */
import type { ReportModel } from '../model.ts';
import {
  STANCE_LABEL,
  cellCounts,
  citation,
  displayQuote,
  formatCounts,
  groupByStance,
  matrixGrid,
  provenanceRows,
  type ReportAllegation,
} from './group.ts';

/**
 * Escape inline Markdown: the ASCII punctuation CommonMark gives meaning to anywhere in a
 * line (a backslash before any ASCII punctuation is always a literal), and line breaks,
 * which would otherwise end a list item or table row.
 */
export function mdText(s: string): string {
  return (
    s
      .replace(/[\\`*_[\]<>&|~!]/g, (ch) => `\\${ch}`)
      .replace(/\r\n|[\r\n]/g, ' ')
      // At the start of a line these open a heading, list or setext underline; the backslash goes before the punctuation.
      .replace(/^(\s*)([#+=-])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}

/** The text of a verbatim quote line: escaped, on one line, and never starting as a list or heading. */
function mdQuote(quote: string): string {
  return mdText(displayQuote(quote));
}

function allegationSection(a: ReportAllegation): string[] {
  const out = [`## ${mdText(a.code)} — ${mdText(a.title)}`, ''];
  out.push(`- Source: ${a.source ? mdText(a.source) : '—'}`, `- Status: ${a.status}`);
  if (a.description) out.push(`- Description: ${mdText(a.description)}`);
  out.push('');
  const groups = groupByStance(a.passages);
  if (groups.length === 0) out.push('_No linked passages._', '');
  for (const g of groups) {
    out.push(`### ${STANCE_LABEL[g.stance]} (${g.passages.length})`, '');
    for (const p of g.passages) {
      out.push(`> ${mdQuote(p.quote)}`, '');
      // Two trailing spaces: a hard line break, so the citation block stays one tight paragraph.
      out.push(`— ${mdText(citation(p))}  `);
      if (p.rationale) out.push(`Rationale: ${mdText(p.rationale)}  `);
      out.push(`Reviewer: ${mdText(p.author)}`, '');
    }
  }
  return out;
}

function documentIndex(model: ReportModel): string[] {
  const out = ['## Documents', ''];
  if (model.documents.length === 0) out.push('_No documents._', '');
  for (const d of model.documents) {
    out.push(`### ${mdText(d.title)}`, '');
    for (const [label, value] of provenanceRows(d)) out.push(`- ${label}: ${mdText(value)}`);
    out.push('');
  }
  return out;
}

function matrixTable(model: ReportModel): string[] {
  const { rows, columns } = matrixGrid(model);
  const out = ['## Evidence matrix', ''];
  if (rows.length === 0 || columns.length === 0) return [...out, '_Nothing to tabulate._', ''];
  out.push(`| Allegation | ${columns.map((c) => mdText(c.title)).join(' | ')} |`);
  out.push(`| --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const a of rows) {
    const cells = columns.map((c) => formatCounts(cellCounts(model, a.allegationId, c.documentId)));
    out.push(`| ${mdText(a.code)} ${mdText(a.title)} | ${cells.join(' | ')} |`);
  }
  return [...out, ''];
}

/** The whole report as one Markdown string, ending with a newline. */
export function reportMarkdown(model: ReportModel): string {
  const lines = [
    `# ${mdText(model.caseName)} — evidence report`,
    '',
    `Reviewer: ${mdText(model.reviewer)}  `,
    `Generated: ${mdText(model.generatedAt)}`,
    '',
    '# Allegations',
    '',
    ...model.allegations.flatMap(allegationSection),
    ...documentIndex(model),
    ...matrixTable(model),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
