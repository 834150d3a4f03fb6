/** What the numbers were measured on, so results from different machines are not compared blindly. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import BetterSqlite3 from 'better-sqlite3';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  node: string;
  sqlite: string;
  pdfjs: string;
  poppler: string | null;
  commit: string | null;
}

function quiet(cmd: string, args: string[]): string | null {
  // pdftotext prints its version on stderr, git on stdout: take whichever has it.
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout.trim() || r.stderr.trim() || null;
}

/** Describe this machine and the versions under test. */
export function machineInfo(repoRoot: string): MachineInfo {
  const mem = new BetterSqlite3(':memory:');
  const sqlite = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  const require = createRequire(import.meta.url);
  const pdfjs = (require('pdfjs-dist/package.json') as { version: string }).version;
  const poppler = quiet('pdftotext', ['-v'])?.split('\n')[0] ?? null;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    pdfjs,
    poppler: poppler?.startsWith('pdftotext') ? poppler : null,
    commit: quiet('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']),
  };
}
