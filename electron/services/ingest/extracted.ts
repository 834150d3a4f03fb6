/** What extraction yields for a document and its pages, before it is stored. */
import type { PdfMetadata } from '../../../shared/ipc/contract.ts';

export interface ExtractedPage {
  index: number;
  label: string | null;
  width: number;
  height: number;
  rotation: number;
  /** The page's text: the text items' strings in content order, '\n' where a line ends. */
  text: string;
  /**
   * JSON: { view: [x0, y0, x1, y1], items: [start, length, a, b, c, d, e, f, width, height, ascent, descent][],
   * glyphs: (encoded character extents | null)[], geometry: version } in PDF user space (shared/anchoring/glyphs.ts).
   */
  layout: string;
}

export interface ExtractedDocument {
  kind: 'pdf' | 'text' | 'image';
  pageCount: number;
  title: string | null;
  metadata: PdfMetadata | null;
  pageLabels: (string | null)[];
  pages: ExtractedPage[];
  extractorVersion: string;
  /** The glyph geometry version of the pages' layouts (PDFs), null where there is none to measure. */
  geometry?: number | null;
}

export interface OpenResult {
  pageCount: number;
  metadata: PdfMetadata;
  pageLabels: (string | null)[] | null;
  version: string;
}
