/**
 * Loads pdf.js and its viewer parts once, with a worker served from our own origin
 * (the CSP allows worker-src 'self'). The worker is started as soon as this module is
 * first used and shared by every document, so opening a PDF never waits for it.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';

import type * as PdfLibModule from 'pdfjs-dist';
import type * as PdfViewerModule from 'pdfjs-dist/web/pdf_viewer.mjs';
import { SAFE_PDF_OPTIONS } from '../../../shared/pdfjs-options.ts';

type PdfLib = typeof PdfLibModule;
type PdfViewerLib = typeof PdfViewerModule;

export interface PdfJs {
  lib: PdfLib;
  viewer: PdfViewerLib;
  worker: InstanceType<PdfLib['PDFWorker']>;
}

let loading: Promise<PdfJs> | null = null;

/** pdf.js, its viewer components and one warm worker. */
export function loadPdfJs(): Promise<PdfJs> {
  return (loading ??= (async () => {
    const lib = await import('pdfjs-dist');
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    // The viewer bundle reads the library from this global when it is evaluated.
    (globalThis as { pdfjsLib?: PdfLib }).pdfjsLib = lib;
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    const worker = new lib.PDFWorker();
    return { lib, viewer, worker };
  })());
}

/**
 * Start pdf.js and its worker when the browser is idle, so the first document opened
 * does not pay for them (about a hundred milliseconds on a 1,000-page file).
 */
export function warmPdfJs(): void {
  const start = () => void loadPdfJs().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 0);
}

/**
 * Open a document from its bytes, with SAFE_PDF_OPTIONS: never eval, never XFA, never
 * scripts, since every PDF is hostile until proven otherwise. `disableAutoFetch` only
 * turns off the viewer's eager pass over every page here, the bytes being in memory
 * already (see page-sizes.ts).
 */
export async function openPdf(pdfjs: PdfJs, data: Uint8Array, password?: string) {
  return pdfjs.lib.getDocument({
    data,
    ...(password === undefined ? {} : { password }),
    worker: pdfjs.worker,
    disableAutoFetch: true,
    // Served by the app itself (scripts/build.ts copies them from pdfjs-dist).
    cMapUrl: '/pdfjs/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '/pdfjs/standard_fonts/',
    verbosity: 0,
    ...SAFE_PDF_OPTIONS,
  });
}
