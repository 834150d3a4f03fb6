/**
 * Content-addressed storage of originals: blobs/sha256/ab/abcdef…, written once
 * through a temp file, fsync and rename, and never modified afterwards.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Path of the blob holding the bytes with this SHA-256. */
export function blobPath(caseDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return path.join(caseDir, 'blobs', 'sha256', sha256.slice(0, 2), sha256);
}

function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Store bytes under their hash. Returns true when a new blob was written, false when
 * an identical one was already there.
 */
export function writeBlob(caseDir: string, sha256: string, bytes: Uint8Array): boolean {
  const target = blobPath(caseDir, sha256);
  if (fs.existsSync(target)) return false;
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${sha256}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o444);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
  fsyncDir(dir);
  return true;
}

/** Remove a blob written by an import that did not complete. */
export function discardBlob(caseDir: string, sha256: string): void {
  fs.rmSync(blobPath(caseDir, sha256), { force: true });
}
