/** The four report formats, each a pure function of the bundle's ReportModel. */
export { reportMarkdown } from './markdown.ts';
export { reportCsv, CSV_HEADER, CSV_BOM } from './csv.ts';
export { reportHtml } from './html.ts';
export { reportDocx } from './docx.ts';
