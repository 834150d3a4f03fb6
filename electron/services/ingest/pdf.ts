/** Extracting a whole PDF through the pool: open once, then page ranges in parallel. */
import type { ExtractedDocument, ExtractedPage, OpenResult } from './extracted.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { GEOMETRY_VERSION } from '../geometry/page-glyphs.ts';

export interface PdfExtractOptions {
  password: string | null;
  signal?: AbortSignal;
  onPages?(count: number): void;
}

/** Extract every page of a PDF held in shared memory. */
export async function extractPdf(
  pool: WorkerPool,
  key: string,
  data: SharedArrayBuffer,
  opts: PdfExtractOptions,
): Promise<ExtractedDocument> {
  const base = { key, data, password: opts.password };
  const head = await pool.run<OpenResult>({ type: 'open', ...base }, opts.signal);
  const n = head.pageCount;
  // Ranges small enough to spread over every worker, large enough that each worker parses the file once.
  const chunk = Math.max(4, Math.min(64, Math.ceil(n / (pool.size * 4))));
  const ranges: [number, number][] = [];
  for (let from = 0; from < n; from += chunk) ranges.push([from, Math.min(n, from + chunk)]);
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
  let parts: ExtractedPage[][];
  try {
    parts = await Promise.all(
      ranges.map(([from, to]) =>
        pool.run<ExtractedPage[]>({ type: 'pages', ...base, from, to }, signal).then((pages) => {
          opts.onPages?.(pages.length);
          return pages;
        }),
      ),
    );
  } catch (err) {
    controller.abort(); // one range failed: the others are of no use
    throw err;
  }
  const pages = parts.flat();
  const labels = head.pageLabels ?? [];
  for (const p of pages) p.label = labels[p.index] ?? null;
  return {
    kind: 'pdf',
    pageCount: n,
    title: head.metadata.title,
    metadata: head.metadata,
    pageLabels: pages.map((p) => p.label),
    pages,
    extractorVersion: head.version,
    geometry: GEOMETRY_VERSION,
  };
}
