/**
 * Reading a bundle ZIP that may be hostile: entry count, sizes and compression ratio are
 * capped, names must be plain relative paths (no "..", no absolute paths, no duplicates
 * after Unicode normalisation and case folding), and symlinks and encrypted entries are
 * refused. Each entry is hashed as it streams; only small files are kept in memory.
 */
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { ExhibitError } from '../../../shared/errors.ts';

export const LIMITS = {
  entries: 100_000,
  entryBytes: 4 * 1024 ** 3,
  totalBytes: 16 * 1024 ** 3,
  ratio: 200,
  keepBytes: 64 * 1024 ** 2,
};

export interface ZipEntryInfo {
  path: string;
  size: number;
  sha256: string;
  /** The bytes, for files under `keep` (tag files, case.json, the audit log). */
  bytes: Buffer | null;
}

/** Why an entry name is unsafe, or null when it is fine. */
export function unsafeName(name: string): string | null {
  if (name.includes('\\') || name.includes('\0')) return 'has a backslash or NUL in its name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the bundle with ".."';
  return null;
}

const fail = (zip: string, message: string) => new ExhibitError('invalid-args', `${zip}: ${message}`, zip);

/** Stream every entry of the ZIP, checking it as it goes. */
export function readZip(file: string, keep: (path: string) => boolean): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(fail(file, `not a readable ZIP file (${err?.message ?? 'unknown error'})`));
      if (zip.entryCount > LIMITS.entries)
        return reject(fail(file, `has ${zip.entryCount} entries; at most ${LIMITS.entries} are accepted`));
      const out: ZipEntryInfo[] = [];
      const seen = new Set<string>();
      let total = 0;
      const stop = (e: Error) => {
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
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
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
        if (entry.uncompressedSize > LIMITS.entryBytes) return stop(fail(file, `entry "${name}" is larger than allowed`));
        total += entry.uncompressedSize;
        if (total > LIMITS.totalBytes) return stop(fail(file, 'unpacks to more than allowed in total'));
        if (
          entry.compressedSize > 0 &&
          entry.uncompressedSize > 1024 ** 2 &&
          entry.uncompressedSize / entry.compressedSize > LIMITS.ratio
        ) {
          return stop(fail(file, `entry "${name}" is compressed suspiciously well (a compression bomb?)`));
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return stop(fail(file, `entry "${name}" cannot be read (${e?.message ?? 'unknown'})`));
          const hash = createHash('sha256');
          const chunks: Buffer[] = [];
          const wanted = keep(name) && entry.uncompressedSize <= LIMITS.keepBytes;
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            hash.update(c);
            if (wanted) chunks.push(c);
          });
          stream.on('error', (se: Error) => stop(fail(file, `entry "${name}" is damaged (${se.message})`)));
          stream.on('end', () => {
            out.push({ path: name, size, sha256: hash.digest('hex'), bytes: wanted ? Buffer.concat(chunks) : null });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
