/**
 * The report as Markdown: readable as plain text, and renders the same in any CommonMark
 * viewer. Every piece of case text is escaped, because a quote such as "<script>" or
 * "*not* emphasis" must show as written, never as markup or raw HTML.
 */
import type { ReportModel } from './model.ts';
import {
  EXPORTED_BY,
  STANCE_LABEL,
  cellCounts,
  citation,
  formatCounts,
  groupByStance,
  matrixGrid,
  passageCredits,
  provenanceRows,
  titleOf,
  unlinkedPassages,
  type ReportAllegation,
  type ShownPassage,
  machineReadNote,
  areaCaption,
  passagePictures,
  shownQuote,
} from './group.ts';
import type { AreaPictures } from './area-pictures.ts';

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

/**
 * A quoted passage: an area's picture (a PNG beside the report), the quote, then its
 * citation, rationale, note and who highlighted and linked it, as one tight paragraph.
 */
function passageBlock(model: ReportModel, p: ShownPassage, pictures?: AreaPictures): string[] {
  const areas = passagePictures(pictures, p);
  // The file names are Exhibit's own (a highlight id and a number): nothing in them needs escaping.
  const images = areas.filter((a) => a.file).map((a) => `![${mdText(areaCaption(model, p, a))}](${a.file})`);
  // The quote escaped, on one line, and never starting as a list or heading.
  const out = [...(images.length ? [...images, ''] : []), `> ${mdText(shownQuote(p, areas))}`, ''];
  // Two trailing spaces: a hard line break, so the citation block stays one tight paragraph.
  out.push(`— ${mdText(citation(model, p))}  `);
  for (const a of areas) if (a.missing) out.push(`${mdText(`${areaCaption(model, p, a)}: ${a.missing}`)}  `);
  if (p.rationale) out.push(`Rationale: ${mdText(p.rationale)}  `);
  if (p.note) out.push(`Note: ${mdText(p.note)}  `);
  const ocr = machineReadNote(model, p);
  if (ocr) out.push(`${mdText(ocr)}  `);
  const credits = passageCredits(p).map(([label, name]) => `${label}: ${mdText(name)}`);
  out.push(...credits.map((line, i) => (i < credits.length - 1 ? `${line}  ` : line)), '');
  return out;
}

function allegationSection(model: ReportModel, a: ReportAllegation, pictures?: AreaPictures): string[] {
  const out = [`## ${mdText(a.code)} — ${mdText(a.title)}`, ''];
  out.push(`- Source: ${a.source ? mdText(a.source) : '—'}`, `- Status: ${a.status}`);
  if (a.description) out.push(`- Description: ${mdText(a.description)}`);
  out.push('');
  const groups = groupByStance(a.passages);
  if (groups.length === 0) out.push('_No linked passages._', '');
  for (const g of groups) {
    out.push(`### ${STANCE_LABEL[g.stance]} (${g.passages.length})`, '');
    for (const p of g.passages) out.push(...passageBlock(model, p, pictures));
  }
  return out;
}

/** Highlights linked to no allegation, with their notes; nothing when every highlight is linked. */
function unlinkedSection(model: ReportModel, pictures?: AreaPictures): string[] {
  const list = unlinkedPassages(model);
  if (list.length === 0) return [];
  return ['## Highlights not linked to an allegation', '', ...list.flatMap((p) => passageBlock(model, p, pictures))];
}

function documentIndex(model: ReportModel): string[] {
  const out = ['## Documents', ''];
  if (model.documents.length === 0) out.push('_No documents._', '');
  for (const d of model.documents) {
    out.push(`### ${mdText(titleOf(model, d.documentId))}`, '');
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

/** The whole report as one Markdown string, ending with a newline; area pictures are linked as the files `pictures` names. */
export function reportMarkdown(model: ReportModel, pictures?: AreaPictures): string {
  const lines = [
    `# ${mdText(model.caseName)} — evidence report`,
    '',
    `${EXPORTED_BY}: ${mdText(model.reviewer)}  `,
    `Generated: ${mdText(model.generatedAt)}`,
    '',
    '# Allegations',
    '',
    ...model.allegations.flatMap((a) => allegationSection(model, a, pictures)),
    ...unlinkedSection(model, pictures),
    ...documentIndex(model),
    ...matrixTable(model),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
