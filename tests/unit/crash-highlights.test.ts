/**
 * kill -9 while highlights are being saved one by one: every highlight the engine
 * acknowledged before the kill must be in the case exactly as acknowledged, with at
 * most the one save in flight added whole. The kill moments come from a seeded
 * generator; the seed is printed, and EXHIBIT_CRASH_SEED=<seed> replays them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from '../../electron/services/case/case.ts';
import { getHighlight } from '../../electron/services/highlights/highlights.ts';
import type { Highlight } from '../../shared/ipc/contract.ts';
import { highlightDocument, highlightSpec } from '../fixtures/highlight-specs.ts';
import { seededRandom } from '../fixtures/pdf-builder.ts';
import { expectConsistentCase } from './case-consistency.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const SEED = Number(process.env.EXHIBIT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = 4;
const SAVES = 1000;
const CHILD = path.resolve('tests/fixtures/save-highlights.ts');

/**
 * Run the saving child and kill it once `killAfter` acknowledgements have arrived, plus
 * `jitter` (0..1) of twice the time one save takes, so the kill lands anywhere in a save.
 */
async function saveUntilKilled(
  caseDir: string,
  documentId: string,
  first: number,
  killAfter: number,
  jitter: number,
): Promise<{ acked: { i: number; highlight: Highlight }[]; killed: boolean }> {
  const child = spawn(process.execPath, [CHILD, caseDir, documentId, String(first), String(SAVES)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: { i: number; highlight: Highlight }[] = [];
  let pending = '';
  let firstAck = 0;
  let scheduled = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) acked.push(JSON.parse(line));
    if (acked.length > 0 && firstAck === 0) firstAck = performance.now();
    if (acked.length >= killAfter && !scheduled) {
      scheduled = true;
      const perSave = acked.length > 1 ? (performance.now() - firstAck) / (acked.length - 1) : 0;
      setTimeout(() => child.kill('SIGKILL'), jitter * 2 * perSave);
    }
  });
  // 'close' comes after the pipe is drained: every line written before the kill is read.
  await new Promise((r) => child.once('close', r));
  return { acked, killed: child.signalCode === 'SIGKILL' };
}

describe('kill -9 during highlight saves', () => {
  it(`loses no acknowledged highlight (${ROUNDS} rounds of up to ${SAVES} saves, seed ${SEED})`, async () => {
    console.log(`crash-highlights: seed ${SEED} (replay with EXHIBIT_CRASH_SEED=${SEED})`);
    const rand = seededRandom(SEED);
    const s = newCase();
    const [doc] = await importFiles(s, [writePdf(tempDir(), 'ledger.pdf', highlightDocument)]);
    const caseDir = s.store.dir;
    await s.close();

    let first = 0;
    let killedRounds = 0;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 1 + Math.floor(rand() * (SAVES - 50));
      const jitter = rand();
      const { acked, killed } = await saveUntilKilled(caseDir, doc!.documentId!, first, killAfter, jitter);
      // On a loaded machine the acknowledgements can reach this process late enough that the
      // child has made all its saves before the kill is sent; such a round is still checked.
      expect(killed || acked.length === SAVES, `round ${round} was killed (or made every save first)`).toBe(true);
      if (killed) killedRounds++;
      const store = openCase(caseDir);
      try {
        const state = expectConsistentCase(caseDir, store.db);
        for (const { i, highlight } of acked) {
          const stored = getHighlight(store.db, highlight.highlightId);
          expect(stored, `acknowledged highlight ${i}`).toEqual(highlight);
          const spec = highlightSpec(i);
          expect(stored.targets.map((t) => ({ page: t.page, quote: t.quote.exact }))).toEqual(spec.targets);
          expect(stored.note).toBe(spec.note);
        }
        // Saves were sequential: besides the acknowledged ones, at most the save in flight committed.
        const inFlight = state.highlights - first - acked.length;
        expect([0, 1], 'highlights committed beyond the acknowledged ones').toContain(inFlight);
        outcomes.push(
          `${round}: kill after ${killAfter} acks (+${jitter.toFixed(2)}) -> ${killed ? '' : 'finished first, '}${acked.length} acknowledged, ${inFlight} more committed`,
        );
        first = state.highlights;
      } finally {
        store.close();
      }
    }
    console.log(`crash-highlights (seed ${SEED}):\n  ${outcomes.join('\n  ')}`);
    expect(killedRounds, 'rounds killed mid-run').toBeGreaterThanOrEqual(1);
  }, 120_000);
});
