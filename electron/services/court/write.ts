/**
 * Writing a finished bundle file: to a temporary name beside it, synced, then renamed, so a
 * reader never sees a partial file under the final name; removed on any failure or cancel.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { diskFullError, ExhibitError, isDiskFull } from '../../../shared/errors.ts';
import { throwIfCancelled } from '../jobs/steps.ts';

export async function writeAtomically(out: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  // Its own name: another build to the same file (or one that died leaving its temp file) is never reused.
  const tmp = `${out}.partial-${process.pid}-${randomUUID()}`;
  try {
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx' });
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Written in full: a cancel that arrives now still leaves nothing under the final name.
    throwIfCancelled(signal);
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof ExhibitError) throw err;
    if (isDiskFull(err))
      throw diskFullError(path.dirname(out), `${out}: the bundle was not written (nothing was left under that name)`, out);
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExhibitError('unreadable-file', `${out}: the bundle could not be written (${code ?? (err as Error).message})`, out);
  }
}
