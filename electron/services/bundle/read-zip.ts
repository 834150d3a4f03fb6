/**
 * Reading a bundle ZIP that may be hostile. zip-survey.ts checks the whole central
 * directory first (caps on entry count, each entry's declared size and their total;
 * names, symlinks, encryption, overlapping entries), before anything is inflated. Each
 * entry is then inflated by us, not yauzl, and counted as it streams: the moment it goes
 * past the size the archive declared for it (and so past the caps the declared sizes were
 * held to), the streams are destroyed and the chunk that crossed the line goes nowhere, so
 * no more than the caps is ever held or written, however well the data compresses. (Real evidence — a server log,
 * a blank scan, a CSV dump — compresses a thousandfold; that alone is no reason to refuse.)
 * Each entry is hashed as it streams; only small files (tags, JSON) are kept in memory,
 * and the entries a caller wants as files are streamed to a file in a folder the caller
 * names, under a name the caller gives, never the entry's. A signal stops the reading
 * between entries and in the middle of one (the entry's file is then left half written
 * for the caller, who owns the folder, to remove).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { cancelledError } from '../jobs/steps.ts';
import { bytes, LIMITS, surveyZip, zipError, type SurveyedEntry, type ZipLimits } from './zip-survey.ts';

export { LIMITS, unsafeName, type ZipLimits } from './zip-survey.ts';

export interface ZipEntryInfo {
  path: string;
  size: number;
  sha256: string;
  /** The bytes, for entries `keep` asked for (tag files, case.json, the audit log). */
  bytes: Buffer | null;
  /** Where the entry was written, for entries `save` asked for. */
  file: string | null;
}

/** An entry as the archive's directory declares it, before it is read. */
export interface DeclaredEntry {
  path: string;
  size: number;
}

export interface ReadZipOptions {
  /** Entries to keep in memory; one larger than limits.keepBytes is refused. */
  keep?: (path: string) => boolean;
  /** Entries to write into `dir`, each under the plain file name `name` returns (null: not saved). */
  save?: { dir: string; name: (path: string) => string | null };
  /** Entries to read (default all); the others are checked in the directory but never inflated. */
  select?: (path: string) => boolean;
  /**
   * Called once the kept entries are read (they are read first), before any other entry is
   * inflated; returning false stops there, and only the kept entries are returned.
   */
  beforeRest?: (kept: ZipEntryInfo[], declared: DeclaredEntry[]) => boolean;
  /** Caps (tests lower them); defaults are LIMITS. */
  limits?: Partial<ZipLimits> | undefined;
  /** Told of each chunk of a saved entry as it streams (by entry path). */
  onSaving?: ((path: string, bytes: number) => void) | undefined;
  /** Stops the reading; it then rejects with the 'cancelled' error. */
  signal?: AbortSignal | undefined;
}

/** An entry that unpacked to more, or less, than it should; the message is the reviewer's. */
class SizeProblem extends Error {}

/** What went wrong while an entry streamed, in a reviewer's words. */
function streamProblem(name: string, err: NodeJS.ErrnoException): string {
  if (err instanceof SizeProblem) return err.message;
  if (err.code && err.syscall) return `entry "${name}" could not be written to the staging folder (${err.code})`;
  return `entry "${name}" is damaged (${err.message})`;
}

/** The raw (still compressed) bytes of an entry, exactly as many as the directory states. */
function rawStream(zip: yauzl.ZipFile, e: SurveyedEntry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStreamLowLevel(e.dataStart, e.compressedSize, 0, e.compressedSize, false, e.size, (err, stream) =>
      err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
    ),
  );
}

/** Stream every entry of the ZIP, checking it as it goes. */
export function readZip(file: string, opts: ReadZipOptions = {}): Promise<ZipEntryInfo[]> {
  const limits = { ...LIMITS, ...opts.limits };
  const { signal } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    // Sizes are checked by our own count below, so yauzl's check (which inflates for us) is off.
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: false }, (err, zip) => {
      if (err || !zip) return reject(zipError(file, `not a readable ZIP file (${err?.message ?? 'unknown error'})`));
      readAll(zip, file, limits, opts).then(
        (entries) => {
          zip.close();
          resolve(entries);
        },
        (e: unknown) => {
          zip.close();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  });
}

async function readAll(zip: yauzl.ZipFile, file: string, limits: ZipLimits, opts: ReadZipOptions): Promise<ZipEntryInfo[]> {
  const { signal } = opts;
  const listed = await surveyZip(zip, file, limits, opts, signal);
  const read = listed.filter((e) => e.keep || e.target !== null || (opts.select?.(e.path) ?? true));
  const out = new Map<number, ZipEntryInfo>();
  const take = async (e: SurveyedEntry) => {
    if (signal?.aborted) throw cancelledError();
    out.set(e.index, await readEntry(zip, file, e, opts));
  };
  // The small entries the caller keeps first: they may say what the rest should hold.
  for (const e of read) if (e.keep) await take(e);
  const kept = () => [...out.values()];
  const declared = listed.map((e) => ({ path: e.path, size: e.size }));
  if (opts.beforeRest && !opts.beforeRest(kept(), declared)) return kept();
  for (const e of read) if (!e.keep) await take(e);
  if (signal?.aborted) throw cancelledError();
  return [...out.entries()].sort(([a], [b]) => a - b).map(([, info]) => info);
}

/**
 * Inflate one entry, counting, hashing, keeping and saving it as the survey decided. The
 * survey held each declared size to the per-entry cap and their sum to the total cap, so
 * holding the entry to its declared size holds it, and the total, to the caps as well.
 */
async function readEntry(zip: yauzl.ZipFile, file: string, e: SurveyedEntry, opts: ReadZipOptions): Promise<ZipEntryInfo> {
  const name = e.path;
  let raw: Readable;
  try {
    raw = await rawStream(zip, e);
  } catch (err) {
    throw zipError(file, `entry "${name}" cannot be read (${(err as Error).message})`);
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      // Checked before the chunk goes anywhere: what crosses the line is neither kept nor written.
      if (size + chunk.length > e.size)
        return done(
          new SizeProblem(
            `entry "${name}" unpacks to more than the ${bytes(e.size)} the archive declares for it; ` +
              'reading stopped there (a compression bomb?)',
          ),
        );
      size += chunk.length;
      hash.update(chunk);
      if (e.keep) chunks.push(chunk);
      if (e.target) opts.onSaving?.(name, chunk.length);
      done(null, chunk);
    },
    flush(done) {
      done(
        size === e.size
          ? null
          : new SizeProblem(
              `entry "${name}" unpacks to ${bytes(size)}, less than the ${bytes(e.size)} the archive declares for it`,
            ),
      );
    },
  });
  // A fresh name in a fresh folder: 'wx' refuses to reuse or follow anything already there.
  const sink = e.target
    ? fs.createWriteStream(e.target, { flags: 'wx', mode: 0o600 })
    : new Writable({ write: (_c, _enc, done) => done() });
  const inflate = e.deflated ? zlib.createInflateRaw() : new PassThrough();
  try {
    // The signal stops the entry mid-stream: every stream in the pipeline is destroyed.
    await pipeline(raw, inflate, counter, sink, { signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw cancelledError();
    throw zipError(file, streamProblem(name, err as NodeJS.ErrnoException));
  }
  return { path: name, size, sha256: hash.digest('hex'), bytes: e.keep ? Buffer.concat(chunks) : null, file: e.target };
}
