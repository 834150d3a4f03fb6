/**
 * The tasks the worker pool runs, by kind, and which lane of workers runs each kind:
 * opening a PDF and extracting ranges of its pages (extraction lane), and reading one page
 * of a scan with OCR or drawing areas of a page for a report (recognition lane, whose
 * workers may draw). Inputs travel as SharedArrayBuffers so a large file is not copied
 * into every worker.
 */
import type { OcrPage } from '../../../shared/ocr.ts';
import type { AreasRequest } from '../ocr/areas.ts';
import type { RenderedRegion } from '../ocr/render.ts';
import type { ExtractedPage, OpenResult } from '../ingest/extracted.ts';

export type Lane = 'extract' | 'ocr';

interface Input {
  taskId: number;
  /** What the input is (a document's SHA-256): a worker keeps the last one it opened. */
  key: string;
  data: SharedArrayBuffer;
}

/** The page of a PDF or of an image file to read, and how. */
export interface OcrRequest {
  /** 'pdf': page `page` of a PDF (rendered at `dpi`); 'image': page `page` of a PNG, JPEG or TIFF file. */
  source: 'pdf' | 'image';
  page: number;
  password: string | null;
  /** Tesseract's names joined by '+' ("eng", "eng+fra"). */
  languages: string;
  /** Folders holding language data: the app's own and the reviewer's added packs. */
  dataDirs: string[];
  dpi: number;
}

export type WorkerRequest =
  | (Input & { type: 'open'; password: string | null })
  | (Input & { type: 'pages'; password: string | null; from: number; to: number })
  | (Input & { type: 'ocr' } & OcrRequest)
  | (Input & { type: 'areas' } & AreasRequest);

export type WorkerResponse =
  | { taskId: number; ok: true; value: OpenResult | ExtractedPage[] | OcrPage | RenderedRegion[] }
  | { taskId: number; ok: false; code: string; message: string; subject?: string | null };

const LANE_OF: Record<WorkerRequest['type'], Lane> = { open: 'extract', pages: 'extract', ocr: 'ocr', areas: 'ocr' };

export function laneOf(type: WorkerRequest['type']): Lane {
  return LANE_OF[type];
}
