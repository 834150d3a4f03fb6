/**
 * The first pass over a bundle ZIP that may be hostile: its central directory and every
 * local header, read before a single byte is inflated. Entry count, each entry's declared
 * size and their total are held to caps; names must be plain relative paths, unique after
 * Unicode normalisation and case folding; symlinks, encrypted entries, unknown compression
 * methods, local headers that disagree with the directory and entries whose data overlap
 * (the trick that lets a small ZIP unpack the same bytes many times) are refused. What the
 * survey accepts, read-zip.ts streams, holding each entry to the size declared here.
 */
import path from 'node:path';
import type yauzl from 'yauzl';
import { ExhibitError } from '../../../shared/errors.ts';
import { cancelledError } from '../jobs/steps.ts';

export const LIMITS = {
  /** Entries in the archive, as its end record states them. */
  entries: 100_000,
  /** What one entry may unpack to (an original may be up to 2 GiB; its annotated copy a little more). */
  entryBytes: 4 * 1024 ** 3,
  /** What all entries together may unpack to. */
  totalBytes: 16 * 1024 ** 3,
  /** What one entry held in memory (tag files, case.json, the audit log) may unpack to. */
  keepBytes: 64 * 1024 ** 2,
};

export type ZipLimits = typeof LIMITS;

/** An entry the survey accepted, with what the caller wants done with it. */
export interface SurveyedEntry {
  path: string;
  /** Its place in the central directory. */
  index: number;
  /** The unpacked size the archive declares; streaming never goes past it. */
  size: number;
  compressedSize: number;
  deflated: boolean;
  /** Where its compressed bytes start in the file. */
  dataStart: number;
  keep: boolean;
  /** The file to stream it to, or null. */
  target: string | null;
}

export interface SurveyChoices {
  keep?: ((path: string) => boolean) | undefined;
  save?: { dir: string; name: (path: string) => string | null } | undefined;
}

/** Why an entry name is unsafe, or null when it is fine. */
export function unsafeName(name: string): string | null {
  if (name.includes('\\') || name.includes('\0')) return 'has a backslash or NUL in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the bundle with ".."';
  return null;
}

/** The error for a bundle that cannot be read safely, naming the bundle first. */
export const zipError = (zip: string, message: string): ExhibitError =>
  new ExhibitError('invalid-args', `${zip}: ${message}`, zip);

/** A byte count as a reviewer reads it. */
export const bytes = (n: number): string => `${n.toLocaleString('en')} bytes`;

/** Bit 3 of the flags: sizes follow the data, so the local header holds zeros for them. */
const SIZES_AFTER_DATA = 0x8;
/** A local size of all ones defers to the zip64 extra field. */
const ZIP64_MARK = 0xffffffff;

/** The file an entry is saved to: a plain name inside `dir`, or null. */
function saveTarget(dir: string, fileName: string): string | null {
  const target = path.resolve(dir, fileName);
  return fileName !== '.' && fileName !== '..' && path.dirname(target) === path.resolve(dir) ? target : null;
}

/** What a directory record says that its entry must not (null when it is acceptable). */
function entryProblem(entry: yauzl.Entry, name: string, limits: ZipLimits): string | null {
  const bad = unsafeName(name);
  if (bad) return `entry "${name}" ${bad}`;
  if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) return `entry "${name}" is a symbolic link`;
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) return `entry "${name}" is encrypted`;
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    return `entry "${name}" is compressed with method ${entry.compressionMethod}, which Exhibit does not read (only stored and deflated files)`;
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize)
    return `entry "${name}" is stored uncompressed, yet declares ${bytes(entry.compressedSize)} in the archive and ${bytes(entry.uncompressedSize)} unpacked`;
  if (name.endsWith('/') && entry.uncompressedSize !== 0)
    return `entry "${name}" is a folder but declares ${bytes(entry.uncompressedSize)} of content`;
  if (entry.uncompressedSize > limits.entryBytes)
    return `entry "${name}" would unpack to ${bytes(entry.uncompressedSize)}; one file may unpack to at most ${bytes(limits.entryBytes)}`;
  return null;
}

