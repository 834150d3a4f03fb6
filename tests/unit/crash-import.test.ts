/**
 * kill -9 during a real `exhibit import` of several PDFs and text files, at random
 * moments, round after round. After each kill the case must open intact, hold only
 * whole documents, and a second import must finish the set.
 *
 * The kill moments come from a seeded generator; the seed is printed, and
 * EXHIBIT_CRASH_SEED=<seed> replays the same moments (EXHIBIT_CRASH_ROUNDS runs more).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { blobPath, sha256Hex, sweepTempBlobs } from '../../electron/services/case/blobs.ts';
import { initCase, openCase } from '../../electron/services/case/case.ts';
import { importPaths } from '../../electron/services/ingest/import.ts';
import { WorkerPool } from '../../electron/services/workers/pool.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { expectConsistentCase } from './case-consistency.ts';
import { tempDir, writeFile, writePdf } from './helpers.ts';

const SEED = Number(process.env.EXHIBIT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.EXHIBIT_CRASH_ROUNDS ?? 20);
const CLI = path.resolve('electron/cli/exhibit.ts');

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.close());

/** Six small PDFs and three text files, different on every run of the generator. */
function writeInputs(dir: string, rand: () => number): number {
  for (let i = 0; i < 6; i++)
    writePdf(dir, `doc${i}.pdf`, { pages: Array.from({ length: 3 }, () => ({ lines: fillerLines(rand, 15) })) });
  for (let i = 0; i < 3; i++) writeFile(dir, `note${i}.txt`, fillerLines(rand, 120).join('\n'));
  return 9;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  /** Milliseconds from spawn to the first stored document, and to the child's exit. */
  firstDocMs: number;
  exitMs: number;
  killed: boolean;
}

/**
 * Run `exhibit import` in a child. With `killAt`, the child is killed (SIGKILL) once
 * `afterDocs` documents are stored plus `extraMs` — a moment inside the real import.
 */
async function runImport(caseDir: string, input: string, killAt?: { afterDocs: number; extraMs: number }): Promise<Run> {
  const start = Date.now();
  const child = spawn(process.execPath, [CLI, '--case', caseDir, '--json', 'import', input], {
    stdio: 'ignore',
    env: { ...process.env, EXHIBIT_REVIEWER: 'Crash Test' },
  });
  let exitMs = -1;
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      exitMs = Date.now() - start;
      r();
    }),
  );
  const watch = new BetterSqlite3(path.join(caseDir, 'case.sqlite'), { readonly: true });
  const stored = watch.prepare('SELECT count(*) FROM documents').pluck();
  let firstDocMs = -1;
  try {
    if (killAt?.afterDocs === 0) {
      await wait(killAt.extraMs);
    } else {
      const target = killAt?.afterDocs ?? 1;
      while (exitMs < 0 && (stored.get() as number) < target) await wait(3);
      firstDocMs = Date.now() - start;
      if (killAt) await wait(killAt.extraMs);
    }
    if (killAt && exitMs < 0) child.kill('SIGKILL');
    await exited;
  } finally {
    watch.close();
  }
  return { firstDocMs, exitMs, killed: child.signalCode === 'SIGKILL' };
}

describe('kill -9 during a multi-document import', () => {
  it(`leaves only whole documents and a case the next import completes (${ROUNDS} rounds, seed ${SEED})`, async () => {
    console.log(`crash-import: seed ${SEED} (replay with EXHIBIT_CRASH_SEED=${SEED})`);
    const rand = seededRandom(SEED);
    const dir = tempDir();
    const input = path.join(dir, 'in');
    const total = writeInputs(input, rand);
    const importAgain = async (caseDir: string) => {
      const store = openCase(caseDir);
      try {
        const state = expectConsistentCase(caseDir, store.db);
        const results = await importPaths(store, [input], { pool, actor: 'Crash Test' });
        expect(results.filter((r) => r.status === 'failed')).toEqual([]);
        expect(results.filter((r) => r.status === 'imported')).toHaveLength(total - state.documents);
        const after = expectConsistentCase(caseDir, store.db);
        expect(after.documents).toBe(total);
        expect(after.orphanBlobs).toEqual([]);
        // Temp files of the killed import's blob writes are swept by the next import.
        expect(after.tempFiles).toEqual([]);
        return state;
      } finally {
        store.close();
      }
    };

    // One uninterrupted run measures how long the import really takes on this machine.
    const calibration = path.join(dir, 'calibration');
    initCase(calibration, 'Crash Test').close();
    const full = await runImport(calibration, input);
    expect(full.killed).toBe(false);
    await importAgain(calibration);
    const perDocMs = (full.exitMs - full.firstDocMs) / total;
    console.log(`crash-import: full run ${full.exitMs} ms, first document after ${full.firstDocMs} ms`);

    const outcomes: string[] = [];
    let midway = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const caseDir = path.join(dir, `case-${round}`);
      initCase(caseDir, 'Crash Test').close();
      const afterDocs = Math.floor(rand() * total);
      // Before the first document: anywhere from the start up; after k documents: within one more.
      const extraMs = Math.round(rand() * (afterDocs === 0 ? full.firstDocMs : perDocMs));
      const run = await runImport(caseDir, input, { afterDocs, extraMs });
      const state = await importAgain(caseDir);
      if (run.killed && state.documents > 0 && state.documents < total) midway++;
      outcomes.push(
        `${round}: kill after ${afterDocs} doc(s) + ${extraMs} ms -> ${run.killed ? 'killed' : 'had finished'}, ` +
          `${state.documents}/${total} stored, ${state.orphanBlobs.length} orphan blob(s), ${state.tempFiles.length} temp file(s)`,
      );
    }
    console.log(`crash-import (seed ${SEED}):\n  ${outcomes.join('\n  ')}`);
    // The rounds must have hit the import while it was storing, not only before or after it.
    expect(midway).toBeGreaterThanOrEqual(Math.ceil(ROUNDS / 4));
  }, 180_000);
});

describe('temp files of blob writes', () => {
  it('are removed when the process that wrote them is gone, and kept while it runs', () => {
    const caseDir = path.join(tempDir(), 'case');
    initCase(caseDir, 'Crash Test').close();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const sha = sha256Hex(new TextEncoder().encode('a letter'));
    const dir = path.dirname(blobPath(caseDir, sha));
    fs.mkdirSync(dir, { recursive: true });
    const dead = path.join(dir, `.${sha}.${deadPid}.1700000000000.tmp`);
    const live = path.join(dir, `.${sha}.${process.pid}.1700000000000.tmp`);
    fs.writeFileSync(dead, 'a lett');
    fs.writeFileSync(live, 'a lett');
    expect(sweepTempBlobs(caseDir)).toBe(1);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });
});
