/**
 * Closing the extraction pool while a task runs (the app quitting, the fuzzer throwing a
 * hung pool away): the task is answered, and nothing of it is left running.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../electron/services/workers/pool.ts';
import { tempDir, writePdf } from './helpers.ts';

describe('closing the worker pool', () => {
  it('fails the task in flight instead of leaving it unanswered, its budget timer running', async () => {
    const bytes = fs.readFileSync(writePdf(tempDir(), 'letter.pdf', { pages: [{ lines: ['A letter'] }] }));
    const data = new SharedArrayBuffer(bytes.length);
    new Uint8Array(data).set(bytes);
    const pool = new WorkerPool({ size: 1, taskTimeoutMs: 600_000 });
    // The worker is still loading pdf.js when the pool closes, so the task is in flight.
    const task = pool.run({ type: 'open', key: 'letter', data, password: null });
    const settled = task.then(
      () => 'answered',
      (err: Error) => err.message,
    );
    await pool.close();
    const outcome = await Promise.race([settled, new Promise((r) => setTimeout(() => r('still waiting'), 5000))]);
    expect(outcome).toBe('the worker pool was closed');
  });
});
