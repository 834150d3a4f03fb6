/** Finding the files an import names, and reading one into shared memory. */
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import { TEXT_EXTENSIONS } from './text.ts';

export const MAX_FILE_BYTES = 2 ** 31 - 1;
const SUPPORTED = new Set(['.pdf', ...TEXT_EXTENSIONS]);

export type FileKind = 'pdf' | 'text';

/** Expand files and folders (recursively) into the files to import, in a stable order. */
export function expandPaths(paths: readonly string[]): { file: string; missing?: boolean }[] {
  const out: { file: string; missing?: boolean }[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && SUPPORTED.has(path.extname(e.name).toLowerCase())) out.push({ file: full });
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      out.push({ file: abs, missing: true });
      continue;
    }
    if (stat.isDirectory()) walk(abs);
    else out.push({ file: abs });
  }
  return out;
}

/** Read a whole file into a SharedArrayBuffer, so workers can read it without copies. */
export function readShared(file: string): SharedArrayBuffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new ExhibitError(
      'unreadable-file',
      `${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      file,
    );
  }
  try {
    const { size } = fs.fstatSync(fd);
    if (size > MAX_FILE_BYTES) throw new ExhibitError('unsupported-file', `${file}: larger than 2 GiB`, file);
    if (size === 0) throw new ExhibitError('unreadable-file', `${file}: the file is empty`, file);
    const sab = new SharedArrayBuffer(size);
    const view = new Uint8Array(sab);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, view, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off !== size) throw new ExhibitError('unreadable-file', `${file}: changed while it was being read`, file);
    return sab;
  } finally {
    fs.closeSync(fd);
  }
}

/** Decide how to read a file: by its content for PDFs, by its name for text. */
export function detectKind(file: string, bytes: Uint8Array): FileKind {
  const ext = path.extname(file).toLowerCase();
  // A .pdf goes to pdf.js even without a header where it should be: damaged files often still open.
  if (ext === '.pdf') return 'pdf';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  throw new ExhibitError(
    'unsupported-file',
    `${file}: unsupported file type "${ext || 'none'}" (Exhibit imports .pdf, .txt and .md)`,
    file,
  );
}
