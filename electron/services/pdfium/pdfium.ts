/**
 * PDFium, compiled to WebAssembly by @embedpdf/pdfium (MIT), for what pdf-lib cannot do
 * (open encrypted PDFs) and what pdf.js does slowly (draw only what lies in a small box of
 * a page: the ink check under a court bundle's stamps). It is loaded on first use only (the
 * binary is 4.6 MB and takes a tenth of a second to instantiate, which start-up should not
 * pay for) and then kept for the life of the process (one instance per thread).
 *
 * The WebAssembly binary is read from disk by us and handed to the loader, so it never
 * looks for it by URL; in a packaged app the unpacked copy is read (electron-builder.yml).
 * The package stays outside the esbuild bundles (scripts/build.ts) and is loaded from
 * node_modules at run time, like tesseract.js-core.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { packageFile } from '../packages.ts';

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the package's type, for a lazy load
type PdfiumPackage = typeof import('@embedpdf/pdfium');
export type Pdfium = Awaited<ReturnType<PdfiumPackage['init']>>;

const require = createRequire(import.meta.url);

let loading: Promise<Pdfium> | null = null;

async function load(): Promise<Pdfium> {
  // The CommonJS build: Node's require reads it from an asar archive as well as from disk.
  const { init } = require('@embedpdf/pdfium') as PdfiumPackage;
  const wasmBinary = await fs.promises.readFile(packageFile('@embedpdf/pdfium/pdfium.wasm'));
  const pdfium = await init({ wasmBinary: new Uint8Array(wasmBinary).buffer });
  pdfium.PDFiumExt_Init();
  return pdfium;
}

/** PDFium, loaded and initialised on the first call; later calls get the same instance. */
export function pdfium(): Promise<Pdfium> {
  loading ??= load().catch((err: unknown) => {
    // A failed load (a missing binary) is tried again next time rather than remembered.
    loading = null;
    throw new Error(`PDFium did not load: ${(err as Error).message}`, { cause: err });
  });
  return loading;
}

/** The parts of the Emscripten module used with it (the package's own types leave them out). */
export interface PdfiumHeap {
  HEAPU8: Uint8Array;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
}

export const heapOf = (p: Pdfium): PdfiumHeap => p.pdfium as unknown as PdfiumHeap;
