/** Shared test setup: temp folders, real cases, generated PDFs, the real CLI. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { buildPdf, type PdfSpec } from '../fixtures/pdf-builder.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import type { ImportResult } from '../../shared/ipc/contract.ts';
import type { PoolOptions } from '../../electron/services/workers/pool.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'exhibit-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new case with real SQLite and a real extraction pool, closed after the test. */
export function newCase(pool: PoolOptions = { size: 2 }): Services {
  const home = tempDir('exhibit-user-');
  const s = openServices({
    caseDir: path.join(tempDir(), 'case'),
    create: true,
    pool,
    actor: () => 'Test Reviewer',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    sampleDir: path.resolve('resources', 'sample'),
  });
  cleanups.push(() => s.close());
  return s;
}

/** Write a generated PDF and return its path. */
export function writePdf(dir: string, name: string, spec: PdfSpec): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buildPdf(spec));
  return file;
}

/** Write a file with the given content and return its path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

let job = 0;
/** Import through the router, as the UI does. */
export function importFiles(s: Services, paths: string[], extra: { password?: string } = {}): Promise<ImportResult[]> {
  return callTyped(s.router, 'import.start', { jobId: `job-${++job}`, paths, ...extra });
}

/** Count rows of a table (to show that a failure stored nothing). */
export function count(s: Services, table: 'documents' | 'pages' | 'audit'): number {
  return (s.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every blob file in the case. */
export function blobFiles(s: Services): string[] {
  const root = path.join(s.store.dir, 'blobs');
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile())
    : [];
}

const CLI = path.resolve('electron/cli/exhibit.ts');

/** Run the real `exhibit` command in its own process, with its own data folders. */
export function exhibit(args: string[], env: Record<string, string> = {}) {
  const home = env.HOME ?? tempDir('exhibit-home-');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      EXHIBIT_REVIEWER: 'CLI Tester',
      ...env,
    },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    lines: () =>
      r.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}
