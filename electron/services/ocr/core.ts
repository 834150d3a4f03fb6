/**
 * Loads Tesseract, compiled to WebAssembly by tesseract.js-core, into the calling thread.
 * Only the few calls of its C++ API (exposed through Emscripten's embind) that the engine
 * makes are typed here. The WebAssembly binary is read from disk by us and handed over, so
 * the loader never looks for it by URL, and an unpacked copy is used in a packaged app.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageDir } from '../packages.ts';

/** Tesseract's page segmentation mode for orientation and script detection only. */
export const PSM_OSD_ONLY = 0;
/** Page segmentation mode 3: find the page's blocks and columns, without orientation (detected apart). */
export const PSM_AUTO = 3;
/** LSTM recognition (the 4.0.0_best_int data holds only LSTM models). */
export const OEM_LSTM_ONLY = 1;
/** The classic engine: osd.traineddata holds only its models. */
export const OEM_TESSERACT_ONLY = 0;

export interface OsResults {
  best_result: { orientation_id: number; oconfidence: number; sconfidence: number };
}

export interface TessApi {
  Init(dataPath: null, languages: string, oem: number): number;
  SetPageSegMode(mode: number): void;
  SetVariable(name: string, value: string): boolean;
  /** tesseract.js-core's own call: reads /input, turning it as the EXIF orientation value says. */
  SetImageFile(exifOrientation: number, angleRadians: number): number;
  SetSourceResolution(ppi: number): void;
  Recognize(monitor: null): number;
  DetectOS(results: OsResults): boolean;
  GetJSONText(): string;
  GetGradient(): number;
  Version(): string;
  Clear(): void;
  End(): void;
}

export interface TessModule {
  TessBaseAPI: new () => TessApi;
  OSResults: new () => OsResults;
  /** Frees an object made with `new` (WebIDL bindings have no garbage collection). */
  destroy(object: TessApi | OsResults): void;
  FS: {
    writeFile(file: string, data: Uint8Array): void;
    unlink(file: string): void;
  };
}

type CoreFactory = (options: {
  wasmBinary: Uint8Array;
  TesseractProgress?: (percent: number) => void;
  print?: (line: string) => void;
  printErr?: (line: string) => void;
}) => Promise<TessModule>;

const require = createRequire(import.meta.url);

export const CORE_VERSION = (require('tesseract.js-core/package.json') as { version: string }).version;

/**
 * The build with SIMD and the classic engine: the classic engine is what orientation
 * detection (osd.traineddata) runs on; SIMD is in every V8 that Electron and Node 24 ship.
 */
const BUILD = 'tesseract-core-simd';

/**
 * Instantiate a fresh Tesseract (its own WebAssembly memory). `onProgress` hears the
 * percentage Tesseract reports while recognising. Tesseract's own messages (warnings about
 * the image's resolution and the like) go to `onMessage`, not to the console: the CLI's
 * output is the user's.
 */
export async function loadCore(onProgress: (percent: number) => void, onMessage: (line: string) => void): Promise<TessModule> {
  const dir = packageDir('tesseract.js-core');
  const factory = require(path.join(dir, `${BUILD}.js`)) as CoreFactory;
  const wasmBinary = new Uint8Array(await fs.promises.readFile(path.join(dir, `${BUILD}.wasm`)));
  return factory({ wasmBinary, TesseractProgress: onProgress, print: onMessage, printErr: onMessage });
}
