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
  kind: 'pdf' | 'text';
  pageCount: number;
  title: string | null;
  metadata: PdfMetadata | null;
  pageLabels: (string | null)[];
  pages: ExtractedPage[];
  extractorVersion: string;
  /** The glyph geometry version of the pages' layouts (PDFs), null where there is none to measure. */
  geometry?: number | null;
}

/** Messages to and from the extraction worker. */
export type WorkerRequest =
  | { type: 'open'; taskId: number; key: string; data: SharedArrayBuffer; password: string | null }
  | { type: 'pages'; taskId: number; key: string; data: SharedArrayBuffer; password: string | null; from: number; to: number };

export interface OpenResult {
  pageCount: number;
  metadata: PdfMetadata;
  pageLabels: (string | null)[] | null;
  version: string;
}

export type WorkerResponse =
  | { taskId: number; ok: true; value: OpenResult | ExtractedPage[] }
  | { taskId: number; ok: false; code: string; message: string };
