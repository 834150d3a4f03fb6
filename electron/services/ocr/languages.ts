/**
 * The languages OCR can read with, and where their data lies. English and the orientation
 * model ship with the app; any other language is a "pack" the user adds, offline, by
 * copying Tesseract's `<lang>.traineddata` (or `.traineddata.gz`) into the packs folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ExhibitError } from '../../../shared/errors.ts';
import { LANGUAGE_CODE, packLanguageCode } from '../../../shared/ocr.ts';
import { packageDir } from '../packages.ts';

/** The data shipped with the app: Tesseract's LSTM-only "best (integer)" models, as packaged by tesseract.js. */
export const SHIPPED_DATA_VERSION = '4.0.0_best_int';

/** Languages offered by name (the six working languages of the United Nations), with labels for people. */
export const KNOWN_LANGUAGES: readonly { code: string; label: string }[] = Object.freeze([
  { code: 'ara', label: 'Arabic' },
  { code: 'chi_sim', label: 'Chinese (simplified)' },
  { code: 'eng', label: 'English' },
  { code: 'fra', label: 'French' },
  { code: 'rus', label: 'Russian' },
  { code: 'spa', label: 'Spanish' },
]);

/** What scanned pages are read with unless the reviewer chooses otherwise. */
export const DEFAULT_OCR_LANGUAGES = 'eng';

/** The model orientation detection reads with; not a language one reads a page in. */
export const ORIENTATION_MODEL = 'osd';

/** Folders holding shipped data: English, then the orientation model; then the user's packs folder, when given. */
export function languageDataDirs(packsDir?: string): string[] {
  const shipped = ['eng', ORIENTATION_MODEL].map((lang) =>
    path.join(packageDir(`@tesseract.js-data/${lang}`), SHIPPED_DATA_VERSION),
  );
  return packsDir ? [...shipped, packsDir] : shipped;
}

const dataFile = (dir: string, lang: string): string | null => {
  for (const name of [`${lang}.traineddata`, `${lang}.traineddata.gz`]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return null;
};

/**
 * Which file each language would be read from, with its size and time of change, as one
 * string: it changes when a pack is added, replaced or removed, so a warm engine knows
 * when the data it loaded is no longer what is installed.
 */
export function languageFiles(codes: readonly string[], dataDirs: readonly string[]): string {
  return codes
    .map((code) => {
      for (const dir of dataDirs) {
        const file = dataFile(dir, code);
        if (!file) continue;
        const st = fs.statSync(file, { throwIfNoEntry: false });
        return `${file}:${st?.size ?? 0}:${st?.mtimeMs ?? 0}`;
      }
      return `${code}:missing`;
    })
    .join('|');
}

/** Codes of the languages that can be read with: shipped, or added to `packsDir`. Sorted; the orientation model left out. */
export function availableLanguages(packsDir?: string): string[] {
  const found = new Set<string>();
  for (const dir of languageDataDirs(packsDir)) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue; // a packs folder not yet made holds no packs
    }
    for (const name of names) {
      const code = packLanguageCode(name);
      if (code && code !== ORIENTATION_MODEL) found.add(code);
    }
  }
  return [...found].sort();
}

/** A human name for a language code: its label when known, else the code itself. */
export function languageLabel(code: string): string {
  return KNOWN_LANGUAGES.find((l) => l.code === code)?.label ?? code;
}

/** Split "eng+fra" into codes, refusing names Tesseract could not have data for. */
export function parseLanguages(languages: string): string[] {
  const codes = languages.split('+').map((c) => c.trim());
  for (const code of codes) {
    if (!LANGUAGE_CODE.test(code) || code === ORIENTATION_MODEL)
      throw new ExhibitError('invalid-args', `"${code}" is not an OCR language name (expected e.g. "eng" or "eng+fra")`, code);
  }
  if (new Set(codes).size !== codes.length)
    throw new ExhibitError('invalid-args', `OCR languages "${languages}" name a language twice`, languages);
  return codes;
}

/** One language's model, unpacked, and the name of its data as an OCR result records it. */
export interface LanguageData {
  code: string;
  bytes: Uint8Array;
  /** "eng 4.0.0_best_int" for shipped data; for a pack, its file name and a digest, so results say which pack read them. */
  version: string;
}

/** Read a language's model from the first folder that has it; a missing pack is named in the error. */
export function readLanguageData(code: string, dataDirs: readonly string[]): LanguageData {
  for (const dir of dataDirs) {
    const file = dataFile(dir, code);
    if (!file) continue;
    let bytes: Uint8Array = fs.readFileSync(file);
    // gzip's magic number: the packs are accepted either way, whatever the file is named.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes);
      } catch {
        throw new ExhibitError('unreadable-file', `OCR language pack ${file} is damaged (it could not be unpacked)`, file);
      }
    }
    const shipped = languageDataDirs().includes(dir);
    const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    return { code, bytes, version: shipped ? `${code} ${SHIPPED_DATA_VERSION}` : `${code} pack ${digest}` };
  }
  const shipped = languageDataDirs();
  const packDirs = dataDirs.filter((d) => !shipped.includes(d));
  const packs = packDirs.length > 0 ? ` to ${packDirs.join(' or ')}` : ' to the OCR language packs folder';
  throw new ExhibitError(
    'not-found',
    `OCR language pack "${code}" (${languageLabel(code)}) is not installed; add ${code}.traineddata ` +
      `(or ${code}.traineddata.gz) from Tesseract's language data${packs}`,
    code,
  );
}
