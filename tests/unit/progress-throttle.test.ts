/**
 * Progress reaches the window at a pace it can paint, and its last word is the job's:
 * a flood of reports becomes a few events, a new step is told at once, and a report held
 * back is sent when its interval is up.
 */
import { describe, expect, it } from 'vitest';
import { throttleProgress } from '../../electron/services/jobs/throttle.ts';

type P = { phase: string; done: number; total: number };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('progress throttle', () => {
  it('turns thousands of reports of one step into a few events, telling each new step and step end at once', async () => {
    const sent: P[] = [];
    const report = throttleProgress<P>(
      (p) => sent.push(p),
      (p, prev) => p.phase !== prev?.phase || p.done === p.total,
      50,
    );
    for (let i = 0; i < 5000; i++) report({ phase: 'quotes', done: i, total: 5000 });
    // The first report of the step goes at once; the rest of a burst inside 50 ms is held.
    expect(sent.length).toBeLessThan(5);
    expect(sent[0]).toEqual({ phase: 'quotes', done: 0, total: 5000 });
    report({ phase: 'quotes', done: 5000, total: 5000 });
    expect(sent.at(-1)).toEqual({ phase: 'quotes', done: 5000, total: 5000 });
    report({ phase: 'zip', done: 0, total: 10 });
    expect(sent.at(-1)).toEqual({ phase: 'zip', done: 0, total: 10 });
  });

  it('sends the newest report held back once its interval is up, so the window never shows a stale count', async () => {
    const sent: P[] = [];
    const report = throttleProgress<P>(
      (p) => sent.push(p),
      (p, prev) => p.phase !== prev?.phase,
      30,
    );
    report({ phase: 'annotated', done: 0, total: 3 });
    report({ phase: 'annotated', done: 1, total: 3 });
    report({ phase: 'annotated', done: 2, total: 3 });
    expect(sent.map((p) => p.done)).toEqual([0]);
    await sleep(80);
    expect(sent.map((p) => p.done)).toEqual([0, 2]);
    // Nothing more is sent when nothing more was reported.
    await sleep(80);
    expect(sent).toHaveLength(2);
  });
});
