/**
 * OCR never reaches the network nor leaves files behind: a child process, every socket,
 * DNS lookup, http(s) request and fetch of which (in its main thread and its worker
 * threads) fails and is logged, draws and reads a page in a worker thread, from a working
 * folder, home and temp folder that must stay empty.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const GUARD = path.resolve('tests/fixtures/ocr/no-network.cjs');
const SCRIPT = path.resolve('tests/fixtures/ocr/read-offline.ts');

function runGuarded(mode: 'read' | 'probe') {
  const sandbox = tempDir('exhibit-ocr-offline-');
  const dirs = ['cwd', 'home', 'tmp'].map((d) => path.join(sandbox, d));
  for (const d of dirs) fs.mkdirSync(d);
  const netLog = path.join(sandbox, 'network.log');
  const run = spawnSync(process.execPath, ['--require', GUARD, SCRIPT, mode], {
    cwd: dirs[0],
    env: { PATH: process.env.PATH ?? '', HOME: dirs[1], TMPDIR: dirs[2], EXHIBIT_NET_LOG: netLog },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const attempts = fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8') : '';
  const leftBehind = dirs.flatMap((d) => fs.readdirSync(d).map((f) => path.join(path.basename(d), f)));
  const result = run.status === 0 ? (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>) : null;
  return { run, attempts, leftBehind, result };
}

describe('OCR privacy', () => {
  it('the guard catches a fetch from a worker thread (so its silence below means something)', () => {
    const { run, attempts, result } = runGuarded('probe');
    expect(run.status, run.stderr).toBe(0);
    expect(result).toEqual({ mainGuarded: true, workerGuarded: true, refused: true });
    expect(attempts).toBe('worker: fetch\n');
  });

  it('draws and reads a page with no network attempt and no files written', () => {
    const { run, attempts, leftBehind, result } = runGuarded('read');
    expect(run.status, run.stderr).toBe(0);
    expect(result).toMatchObject({ mainGuarded: true, workerGuarded: true });
    expect(result?.text).toBe('Privileged and confidential\nWitness statement of the complainant');
    expect(attempts).toBe('');
    expect(leftBehind).toEqual([]);
  });
});
