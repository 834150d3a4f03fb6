/**
 * The report as a Word document (the `docx` library), for reviewers who edit or file it
 * in Word or LibreOffice. Same sections, order and citations as the other formats; the
 * library writes the XML and escapes the text.
 */
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
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
import type { AreaPicture, AreaPictures } from './area-pictures.ts';

/** The widest a picture is shown: the text column of an A4 page with Word's margins, less the quote's indent (96ths of an inch). */
const MAX_PICTURE_WIDTH = 560;

/**
 * XML 1.0 cannot hold most C0 control characters, and Word refuses a file that does; a PDF's
 * text layer occasionally carries one. They are shown as U+FFFD so the gap stays visible.
 */
function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** Runs for multi-line text (rationale, notes): a Word line break where the reviewer typed one. */
function runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r\n|[\r\n]/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)] });
}

/** An area's picture at its size on paper (narrowed to the column if wider), kept with the quote under it. */
function areaParagraph(model: ReportModel, p: ShownPassage, a: AreaPicture): Paragraph {
  const width = (a.widthPt * 96) / 72;
  const height = (a.heightPt * 96) / 72;
  const fit = Math.min(1, MAX_PICTURE_WIDTH / width);
  const caption = xmlSafe(`${areaCaption(model, p, a)} of ${titleOf(model, p.documentId)}`);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: a.png!,
        transformation: { width: Math.max(1, Math.round(width * fit)), height: Math.max(1, Math.round(height * fit)) },
        altText: { name: caption, description: caption, title: caption },
      }),
    ],
    indent: { left: 567 },
    keepNext: true,
  });
}

/**
 * A quoted passage, indented, kept with its citation, rationale, note and who highlighted
 * and linked it; an area's picture above its words, or a note where it could not be drawn.
 */
function passageParagraphs(model: ReportModel, p: ShownPassage, pictures?: AreaPictures): Paragraph[] {
  const small = { size: 18 };
  const areas = passagePictures(pictures, p);
  return [
    ...areas.filter((a) => a.png).map((a) => areaParagraph(model, p, a)),
    // The quote kept with its citation, so a page never separates the two.
    new Paragraph({
      children: [new TextRun({ text: xmlSafe(shownQuote(p, areas)), italics: true })],
      indent: { left: 567 },
      keepNext: true,
      keepLines: true,
    }),
    new Paragraph({
      children: [
        new TextRun({ text: xmlSafe(`— ${citation(model, p)}`), ...small }),
        ...areas
          .filter((a) => a.missing)
          .map(
            (a) => new TextRun({ text: xmlSafe(`${areaCaption(model, p, a)}: ${a.missing}`), italics: true, ...small, break: 1 }),
          ),
        ...(p.rationale ? [new TextRun({ text: 'Rationale: ', bold: true, ...small, break: 1 }), ...runs(p.rationale)] : []),
        ...(p.note ? [new TextRun({ text: 'Note: ', bold: true, ...small, break: 1 }), ...runs(p.note)] : []),
        ...(machineReadNote(model, p)
          ? [new TextRun({ text: xmlSafe(machineReadNote(model, p)!), italics: true, ...small, break: 1 })]
          : []),
        ...passageCredits(p).map(([label, name]) => new TextRun({ text: xmlSafe(`${label}: ${name}`), ...small, break: 1 })),
      ],
      indent: { left: 567 },
      spacing: { after: 200 },
    }),
  ];
}

function allegationSection(model: ReportModel, a: ReportAllegation, pictures?: AreaPictures): Paragraph[] {
  const out = [
    new Paragraph({ text: xmlSafe(`${a.code} — ${a.title}`), heading: HeadingLevel.HEADING_2, pageBreakBefore: true }),
    labelled('Source', a.source ?? '—'),
    labelled('Status', a.status),
  ];
  if (a.description) out.push(labelled('Description', a.description));
  const groups = groupByStance(a.passages);
  if (groups.length === 0) out.push(new Paragraph({ children: [new TextRun({ text: 'No linked passages.', italics: true })] }));
  for (const g of groups) {
    out.push(new Paragraph({ text: `${STANCE_LABEL[g.stance]} (${g.passages.length})`, heading: HeadingLevel.HEADING_3 }));
    for (const p of g.passages) out.push(...passageParagraphs(model, p, pictures));
  }
  return out;
}

/** Highlights linked to no allegation, with their notes; nothing when every highlight is linked. */
function unlinkedSection(model: ReportModel, pictures?: AreaPictures): Paragraph[] {
  const list = unlinkedPassages(model);
  if (list.length === 0) return [];
  return [
    new Paragraph({ text: 'Highlights not linked to an allegation', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...list.flatMap((p) => passageParagraphs(model, p, pictures)),
  ];
}

function documentIndex(model: ReportModel): Paragraph[] {
  const out = [new Paragraph({ text: 'Documents', heading: HeadingLevel.HEADING_1, pageBreakBefore: true })];
  for (const d of model.documents) {
    out.push(new Paragraph({ text: xmlSafe(titleOf(model, d.documentId)), heading: HeadingLevel.HEADING_3 }));
    for (const [label, value] of provenanceRows(d)) out.push(labelled(label, value));
  }
  return out;
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(text), bold, size: 18 })] })] });
}

function matrixTable(model: ReportModel): (Paragraph | Table)[] {
  const { rows, columns } = matrixGrid(model);
  const heading = new Paragraph({ text: 'Evidence matrix', heading: HeadingLevel.HEADING_1, pageBreakBefore: true });
  if (rows.length === 0 || columns.length === 0) return [heading, new Paragraph('Nothing to tabulate.')];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('Allegation', true), ...columns.map((c) => cell(c.title, true))] }),
      ...rows.map(
        (a) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(`${a.code} ${a.title}`, true),
              ...columns.map((c) => cell(formatCounts(cellCounts(model, a.allegationId, c.documentId)))),
            ],
          }),
      ),
    ],
  });
  return [heading, table];
}

/** The whole report as the bytes of a .docx file, with the pictures of area highlights when given. */
export async function reportDocx(model: ReportModel, pictures?: AreaPictures): Promise<Uint8Array> {
  const title = `${model.caseName} — evidence report`;
  const doc = new Document({
    title: xmlSafe(title),
    creator: xmlSafe(model.reviewer),
    description: 'Exhibit evidence report',
    sections: [
      {
        children: [
          new Paragraph({ text: xmlSafe(title), heading: HeadingLevel.TITLE }),
          labelled(EXPORTED_BY, model.reviewer),
          labelled('Generated', model.generatedAt),
          new Paragraph({ text: 'Allegations', heading: HeadingLevel.HEADING_1 }),
          ...model.allegations.flatMap((a) => allegationSection(model, a, pictures)),
          ...unlinkedSection(model, pictures),
          ...documentIndex(model),
          ...matrixTable(model),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  // A plain Uint8Array view, so callers need not know it came from a Node Buffer.
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
