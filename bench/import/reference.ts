/** Timing poppler's pdftotext on a file: the reference our extraction is held against. */
import { spawn, spawnSync } from 'node:child_process';

/** Whether pdftotext can be run here. */
export function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Page count as poppler sees it (pdfinfo), or null when pdfinfo is missing or fails. */
export function popplerPageCount(file: string): number | null {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = r.status === 0 ? /^Pages:\s+(\d+)/m.exec(r.stdout) : null;
  return m ? Number(m[1]) : null;
}

/** Wall-clock ms of one `pdftotext FILE /dev/null`, process start to exit. */
export function timePdftotext(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('pdftotext', [file, '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`pdftotext ${file} exited with ${code}: ${stderr.trim()}`));
    });
  });
}
