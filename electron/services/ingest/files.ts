/** Finding the files an import names, and reading one into shared memory. */
import fs from 'node:fs';
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import { sniffImage } from './image/sniff.ts';
import { TEXT_EXTENSIONS } from './text.ts';

export const MAX_FILE_BYTES = 2 ** 31 - 1;
/** Scans and photographs: decided by their content (image/sniff.ts), these names only say where to look. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];
const SUPPORTED = new Set(['.pdf', ...TEXT_EXTENSIONS, ...IMAGE_EXTENSIONS]);

export type FileKind = 'pdf' | 'text' | 'image';

/** Why a link met in a folder is not followed. */
export type SkipCode = 'link-outside' | 'link-dangling' | 'link-folder' | 'link-loop' | 'link-not-a-file' | 'link-unreadable';

/** One entry of an import: a file to read, a path that is not there, or a link left alone. */
export interface FoundFile {
  file: string;
  missing?: boolean;
  skipped?: { code: SkipCode; reason: string };
}

interface Candidate extends FoundFile {
  /** The file's real path (links resolved), so one file reached twice is imported once. */
  real?: string;
  viaLink?: boolean;
}

const supported = (name: string) => SUPPORTED.has(path.extname(name).toLowerCase());
const inside = (file: string, root: string) => {
  const rel = path.relative(root, file);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
};

/**
 * What a link found in a folder being imported leads to. A link to a file inside the
 * folder is followed; any other link is reported, naming it, and never followed: a folder
 * import takes only what is in the folder, and a link out (or to a folder, or in a loop)
 * could pull in anything on the machine or never end. `realDir` is the link's folder, resolved.
 */
function followLink(link: string, realDir: string, root: string): Candidate | null {
  const skip = (code: SkipCode, why: string): Candidate => ({
    file: link,
    skipped: { code, reason: `${link}: ${why}; skipped` },
  });
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(link);
    stat = fs.statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return skip('link-loop', 'a link in a loop of links');
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      return skip('link-unreadable', `a link that cannot be followed (${code ?? 'error'})`);
    return skip('link-dangling', `a link to ${readLink(link)}, which does not exist`);
  }
  if (stat.isDirectory())
    return realDir === target || inside(realDir, target)
      ? skip('link-loop', `a link back to ${target}, a folder that holds it (a loop); links to folders are not followed`)
      : skip('link-folder', `a link to the folder ${target}; links to folders are not followed`);
  if (!supported(link) && !supported(target)) return null;
  if (!inside(target, root)) return skip('link-outside', `a link to ${target}, outside the folder being imported`);
  if (!stat.isFile()) return skip('link-not-a-file', `a link to ${target}, which is not a regular file`);
  return supported(link) ? { file: link, real: target, viaLink: true } : null;
}

const readLink = (link: string) => {
  try {
    return fs.readlinkSync(link);
  } catch {
    return '?';
  }
};

/**
 * Expand files and folders (recursively) into the files to import, in a stable order.
 * A file named directly is read even through a link (the reviewer chose it); inside a
 * folder, links are followed only to files in that folder (see followLink). A file
 * reached more than once (by a link and directly, or named twice) is listed once, under
 * its own name when it was also met directly.
 */
export function expandPaths(paths: readonly string[]): FoundFile[] {
  const found: Candidate[] = [];
  const walk = (dir: string, realDir: string, root: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      // Folders reached through links are never walked, so a real path is the folder's real path plus the name.
      const real = path.join(realDir, e.name);
      if (e.isSymbolicLink()) {
        const link = followLink(full, realDir, root);
        if (link) found.push(link);
      } else if (e.isDirectory()) walk(full, real, root);
      else if (e.isFile() && supported(e.name)) found.push({ file: full, real });
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(abs);
      stat = fs.statSync(real);
    } catch {
      found.push({ file: abs, missing: true });
      continue;
    }
    if (stat.isDirectory()) walk(abs, real, real);
    else found.push({ file: abs, real });
  }
  return onePerFile(found);
}

/** Keep one entry per real file: the first met directly, else the first link to it. */
function onePerFile(found: Candidate[]): FoundFile[] {
  const chosen = new Map<string, Candidate>();
  for (const c of found) {
    if (c.real === undefined) continue;
    const had = chosen.get(c.real);
    if (!had || (had.viaLink && !c.viaLink)) chosen.set(c.real, c);
  }
  return found
    .filter((c) => c.real === undefined || chosen.get(c.real) === c)
    .map(({ file, missing, skipped }) => ({ file, ...(missing ? { missing } : {}), ...(skipped ? { skipped } : {}) }));
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
  // An image by its content, or by its name (then reading it says what is wrong with it).
  if (sniffImage(bytes) !== null || IMAGE_EXTENSIONS.includes(ext)) return 'image';
  if (TEXT_EXTENSIONS.includes(ext)) return 'text';
  throw new ExhibitError(
    'unsupported-file',
    `${file}: unsupported file type "${ext || 'none'}" (Exhibit imports .pdf, .txt, .md and .png, .jpg, .tif images)`,
    file,
  );
}
