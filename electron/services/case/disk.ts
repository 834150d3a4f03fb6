/**
 * File-system helpers the case's stores share: flushing a file or a folder to the disk
 * (so a rename survives a crash), and telling whether the process that left a temp file
 * behind still runs (so only a dead writer's leftovers are swept).
 */
import fs from 'node:fs';

/** Flush a file's bytes to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename in `dir` durable (directories cannot be fsynced on Windows; the rename is durable enough there). */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether the process `pid` still runs (this one always does). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
