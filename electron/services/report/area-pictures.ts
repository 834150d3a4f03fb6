/**
 * The pictures the reports show of area highlights: each area of a page drawn from the
 * original, as the reviewer saw it, at AREA_DPI. HTML and DOCX hold them inside; Markdown
 * and CSV name PNG files written beside them (`file`, relative to the report). An area that
 * cannot be drawn (an encrypted PDF whose password the case does not keep, a page that
 * fails to draw) gets a note in its place, and the report gives its words alone.
 *
 * Drawing decodes the page's images, so it runs in the pool's recognition lane, under its
 * time and memory budget; without a pool (a test, a tool) it runs in this thread.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { DocumentSummary, Rect } from '../../../shared/ipc/contract.ts';
import { areaAsShown } from '../highlights/area.ts';
import { drawPageAreas, type AreasRequest } from '../ocr/areas.ts';
import type { RenderedRegion } from '../ocr/render.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { PageFrame } from './text-layer/geometry.ts';
import type { ReportModel } from './model.ts';

/** Resolution of the pictures: sharp on paper and on screen, a few tens of KB for a paragraph. */
export const AREA_DPI = 150;

export interface AreaPicture {
  /** The page (1-based) the area is on. */
  page: number;
  /** The PNG's path relative to the reports ("areas/….png"); null when there is no picture. */
  file: string | null;
  png: Uint8Array | null;
  widthPx: number;
  heightPx: number;
  /** The area's size as the page shows it, in points. */
  widthPt: number;
  heightPt: number;
  /** Why the area could not be drawn, said where its picture would be; null when it was. */
  missing: string | null;
}

/** highlightId -> the pictures of its area targets, in target order. */
export type AreaPictures = ReadonlyMap<string, readonly AreaPicture[]>;

export interface AreaPictureOptions {
  /** Each document's original bytes, by id. */
  originals: ReadonlyMap<string, Uint8Array>;
  /** A page's frame (box and /Rotate), to show a stored area as the page does. */
  frameOf(documentId: string, page: number): PageFrame;
  pool?: WorkerPool | undefined;
  signal?: AbortSignal | undefined;
  /** Told as each page's areas are drawn. */
  onPage?(done: number, total: number): void;
}

interface PageJob {
  doc: DocumentSummary;
  page: number;
  areas: { highlightId: string; ordinal: number; rect: Rect }[];
}

/** The area targets of the model's highlights, gathered by document and page (each page is drawn once). */
function pageJobs(model: ReportModel): PageJob[] {
  const docs = new Map(model.documents.map((d) => [d.documentId, d]));
  const jobs = new Map<string, PageJob>();
  for (const h of model.highlights) {
    h.targets.forEach((t, ordinal) => {
      if (!t.area) return;
      const key = `${h.documentId}#${t.page}`;
      let job = jobs.get(key);
      if (!job) jobs.set(key, (job = { doc: docs.get(h.documentId)!, page: t.page, areas: [] }));
      job.areas.push({ highlightId: h.highlightId, ordinal, rect: t.area });
    });
  }
  return [...jobs.values()];
}

/** Why a page's areas were not drawn, in a reader's words. */
function missingReason(err: unknown): string {
  if (err instanceof ExhibitError && (err.code === 'password-required' || err.code === 'password-incorrect'))
    return 'the PDF is encrypted and the case keeps no password to open it, so the area could not be drawn; its words are given alone';
  const detail = err instanceof Error ? err.message : String(err);
  return `the area could not be drawn (${detail}); its words are given alone`;
}

/** Draw every area highlight of the model; a page that cannot be drawn gets notes instead of pictures. */
export async function drawAreaPictures(model: ReportModel, opts: AreaPictureOptions): Promise<Map<string, AreaPicture[]>> {
  const jobs = pageJobs(model);
  const shared = new Map<string, SharedArrayBuffer>();
  const pictures = new Map<string, { ordinal: number; picture: AreaPicture }[]>();
  for (const [i, job] of jobs.entries()) {
    opts.onPage?.(i, jobs.length);
    const shown = job.areas.map((a) => areaAsShown(opts.frameOf(job.doc.documentId, job.page), a.rect));
    const req: AreasRequest = {
      source: job.doc.kind === 'image' ? 'image' : 'pdf',
      page: job.page - 1,
      regions: shown,
      dpi: AREA_DPI,
      password: null,
    };
    let drawn: RenderedRegion[] | null = null;
    let missing: string | null = null;
    try {
      drawn = await draw(job.doc, req, opts, shared);
    } catch (err) {
      if ((err instanceof ExhibitError && err.code === 'cancelled') || opts.signal?.aborted) throw err;
      missing = missingReason(err);
    }
    job.areas.forEach((a, k) => {
      const r = drawn?.[k];
      const picture: AreaPicture = {
        page: job.page,
        file: r ? `areas/${a.highlightId}-${a.ordinal + 1}.png` : null,
        png: r?.png ?? null,
        widthPx: r?.widthPx ?? 0,
        heightPx: r?.heightPx ?? 0,
        widthPt: shown[k]!.width,
        heightPt: shown[k]!.height,
        missing: r ? null : (missing ?? 'the area could not be drawn; its words are given alone'),
      };
      const list = pictures.get(a.highlightId) ?? [];
      list.push({ ordinal: a.ordinal, picture });
      pictures.set(a.highlightId, list);
    });
  }
  opts.onPage?.(jobs.length, jobs.length);
  // A highlight's areas on several pages were drawn page by page: back in target order.
  return new Map([...pictures].map(([id, list]) => [id, list.sort((a, b) => a.ordinal - b.ordinal).map((x) => x.picture)]));
}

/** One page's areas, in the pool's recognition lane when there is a pool, else here. */
async function draw(
  doc: DocumentSummary,
  req: AreasRequest,
  opts: AreaPictureOptions,
  shared: Map<string, SharedArrayBuffer>,
): Promise<RenderedRegion[]> {
  const bytes = opts.originals.get(doc.documentId);
  if (!bytes) throw new ExhibitError('not-found', `the original of "${doc.title}" is not at hand`);
  if (!opts.pool) return drawPageAreas(bytes, doc.fileName, req);
  let data = shared.get(doc.documentId);
  if (!data) {
    data = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(data).set(bytes);
    shared.set(doc.documentId, data);
  }
  // An image file is named by its key in the worker's messages, as when it is read.
  const key = doc.kind === 'image' ? doc.fileName : doc.sha256;
  return opts.pool.run<RenderedRegion[]>({ type: 'areas', key, data, ...req }, opts.signal);
}
