/**
 * Reading a bundle ZIP that may be hostile: entry count, sizes and compression ratio are
 * capped, names must be plain relative paths (no "..", no absolute paths, no duplicates
 * after Unicode normalisation and case folding), and symlinks and encrypted entries are
 * refused. Each entry is hashed as it streams; only small files (tags, JSON) are kept in
 * memory, and the entries a caller wants as files (originals of any size) are streamed to
 * a file in a folder the caller names, under a name the caller gives, never the entry's.
 * A signal stops the reading between entries and in the middle of one (the entry's file is
 * then left half written for the caller, who owns the folder, to remove).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ExhibitError } from '../../../shared/errors.ts';
import { cancelledError } from './steps.ts';

export const LIMITS = {
  entries: 100_000,
  entryBytes: 4 * 1024 ** 3,
  totalBytes: 16 * 1024 ** 3,
  ratio: 200,
  keepBytes: 64 * 1024 ** 2,
};

export type ZipLimits = typeof LIMITS;

export interface ZipEntryInfo {
  path: string;
  size: number;
  sha256: string;
  /** The bytes, for entries `keep` asked for (tag files, case.json, the audit log). */
  bytes: Buffer | null;
  /** Where the entry was written, for entries `save` asked for. */
  file: string | null;
}

export interface ReadZipOptions {
  /** Entries to keep in memory; one larger than limits.keepBytes is refused. */
  keep?: (path: string) => boolean;
  /** Entries to write into `dir`, each under the plain file name `name` returns (null: not saved). */
  save?: { dir: string; name: (path: string) => string | null };
  /** Caps (tests lower them); defaults are LIMITS. */
  limits?: Partial<ZipLimits> | undefined;
  /** Told of each chunk of a saved entry as it streams (by entry path). */
  onSaving?: ((path: string, bytes: number) => void) | undefined;
  /** Stops the reading; it then rejects with the 'cancelled' error. */
  signal?: AbortSignal | undefined;
}

/** Why an entry name is unsafe, or null when it is fine. */
export function unsafeName(name: string): string | null {
  if (name.includes('\\') || name.includes('\0')) return 'has a backslash or NUL in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the bundle with ".."';
  return null;
}

const fail = (zip: string, message: string) => new ExhibitError('invalid-args', `${zip}: ${message}`, zip);

/** What went wrong while an entry streamed, in a reviewer's words. */
function streamProblem(name: string, err: NodeJS.ErrnoException): string {
  if (/bytes in the stream/.test(err.message))
    return `entry "${name}" does not have the size the archive states for it (${err.message})`;
  if (err.code && err.syscall) return `entry "${name}" could not be written to the staging folder (${err.code})`;
  return `entry "${name}" is damaged (${err.message})`;
}

/** The file an entry is saved to: a plain name inside `dir`, or an error. */
function saveTarget(dir: string, fileName: string): string | null {
  const target = path.resolve(dir, fileName);
  return fileName !== '.' && fileName !== '..' && path.dirname(target) === path.resolve(dir) ? target : null;
}

/** Stream every entry of the ZIP, checking it as it goes. */
export function readZip(file: string, opts: ReadZipOptions = {}): Promise<ZipEntryInfo[]> {
  const limits = { ...LIMITS, ...opts.limits };
  const { signal } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(fail(file, `not a readable ZIP file (${err?.message ?? 'unknown error'})`));
      if (zip.entryCount > limits.entries) {
        zip.close();
        return reject(fail(file, `has ${zip.entryCount} entries; at most ${limits.entries} are accepted`));
      }
      const out: ZipEntryInfo[] = [];
      const seen = new Set<string>();
      let total = 0;
      let stopped = false;
      const stop = (e: Error) => {
        if (stopped) return;
        stopped = true;
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) =>
        // yauzl checks names itself; say what it found in the words used for our own checks.
        stop(
          fail(
            file,
            /invalid relative path|absolute path/.test(e.message)
              ? `has an entry that climbs out of the bundle or is absolute (${e.message})`
              : `is damaged (${e.message})`,
          ),
        ),
      );
      zip.on('end', () => {
        if (signal?.aborted) stop(cancelledError());
        else if (!stopped) resolve(out);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (signal?.aborted) return stop(cancelledError());
        const name = entry.fileName;
        const bad = unsafeName(name);
        if (bad) return stop(fail(file, `entry "${name}" ${bad}`));
        const folded = name.normalize('NFC').toLowerCase();
        if (seen.has(folded))
          return stop(fail(file, `entry "${name}" appears twice (names are compared case- and accent-form-insensitively)`));
        seen.add(folded);
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) return stop(fail(file, `entry "${name}" is a symbolic link`));
        if ((entry.generalPurposeBitFlag & 0x1) !== 0) return stop(fail(file, `entry "${name}" is encrypted`));
        if (name.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > limits.entryBytes) return stop(fail(file, `entry "${name}" is larger than allowed`));
        total += entry.uncompressedSize;
        if (total > limits.totalBytes) return stop(fail(file, 'unpacks to more than allowed in total'));
        if (
          entry.compressedSize > 0 &&
          entry.uncompressedSize > 1024 ** 2 &&
          entry.uncompressedSize / entry.compressedSize > limits.ratio
        ) {
          return stop(fail(file, `entry "${name}" is compressed suspiciously well (a compression bomb?)`));
        }
        const wanted = opts.keep?.(name) ?? false;
        if (wanted && entry.uncompressedSize > limits.keepBytes)
          return stop(
            fail(file, `entry "${name}" is too large to check (${entry.uncompressedSize} bytes; at most ${limits.keepBytes})`),
          );
        const fileName = opts.save?.name(name) ?? null;
        const target = fileName === null ? null : saveTarget(opts.save!.dir, fileName);
        if (fileName !== null && target === null)
          return stop(fail(file, `entry "${name}" would be saved as "${fileName}", which is not a plain file name`));
        zip.openReadStream(entry, (e, stream) => {
          if (signal?.aborted) {
            stream?.destroy();
            return stop(cancelledError());
          }
          if (e || !stream) return stop(fail(file, `entry "${name}" cannot be read (${e?.message ?? 'unknown'})`));
          const hash = createHash('sha256');
          const chunks: Buffer[] = [];
          let size = 0;
          const tap = new Transform({
            transform(chunk: Buffer, _enc, done) {
              size += chunk.length;
              hash.update(chunk);
              if (wanted) chunks.push(chunk);
              if (target) opts.onSaving?.(name, chunk.length);
              done(null, chunk);
            },
          });
          // A fresh name in a fresh folder: 'wx' refuses to reuse or follow anything already there.
          const sink = target
            ? fs.createWriteStream(target, { flags: 'wx', mode: 0o600 })
            : new Writable({ write: (_c, _enc, done) => done() });
          // The signal stops the entry mid-stream: every stream in the pipeline is destroyed.
          pipeline(stream, tap, sink, { signal }).then(
            () => {
              out.push({
                path: name,
                size,
                sha256: hash.digest('hex'),
                bytes: wanted ? Buffer.concat(chunks) : null,
                file: target,
              });
              zip.readEntry();
            },
            (se: NodeJS.ErrnoException) => stop(signal?.aborted ? cancelledError() : fail(file, streamProblem(name, se))),
          );
        });
      });
      zip.readEntry();
    });
  });
}
