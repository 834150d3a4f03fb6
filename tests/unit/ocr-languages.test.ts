/**
 * OCR languages: the shipped ones, packs a user adds offline (French, from the test-only
 * data package), the error that names a pack that is missing, and the page geometry that
 * turns boxes read upright back into the page as displayed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import {
  availableLanguages,
  closeOcr,
  engineFor,
  KNOWN_LANGUAGES,
  languageDataDirs,
  OcrEngine,
  parseLanguages,
  recognise,
  renderDpi,
  renderPdfPage,
} from '../../electron/services/ocr/index.ts';
import { toDisplayed, type Frame } from '../../electron/services/ocr/layout.ts';
import { ocrPageText } from '../../shared/ocr.ts';
import { scanPdf, wordRecall } from '../fixtures/ocr-scans.ts';
import { tempDir } from './helpers.ts';

const frenchData = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/fra/package.json')),
  '4.0.0_best_int',
  'fra.traineddata.gz',
);

/** A packs folder holding the French pack, as a user would make it. */
function packsWithFrench(): string {
  const packs = tempDir('exhibit-packs-');
  fs.copyFileSync(frenchData, path.join(packs, 'fra.traineddata.gz'));
  return packs;
}

afterAll(() => closeOcr());

describe('OCR languages', () => {
  it('offers the six UN working languages by name', () => {
    expect(KNOWN_LANGUAGES.map((l) => l.code)).toEqual(['ara', 'chi_sim', 'eng', 'fra', 'rus', 'spa']);
    expect(KNOWN_LANGUAGES.find((l) => l.code === 'chi_sim')?.label).toBe('Chinese (simplified)');
  });

  it('lists shipped English, and a pack once it is added; never the orientation model', () => {
    const packs = tempDir('exhibit-packs-');
    expect(availableLanguages(packs)).toEqual(['eng']);
    expect(availableLanguages(path.join(packs, 'not-made-yet'))).toEqual(['eng']);
    fs.copyFileSync(frenchData, path.join(packs, 'fra.traineddata.gz'));
    fs.writeFileSync(path.join(packs, 'notes.txt'), 'not a pack');
    expect(availableLanguages(packs)).toEqual(['eng', 'fra']);
    expect(languageDataDirs(packs).at(-1)).toBe(packs);
    for (const dir of languageDataDirs()) expect(fs.existsSync(dir)).toBe(true);
  });

  it('names the pack to add when a language is missing', async () => {
    const packs = tempDir('exhibit-packs-');
    await expect(OcrEngine.open({ languages: 'eng+spa', dataDirs: languageDataDirs(packs) })).rejects.toThrow(
      `OCR language pack "spa" (Spanish) is not installed; add spa.traineddata (or spa.traineddata.gz) from Tesseract's language data to ${packs}`,
    );
    expect(() => parseLanguages('eng+../x')).toThrow(/not an OCR language name/);
    expect(() => parseLanguages('eng+osd')).toThrow(/not an OCR language name/);
  });

  it('refuses a damaged pack with its file named', async () => {
    const packs = tempDir('exhibit-packs-');
    const file = path.join(packs, 'rus.traineddata.gz');
    fs.writeFileSync(file, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(OcrEngine.open({ languages: 'rus', dataDirs: languageDataDirs(packs) })).rejects.toThrow(file);
  });

  it('loads a pack anew once it was replaced, rather than reading with the one loaded before', async () => {
    const packs = packsWithFrench();
    const opts = { languages: 'fra', dataDirs: languageDataDirs(packs) };
    const first = engineFor(opts);
    expect(engineFor(opts)).toBe(first);
    await first;
    // The reviewer adds fra.traineddata again (another model of French): a new file in its place.
    const file = path.join(packs, 'fra.traineddata.gz');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    const second = engineFor(opts);
    expect(second).not.toBe(first);
    await second;
    expect(engineFor(opts)).toBe(second);
  });

  it('reads a French page with eng+fra, accents included', async () => {
    const lines = [
      'Le rapporteur spécial a reçu la réponse de la société',
      'concernant les allégations de surveillance des journalistes.',
      'La société déclare que ses logiciels sont vendus aux gouvernements.',
      'Elle conteste toute responsabilité dans ces opérations illégales.',
    ];
    const pdf = scanPdf([lines]);
    const { png, widthPt, heightPt, dpi } = await renderPdfPage(pdf, 0);
    const page = await recognise(png, {
      languages: 'eng+fra',
      dataDirs: languageDataDirs(packsWithFrench()),
      widthPt,
      heightPt,
      dpi,
    });
    expect(page.languages).toBe('eng+fra');
    expect(page.engine).toMatch(/, eng 4\.0\.0_best_int, fra pack [0-9a-f]{12}, osd 4\.0\.0_best_int$/);
    expect(wordRecall(lines.join('\n'), ocrPageText(page))).toBeGreaterThanOrEqual(0.95);
    for (const word of ['spécial', 'reçu', 'allégations', 'déclare', 'responsabilité', 'opérations'])
      expect(ocrPageText(page)).toContain(word);
  });
});

describe('page geometry', () => {
  // An upright 100 x 40 px image, and a word at its top-left corner.
  const word = { x0: 0, y0: 0, x1: 10, y1: 5 };
  const frame = (orientation: Frame['orientation']): Frame => {
    const quarter = orientation === 90 || orientation === 270;
    return { orientation, widthPx: quarter ? 40 : 100, heightPx: quarter ? 100 : 40, widthPt: 0, heightPt: 0 };
  };

  it('turns a box read upright into the page as displayed', () => {
    // Turned clockwise, the upright top-left corner lies top right (90), bottom right (180), bottom left (270).
    expect(toDisplayed(word, frame(0))).toEqual(word);
    expect(toDisplayed(word, frame(90))).toEqual({ x0: 35, y0: 0, x1: 40, y1: 10 });
    expect(toDisplayed(word, frame(180))).toEqual({ x0: 90, y0: 35, x1: 100, y1: 40 });
    expect(toDisplayed(word, frame(270))).toEqual({ x0: 0, y0: 90, x1: 5, y1: 100 });
  });

  it('lowers the resolution of a page too large to draw at 300 dpi', () => {
    expect(renderDpi(612, 792, 300)).toBe(300);
    expect(renderDpi(2592, 3456, 300)).toBe(208); // a 36 x 48 inch poster: 10,000 px on its long side
  });
});
