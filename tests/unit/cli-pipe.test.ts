/**
 * `exhibit documents | head -1`: the reader takes one line and closes the pipe. The
 * command must end quietly (no stack trace, nothing on stderr) however much it had left
 * to print. The output here is well over what a pipe holds (64 KiB on Linux), so the
 * command is still writing when the reader goes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibit, writeFile } from './helpers.ts';

const CLI = path.resolve('electron/cli/exhibit.ts');
const PIPE_BYTES = 64 * 1024;

// One case for every test of the file (helpers' tempDir is removed after each test).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-pipe-'));
const home = path.join(dir, 'home');
const caseDir = path.join(dir, 'case');
let docId: string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  // Long titles make a long listing without a slow import.
  const padding = 'letter from the ministry of foreign affairs to the special rapporteurs '.repeat(3).trim();
  for (let i = 0; i < 500; i++) writeFile(dir, `in/${String(i).padStart(3, '0')} ${padding}.txt`, `Letter number ${i}`);
  writeFile(
    dir,
    'in/log.txt',
    Array.from({ length: 3000 }, (_, i) => `Log page ${i + 1}: the device contacted the server.`).join('\f'),
  );
  expect(exhibit(['init', caseDir], { HOME: home }).code).toBe(0);
  expect(exhibit(['--case', caseDir, 'import', path.join(dir, 'in')], { HOME: home }).code).toBe(0);
  docId = exhibit(['--case', caseDir, '--json', 'documents'], { HOME: home })
    .lines()
    .find((d) => d.title === 'log').documentId;
}, 120_000);

/** Run the real CLI with a reader on stdout that closes the pipe after the first line. */
function firstLineThenClose(
  args: string[],
): Promise<{ line: string; stderr: string; code: number | null; signal: string | null }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
    },
  });
  let read = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  child.stdout.on('data', (chunk: string) => {
    read += chunk;
    if (read.includes('\n')) child.stdout.destroy();
  });
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ line: read.split('\n')[0]!, stderr, code, signal })),
  );
}

describe('a reader that closes the pipe early', () => {
  const commands: [string, () => string[], RegExp][] = [
    ['documents', () => ['documents'], /^[0-9a-f]{8} {2}text +1 p {2}000 letter from the ministry/],
    ['--json documents', () => ['--json', 'documents'], /^\{"documentId":"[0-9a-f-]{36}","title":"000 letter/],
    ['show DOC', () => ['show', docId.slice(0, 8)], /^--- page 1 ---$/],
  ];

  it.each(commands)('exhibit %s | head -1 ends quietly with status 0', async (_name, args, first) => {
    const full = exhibit(['--case', caseDir, ...args()], { HOME: home });
    expect(full.code).toBe(0);
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(PIPE_BYTES);

    const r = await firstLineThenClose(['--case', caseDir, ...args()]);
    expect(r.line).toMatch(first);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, signal: null });
  });
});
