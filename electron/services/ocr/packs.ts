/**
 * Adding an OCR language pack the reviewer chose. A pack is Tesseract's data for one
 * language (`<code>.traineddata`, or gzipped `.traineddata.gz`) that the reviewer brings
 * on their own medium; nothing is fetched. It is checked before it is copied into the
 * per-user packs folder, so a wrong or damaged file is refused at once, naming it, instead
 * of every page read with it failing later in a worker.
 *
 * The check reads the file's table of contents as Tesseract's TessdataManager does: a
 * count of components (a 32-bit integer, at most 1000; a count above that means the file
 * was written big-endian), then one 64-bit offset per component, -1 where a component is
 * absent, the others increasing and inside the file. Exhibit reads with Tesseract's LSTM
 * engine only, so the pack must hold an LSTM model with its character set and recoder; a
 * pack made for Tesseract 3 (legacy models only) is refused with that said. When the pack
 * names its language in its version string ("4.00.00alpha:fra:synth20170629"), that must be
 * the language its file name says, since the file name is how Tesseract finds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ExhibitError } from '../../../shared/errors.ts';
import { packLanguageCode } from '../../../shared/ocr.ts';
import { fsyncDir } from '../case/disk.ts';
import { languageLabel, ORIENTATION_MODEL } from './languages.ts';

/** Larger than any language in Tesseract's tessdata repositories (the largest unpacked is ~60 MB). */
export const MAX_PACK_BYTES = 256 * 1024 * 1024;
/** TessdataManager refuses a table of more components than this. */
const MAX_COMPONENTS = 1000;
/** Component indices (Tesseract's TessdataType) an LSTM reading needs, and the version string. */
const LSTM = 17;
const LSTM_UNICHARSET = 21;
const LSTM_RECODER = 22;
const VERSION = 23;
/** Languages whose data ships with Exhibit: a pack would be ignored behind the shipped one. */
const SHIPPED = new Set(['eng']);

/** What a checked pack holds. */
export interface CheckedPack {
  code: string;
  /** The file's bytes as chosen (gzipped or not): what is copied. */
  bytes: Uint8Array;
  /** The version string the pack carries, or null (older packs have none). */
  version: string | null;
}

const refuse = (file: string, why: string, code: 'unsupported-file' | 'unreadable-file' = 'unsupported-file') =>
  new ExhibitError(code, `${file} is not a language pack Exhibit can read: ${why}`, file);

/** Offsets of the pack's components (-1 for an absent one), from its table of contents; throws naming the file. */
function tableOfContents(data: Uint8Array, file: string): number[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 4) throw refuse(file, 'it is too short to be Tesseract language data');
  let little = true;
  let count = view.getUint32(0, true);
  if (count > MAX_COMPONENTS) {
    little = false;
    count = view.getUint32(0, false);
  }
  const header = 4 + 8 * count;
  if (count === 0 || count > MAX_COMPONENTS || header > data.byteLength)
    throw refuse(file, 'it does not start with the table of contents of Tesseract language data');
  const offsets: number[] = [];
  let last = header - 1;
  for (let i = 0; i < count; i++) {
    const at = Number(view.getBigInt64(4 + 8 * i, little));
    if (at === -1) {
      offsets.push(-1);
      continue;
    }
    // A component may be empty (its offset equal to the next one's), never before the last or past the end.
    if (at < header || at > data.byteLength || at < last)
      throw refuse(file, `its table of contents points outside the file (component ${i})`, 'unreadable-file');
    offsets.push(at);
    last = at;
  }
  return offsets;
}

/** The bytes of component `i` (empty when absent). */
function component(data: Uint8Array, offsets: readonly number[], i: number): Uint8Array {
  const start = offsets[i] ?? -1;
  if (start < 0) return new Uint8Array(0);
  const next = offsets.slice(i + 1).find((o) => o >= 0) ?? data.byteLength;
  return data.subarray(start, next);
}

/** Check that `file` is Tesseract language data Exhibit can read with; throws an ExhibitError naming the file. */
export function checkLanguagePack(file: string): CheckedPack {
  const name = path.basename(file);
  const code = packLanguageCode(name);
  if (!code)
    throw new ExhibitError(
      'invalid-args',
      `${file} is not named as a language pack: its name must be the language's Tesseract code followed by ` +
        '.traineddata or .traineddata.gz (for example fra.traineddata for French)',
      file,
    );
  if (code === ORIENTATION_MODEL || SHIPPED.has(code))
    throw new ExhibitError(
      'invalid-args',
      `${file}: ${code === ORIENTATION_MODEL ? 'the orientation model' : `${languageLabel(code)} (${code})`} ` +
        'ships with Exhibit and is always installed',
      file,
    );
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ExhibitError('not-found', `${file} was not found`, file);
  }
  if (!stat.isFile()) throw refuse(file, 'it is not a file');
  if (stat.size > MAX_PACK_BYTES) throw refuse(file, `it is larger (${stat.size} bytes) than any language pack`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  let data = bytes;
  // gzip's magic number, whatever the name says: packs are accepted packed or not.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes, { maxOutputLength: MAX_PACK_BYTES });
    } catch {
      throw refuse(file, 'it is damaged (it could not be unpacked)', 'unreadable-file');
    }
  }
  const offsets = tableOfContents(data, file);
  const missing = [LSTM, LSTM_UNICHARSET, LSTM_RECODER].filter((i) => component(data, offsets, i).length === 0);
  if (missing.length > 0)
    throw refuse(
      file,
      'it holds no LSTM model (a pack made for Tesseract 3?); use a pack for Tesseract 4 or later, ' +
        'such as those of tessdata_best or tessdata_fast',
    );
  const raw = Buffer.from(component(data, offsets, VERSION)).toString('latin1');
  // A version string is a short line of printable ASCII; anything else is not trusted to name a language.
  const version = /^[\x20-\x7e]{1,200}$/.test(raw) ? raw : null;
  // "4.00.00alpha:fra:synth20170629:[…]": the second field names the language the model was trained for.
  const named = version ? /^[^:]+:([a-z][a-z0-9_]*):/.exec(version)?.[1] : undefined;
  if (named && named !== code)
    throw refuse(
      file,
      `it holds ${languageLabel(named)} (${named}) data but is named for ${languageLabel(code)} (${code}); ` +
        `rename it ${named}.traineddata${name.endsWith('.gz') ? '.gz' : ''} if that is the language you meant`,
    );
  return { code, bytes, version };
}

/**
 * Check `file` and copy it into `packsDir` (made if need be) under its own name, through a
 * temporary file and a rename so a pack is never seen half-written; a pack of the same
 * language already there, gzipped or not, is replaced. Returns the language's code.
 */
export function addLanguagePack(file: string, packsDir: string): string {
  const pack = checkLanguagePack(file);
  const name = path.basename(file);
  fs.mkdirSync(packsDir, { recursive: true });
  const target = path.join(packsDir, name);
  // Not a pack's name, so the packs folder never lists it while it is being written.
  const tmp = path.join(packsDir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      for (let off = 0; off < pack.bytes.length;) off += fs.writeSync(fd, pack.bytes, off, pack.bytes.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  // One file per language: the other form (packed or not) would otherwise be found first.
  for (const other of [`${pack.code}.traineddata`, `${pack.code}.traineddata.gz`])
    if (other !== name) fs.rmSync(path.join(packsDir, other), { force: true });
  fsyncDir(packsDir);
  return pack.code;
}