/** Where the local header disagrees with the directory (null when it agrees). */
function headerMismatch(entry: yauzl.Entry, local: yauzl.LocalFileHeader): string | null {
  if (!local.fileName.equals(entry.fileNameRaw)) return 'its name';
  if (local.compressionMethod !== entry.compressionMethod) return 'its compression method';
  if ((local.generalPurposeBitFlag & 0x1) !== (entry.generalPurposeBitFlag & 0x1)) return 'whether it is encrypted';
  if ((local.generalPurposeBitFlag & SIZES_AFTER_DATA) !== 0) return null;
  const differs = (stated: number, real: number) => stated !== ZIP64_MARK && stated !== real;
  if (differs(local.uncompressedSize, entry.uncompressedSize) || differs(local.compressedSize, entry.compressedSize))
    return 'its size';
  return null;
}

/** The first two entries whose bytes in the file overlap, if any. */
function firstOverlap(spans: { start: number; end: number; path: string }[]): [string, string] | null {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.start < sorted[i - 1]!.end) return [sorted[i - 1]!.path, sorted[i]!.path];
  return null;
}

/**
 * Read the whole central directory and every local header of an open ZIP (opened with
 * lazyEntries and without autoClose), check them, and list the entries to stream.
 * Folders are checked and left out of the list.
 */
export function surveyZip(
  zip: yauzl.ZipFile,
  file: string,
  limits: ZipLimits,
  choices: SurveyChoices,
  signal: AbortSignal | undefined,
): Promise<SurveyedEntry[]> {
  return new Promise((resolve, reject) => {
    if (zip.entryCount > limits.entries)
      return reject(zipError(file, `has ${zip.entryCount} entries; at most ${limits.entries} are accepted`));
    const out: SurveyedEntry[] = [];
    const spans: { start: number; end: number; path: string }[] = [];
    const seen = new Set<string>();
    let total = 0;
    let index = 0;
    let stopped = false;
    const stop = (e: Error) => {
      if (stopped) return;
      stopped = true;
      zip.removeAllListeners('entry');
      reject(e);
    };
    zip.on('error', (e: Error) =>
      // yauzl checks names itself; say what it found in the words used for our own checks.
      stop(
        zipError(
          file,
          /invalid relative path|absolute path/.test(e.message)
            ? `has an entry that climbs out of the bundle or is absolute (${e.message})`
            : `is damaged (${e.message})`,
        ),
      ),
    );
    zip.on('end', () => {
      if (stopped) return;
      if (signal?.aborted) return stop(cancelledError());
      const overlap = firstOverlap(spans);
      if (overlap)
        return stop(
          zipError(file, `entries "${overlap[0]}" and "${overlap[1]}" share compressed bytes (a compression-bomb trick)`),
        );
      resolve(out);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (signal?.aborted) return stop(cancelledError());
      const name = entry.fileName;
      const problem = entryProblem(entry, name, limits);
      if (problem) return stop(zipError(file, problem));
      const folded = name.normalize('NFC').toLowerCase();
      if (seen.has(folded))
        return stop(zipError(file, `entry "${name}" appears twice (names are compared case- and accent-form-insensitively)`));
      seen.add(folded);
      total += entry.uncompressedSize;
      if (total > limits.totalBytes)
        return stop(
          zipError(
            file,
            `would unpack to more than ${bytes(limits.totalBytes)} in all (entry "${name}" takes it to ${bytes(total)})`,
          ),
        );
      const keep = !name.endsWith('/') && (choices.keep?.(name) ?? false);
      if (keep && entry.uncompressedSize > limits.keepBytes)
        return stop(
          zipError(file, `entry "${name}" is too large to check (${entry.uncompressedSize} bytes; at most ${limits.keepBytes})`),
        );
      const fileName = name.endsWith('/') ? null : (choices.save?.name(name) ?? null);
      const target = fileName === null ? null : saveTarget(choices.save!.dir, fileName);
      if (fileName !== null && target === null)
        return stop(zipError(file, `entry "${name}" would be saved as "${fileName}", which is not a plain file name`));
      zip.readLocalFileHeader(entry, {}, (err, local) => {
        if (stopped) return;
        if (err) return stop(zipError(file, `entry "${name}" cannot be read (${err.message})`));
        const mismatch = headerMismatch(entry, local);
        if (mismatch)
          return stop(
            zipError(file, `entry "${name}" has a local header that disagrees with the archive's directory on ${mismatch}`),
          );
        spans.push({ start: entry.relativeOffsetOfLocalHeader, end: local.fileDataStart + entry.compressedSize, path: name });
        if (!name.endsWith('/'))
          out.push({
            path: name,
            index,
            size: entry.uncompressedSize,
            compressedSize: entry.compressedSize,
            deflated: entry.compressionMethod === 8,
            dataStart: local.fileDataStart,
            keep,
            target,
          });
        index++;
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
}
