/**
 * A warm OCR engine: Tesseract loaded once with its languages and the orientation model,
 * reading page after page. Recognition is synchronous WebAssembly and holds the thread for
 * seconds a page, so an engine belongs in a worker thread (see index.ts).
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { OcrPage, Orientation } from '../../../shared/ocr.ts';
import {
  CORE_VERSION,
  loadCore,
  OEM_LSTM_ONLY,
  OEM_TESSERACT_ONLY,
  PSM_AUTO,
  PSM_OSD_ONLY,
  type TessApi,
  type TessModule,
} from './core.ts';
import { ORIENTATION_MODEL, parseLanguages, readLanguageData } from './languages.ts';
import { wordsOf, type TessJson } from './layout.ts';
import { imageSize, MAX_SIDE_PX } from './image-size.ts';

export interface EngineOptions {
  /** Tesseract's language names joined by '+': "eng", "eng+fra". */
  languages: string;
  /** Folders to look for `<lang>.traineddata[.gz]` in, first match wins (languageDataDirs()). */
  dataDirs: readonly string[];
}

export interface PageFacts {
  /** The displayed page's size in points, and the resolution the image was made at. */
  widthPt: number;
  heightPt: number;
  dpi: number;
  /** Hears Tesseract's progress through the page, 0–1. */
  onProgress?: (fraction: number) => void;
}

/** OSD's orientation ids are the text's turn counter-clockwise in quarters; ours is clockwise. */
const ORIENTATION_OF_ID: readonly Orientation[] = [0, 90, 180, 270];
/** The EXIF orientation value that makes leptonica turn such a page upright as it loads it. */
const EXIF_UPRIGHT: Record<Orientation, number> = { 0: 1, 90: 8, 180: 3, 270: 6 };
/**
 * Below this margin of OSD's best orientation over the next, the page is read as it lies.
 * Sparse or non-text pages give low margins; a page of text scores ~20 (measured).
 */
const MIN_ORIENTATION_CONFIDENCE = 5;

export class OcrEngine {
  private closed = false;
  private progress: ((fraction: number) => void) | undefined;

  private readonly core: TessModule;
  private readonly reader: TessApi;
  private readonly orienter: TessApi;
  /** The languages read with, as tesseract names them. */
  readonly languages: string;
  /** The engine and its data, as an OcrPage records them. */
  readonly engine: string;
  /** What Tesseract said while loading or reading (warnings), for diagnosis. */
  readonly messages: string[];

  private constructor(parts: {
    core: TessModule;
    reader: TessApi;
    orienter: TessApi;
    languages: string;
    engine: string;
    messages: string[];
  }) {
    this.core = parts.core;
    this.reader = parts.reader;
    this.orienter = parts.orienter;
    this.languages = parts.languages;
    this.engine = parts.engine;
    this.messages = parts.messages;
  }

  /** Load Tesseract and the languages (plus the orientation model) once; a missing language pack fails here. */
  static async open(opts: EngineOptions): Promise<OcrEngine> {
    const codes = parseLanguages(opts.languages);
    const data = [...codes, ORIENTATION_MODEL].map((code) => readLanguageData(code, opts.dataDirs));
    const messages: string[] = [];
    let engine: OcrEngine | null = null;
    const core = await loadCore(
      (percent) => engine?.progress?.(Math.min(1, Math.max(0, (percent - 30) / 70))),
      (line) => {
        if (messages.length < 100) messages.push(line);
      },
    );
    // Tesseract reads its models from its own in-memory file system, which nothing else sees.
    for (const d of data) core.FS.writeFile(`/${d.code}.traineddata`, d.bytes);
    const reader = new core.TessBaseAPI();
    const orienter = new core.TessBaseAPI();
    const joined = codes.join('+');
    if (reader.Init(null, joined, OEM_LSTM_ONLY) !== 0 || orienter.Init(null, ORIENTATION_MODEL, OEM_TESSERACT_ONLY) !== 0) {
      core.destroy(reader);
      core.destroy(orienter);
      throw new ExhibitError(
        'unreadable-file',
        `OCR could not start with languages "${joined}": a language pack may be damaged or of an older Tesseract (${messages.slice(-3).join(' ')})`,
        joined,
      );
    }
    orienter.SetPageSegMode(PSM_OSD_ONLY);
    // Tesseract's API starts in single-block mode, which reads a two-column page straight
    // across both columns; the tesseract command sets automatic segmentation, and so do we.
    reader.SetPageSegMode(PSM_AUTO);
    for (const d of data) core.FS.unlink(`/${d.code}.traineddata`); // loaded now; the copies only cost memory
    const description = `tesseract.js-core ${CORE_VERSION} (Tesseract ${reader.Version()}), ${data.map((d) => d.version).join(', ')}`;
    engine = new OcrEngine({ core, reader, orienter, languages: joined, engine: description, messages });
    return engine;
  }

