/**
 * The job service: a job is cancelled by its id and hears it through its signal, an id in
 * use is refused, and only jobs that hold the case are named when a case switch is refused.
 */
import { describe, expect, it } from 'vitest';
import { JobService } from '../../electron/services/jobs/jobs.ts';

describe('jobs', () => {
  it('cancels a job by its id, refuses a second job with that id, and forgets it once done', async () => {
    const jobs = new JobService();
    let heard = false;
    const job = jobs.run({ id: 'j1', what: 'an import', holdsCase: true }, (signal) => {
      signal.addEventListener('abort', () => (heard = true));
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
    });
    await expect(jobs.run({ id: 'j1', what: 'an import', holdsCase: true }, async () => 'again')).rejects.toThrow(
      'A job with id j1 is already running',
    );
    expect(jobs.holdingCase()).toEqual(['an import']);
    expect(jobs.cancel('j1')).toBe(true);
    await expect(job).resolves.toBe('stopped');
    expect(heard).toBe(true);
    expect(jobs.cancel('j1')).toBe(false);
    expect(jobs.holdingCase()).toEqual([]);
  });

  it('names what holds the case once each, leaving out background work that does not', async () => {
    const jobs = new JobService();
    const gates: (() => void)[] = [];
    const wait = () => new Promise<void>((resolve) => gates.push(resolve));
    const all = [
      jobs.run({ id: 'a', what: 'an import', holdsCase: true }, wait),
      jobs.run({ id: 'b', what: 'an import', holdsCase: true }, wait),
      jobs.run({ what: 'a bundle job', holdsCase: true }, wait),
      jobs.run({ id: 'ocr', what: 'text recognition', holdsCase: false }, wait),
    ];
    expect(jobs.holdingCase()).toEqual(['an import', 'a bundle job']);
    for (const open of gates) open();
    await Promise.all(all);
    expect(jobs.holdingCase()).toEqual([]);
  });

  it('forgets a job that failed, so its id can be used again', async () => {
    const jobs = new JobService();
    await expect(
      jobs.run({ id: 'x', what: 'an import', holdsCase: true }, () => Promise.reject(new Error('bad file'))),
    ).rejects.toThrow('bad file');
    await expect(jobs.run({ id: 'x', what: 'an import', holdsCase: true }, async () => 'ok')).resolves.toBe('ok');
  });
});
