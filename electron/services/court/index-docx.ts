/**
 * The bundle's index as a Word document, for counsel to edit or file with their
 * submissions: the same sections, documents and pages as the index in the PDF.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

export interface DocxIndexRow {
  section: string;
  title: string;
  detail: string;
  pages: string;
}

/** XML 1.0 cannot hold most control characters (Word refuses them): shown as U+FFFD. */
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) =>
  new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(text), bold: opts.bold, size: 20 })] })],
  });

export async function indexDocx(
  heading: { title: string; caseName: string; date: string },
  sections: { title: string; pages: string; rows: DocxIndexRow[] }[],
): Promise<Uint8Array> {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('Document', { bold: true, width: 50 }),
        cell('Date and provenance', { bold: true, width: 32 }),
        cell('Pages', { bold: true, width: 18 }),
      ],
    }),
  ];
  for (const s of sections) {
    rows.push(
      new TableRow({ cantSplit: true, children: [cell(s.title, { bold: true }), cell(''), cell(s.pages, { bold: true })] }),
    );
    for (const r of s.rows)
      rows.push(new TableRow({ cantSplit: true, children: [cell(r.title), cell(r.detail), cell(r.pages)] }));
  }
  const doc = new Document({
    title: xmlSafe(heading.title),
    description: 'Exhibit court bundle index',
    sections: [
      {
        children: [
          new Paragraph({ text: xmlSafe(heading.title), heading: HeadingLevel.TITLE }),
          new Paragraph({ text: xmlSafe(`${heading.caseName} — ${heading.date}`) }),
          new Paragraph({ text: 'Index', heading: HeadingLevel.HEADING_1 }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
