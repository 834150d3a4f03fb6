/**
 * Content-addressed storage of originals: blobs/sha256/ab/abcdef…, written once
 * through a temp file, fsync and rename, and never modified afterwards.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, processAlive } from './disk.ts';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Path of the blob holding the bytes with this SHA-256. */
export function blobPath(caseDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return path.join(caseDir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);
}

/**
 * Store bytes under their hash. Returns true when a new blob was written, false when
 * an identical one was already there. A failed write (a full disk, say) leaves no temp
 * file behind and rethrows the file system's error.
 */
export function writeBlob(caseDir: string, sha256: string, bytes: Uint8Array): boolean {
  const target = blobPath(caseDir, sha256);
  if (fs.existsSync(target)) return false;
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${sha256}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o444);
    try {
      // write() may store fewer bytes than asked (near a full disk, or past 2 GB on Linux).
      for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
  return true;
}

/**
 * Remove temp files left by blob writes whose process died (a crash or kill mid-import).
 * Temp files of live processes, which may be writing right now, are kept.
 */
export function sweepTempBlobs(caseDir: string): number {
  const root = path.join(caseDir, 'blobs', 'sha256');
  let removed = 0;
  for (const sub of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const dir = path.join(root, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) {
      const m = /^\.[0-9a-f]{64}\.(\d+)\.\d+\.tmp$/.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Remove a blob written by an import that did not complete. */
export function discardBlob(caseDir: string, sha256: string): void {
  fs.rmSync(blobPath(caseDir, sha256), { force: true });
}