  /** Read one page image (PNG or JPEG) into an OcrPage, its words placed on the displayed page. */
  recognise(image: Uint8Array, page: PageFacts): OcrPage {
    if (this.closed) throw new Error('the OCR engine is closed');
    const { width: widthPx, height: heightPx } = imageSize(image);
    if (widthPx > MAX_SIDE_PX || heightPx > MAX_SIDE_PX)
      throw new ExhibitError(
        'unsupported-file',
        `the page image is ${widthPx} x ${heightPx} pixels, more than OCR reads (${MAX_SIDE_PX} on a side); render it at a lower resolution`,
      );
    const dpi = Math.round(page.dpi);
    this.core.FS.writeFile('/input', image);
    try {
      const orientation = this.detectOrientation(dpi);
      if (this.reader.SetImageFile(EXIF_UPRIGHT[orientation], 0) !== 0)
        throw new ExhibitError('unreadable-file', 'the page image could not be decoded for OCR');
      this.reader.SetSourceResolution(dpi);
      this.progress = page.onProgress;
      if (this.reader.Recognize(null) !== 0) throw new ExhibitError('internal', 'OCR failed on this page');
      const json = JSON.parse(this.reader.GetJSONText()) as TessJson;
      // Tesseract deskews while it finds lines; the gradient is the slope it found (y up).
      const skew = Math.round((Math.atan(this.reader.GetGradient()) * 180 * 100) / Math.PI) / 100;
      const lines = wordsOf(json, { orientation, widthPx, heightPx, widthPt: page.widthPt, heightPt: page.heightPt });
      const words = lines.flat();
      const mean = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
      return {
        width: page.widthPt,
        height: page.heightPt,
        orientation,
        skew: Object.is(skew, -0) ? 0 : skew,
        lines,
        meanConfidence: Math.round(mean * 100) / 100,
        languages: this.languages,
        engine: this.engine,
        dpi,
      };
    } finally {
      this.progress = undefined;
      this.reader.Clear();
      this.orienter.Clear();
      this.core.FS.unlink('/input');
    }
  }

  /** How far the page's text is turned, by the orientation model; 0 when it cannot tell. */
  private detectOrientation(dpi: number): Orientation {
    if (this.orienter.SetImageFile(1, 0) !== 0)
      throw new ExhibitError('unreadable-file', 'the page image could not be decoded for OCR');
    this.orienter.SetSourceResolution(dpi);
    const results = new this.core.OSResults();
    try {
      if (!this.orienter.DetectOS(results)) return 0;
      const best = results.best_result;
      if (best.oconfidence < MIN_ORIENTATION_CONFIDENCE) return 0;
      return ORIENTATION_OF_ID[best.orientation_id] ?? 0;
    } finally {
      this.core.destroy(results);
    }
  }

  /** Free Tesseract's models and memory; the engine cannot be used after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.End();
    this.orienter.End();
    this.core.destroy(this.reader);
    this.core.destroy(this.orienter);
  }
}
