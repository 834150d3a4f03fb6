/**
 * Offline OCR: a page image (or a PDF page, drawn first) into an OcrPage (shared/ocr.ts).
 *
 * Where Tesseract runs. tesseract.js's createWorker starts a worker thread of its own and
 * drives Tesseract from there; its language loader fetches by URL unless given one local
 * folder for every language, and keeps a cache of models. Here Tesseract (tesseract.js-core,
 * the WebAssembly build tesseract.js itself loads) runs in the calling thread, driven through
 * its own API: the app's pool worker that runs an OCR task *is* the thread that reads, so the
 * pool's time budget and termination cover it whole, there is no code path that fetches or
 * caches at all, and models come from several folders (shipped data, the user's packs). The
 * cost is that a page blocks its thread for seconds: call it from a worker, never from the
 * main process or the Electron main thread.
 *
 * Measured on this project's 2-core machine, a Letter page of 12 pt text at 300 dpi (2550 x
 * 3300 px): loading Tesseract with eng + osd ~0.6 s once per thread; orientation detection
 * ~0.5 s and recognition ~2 s a page (tesseract.js's own worker measured the same, ~2 s a page
 * once warm); drawing the page with pdf.js ~0.3–0.8 s. Memory: ~350 MB peak RSS for a process
 * with one warm engine (Tesseract's WebAssembly memory grows to its high-water mark and stays
 * there until the engine is dropped), ~300 MB with tesseract.js's worker thread doing the same.
 * Run in a worker thread, a page of 40 dense lines measured ~6 s with the machine's other
 * core busy; the worker's getHeapStatistics() showed ~24 MB of JS heap and ~300 MB of heap
 * plus external memory (Tesseract's WebAssembly memory counts as external), so a pool's
 * memory cap for OCR tasks needs ~400 MB at least.
 */
import type { OcrPage } from '../../../shared/ocr.ts';
import { OcrEngine, type EngineOptions, type PageFacts } from './engine.ts';
import { languageFiles, ORIENTATION_MODEL, parseLanguages } from './languages.ts';

export { OcrEngine, type EngineOptions, type PageFacts } from './engine.ts';
export { renderPdfPage, renderDpi, type RenderOptions, type RenderedPage } from './render.ts';
export { MAX_SIDE_PX } from './image-size.ts';
export {
  KNOWN_LANGUAGES,
  availableLanguages,
  languageDataDirs,
  languageLabel,
  parseLanguages,
  SHIPPED_DATA_VERSION,
} from './languages.ts';

/**
 * Warm engines of this thread, one per set of languages and data folders, each with the
 * files it loaded (languageFiles): a pack replaced since (a better model of the same
 * language, added to read a document again) is loaded anew, not read with the old one.
 */
const engines = new Map<string, { files: string; engine: Promise<OcrEngine> }>();

/** This thread's warm engine for these languages and folders, loaded on first use. */
export function engineFor(opts: EngineOptions): Promise<OcrEngine> {
  const key = JSON.stringify([opts.languages, opts.dataDirs]);
  let files: string;
  try {
    files = languageFiles([...parseLanguages(opts.languages), ORIENTATION_MODEL], opts.dataDirs);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const held = engines.get(key);
  if (held && held.files === files) return held.engine;
  if (held)
    void held.engine.then(
      (e) => e.close(),
      () => undefined,
    );
  const engine = OcrEngine.open(opts);
  engines.set(key, { files, engine });
  // A failed load (a missing pack, say) is not kept: the pack may be added before the next try.
  engine.catch(() => {
    if (engines.get(key)?.engine === engine) engines.delete(key);
  });
  return engine;
}

/** Read one page image (PNG or JPEG, pixels as displayed) with this thread's warm engine for the languages. */
export async function recognise(image: Uint8Array, opts: EngineOptions & PageFacts): Promise<OcrPage> {
  const engine = await engineFor(opts);
  return engine.recognise(image, opts);
}

/** Close this thread's warm engines (a worker calls it before it ends, or to give memory back). */
export async function closeOcr(): Promise<void> {
  const all = [...engines.values()].map((e) => e.engine);
  engines.clear();
  for (const e of await Promise.allSettled(all)) if (e.status === 'fulfilled') e.value.close();
}
