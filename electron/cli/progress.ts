/** A one-line progress bar on stderr for long imports (terminals only). */
import type { ImportProgress } from '../../shared/ipc/contract.ts';
import type { Output } from './output.ts';

/** Returns an update function and a finish function that clears the line. */
export function progressBar(out: Output): { update(p: ImportProgress): void; done(): void } {
  if (!out.interactive) return { update: () => undefined, done: () => undefined };
  const stream = out.io.stderr;
  let last = 0;
  const draw = (p: ImportProgress) => {
    const width = 24;
    const filled = p.filesTotal ? Math.round((p.filesDone / p.filesTotal) * width) : 0;
    const name = p.currentFile ? p.currentFile.split(/[\\/]/).pop()! : '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.filesDone}/${p.filesTotal} files, ${p.pagesDone} pages  ${name}`;
    stream.write(`\r\x1b[2K${line.slice(0, 110)}`);
  };
  return {
    update(p) {
      const now = Date.now();
      // Redraw at most ~12 times a second; the terminal is slower than the import.
      if (now - last < 80 && p.filesDone !== p.filesTotal) return;
      last = now;
      draw(p);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
