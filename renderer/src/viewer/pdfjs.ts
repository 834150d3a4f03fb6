/**
 * Loads pdf.js and its viewer parts once, with a worker served from our own origin
 * (the CSP allows worker-src 'self'). The worker is started as soon as this module is
 * first used and shared by every document, so opening a PDF never waits for it.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';

import type * as PdfLibModule from 'pdfjs-dist';
import type * as PdfViewerModule from 'pdfjs-dist/web/pdf_viewer.mjs';

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
 * Open a document from its bytes. Never eval, never XFA, never scripts: every PDF is
 * hostile until proven otherwise. pdf.js 6 no longer declares `isEvalSupported`; it is
 * passed anyway in case a later version brings the eval path back.
 */
export async function openPdf(pdfjs: PdfJs, data: Uint8Array) {
  const params = {
    data,
    worker: pdfjs.worker,
    enableXfa: false,
    isEvalSupported: false,
    verbosity: 0,
  } as Parameters<PdfLib['getDocument']>[0];
  return pdfjs.lib.getDocument(params);
}
