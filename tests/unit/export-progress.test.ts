/**
 * Export progress and cancel: the steps are reported in the order they run, each ending
 * at its total; a cancel at any step (the ZIP half-written included) leaves no temporary
 * file, nothing under the final name, and the case as it was. On a terminal the CLI draws
 * the same steps on stderr.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../electron/cli/output.ts';
import { progressBar } from '../../electron/cli/progress.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import type { StepProgress } from '../../electron/services/jobs/steps.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { ExhibitError } from '../../shared/errors.ts';
import type { BundlePhase, BundleProgress } from '../../shared/ipc/contract.ts';
import { blobFiles, count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const ORDER: BundlePhase[] = ['quotes', 'originals', 'annotated', 'reports', 'signing', 'zip'];

/** Two PDFs with a highlight each (one linked to an allegation) and a letter; about 1 MB of originals. */
async function reviewedCase(s = newCase()) {
  const dir = tempDir();
  // Filler pages make the originals big enough that the ZIP is written in many chunks.
  const filler = Array.from({ length: 40 }, (_, i) => `Annex line ${i}: ${'monitoring data '.repeat(6)}`);
  const docs = await importFiles(s, [
    writePdf(dir, 'report.pdf', {
      info: { title: 'NGO report' },
      pages: [{ lines: ['Phones of two journalists were infected.'] }, ...Array.from({ length: 60 }, () => ({ lines: filler }))],
    }),
    writePdf(dir, 'annex.pdf', {
      info: { title: 'Annex' },
      pages: [{ lines: ['The servers were located abroad.'] }, ...Array.from({ length: 60 }, () => ({ lines: filler }))],
    }),
    writeFile(dir, 'letter.txt', 'We deny that our product infected journalists.'),
  ]);
  const h1 = await callTyped(s.router, 'highlights.create', {
    documentId: docs[0]!.documentId!,
    targets: [{ page: 1, quote: 'two journalists were infected' }],
    note: 'Key finding',
  });
  await callTyped(s.router, 'highlights.create', {
    documentId: docs[1]!.documentId!,
    targets: [{ page: 1, quote: 'servers were located abroad' }],
  });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
  await callTyped(s.router, 'links.create', { highlightId: h1.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
  return s;
}

/** What a reviewer would call "the case": its rows and its blobs. */
function snapshot(s: ReturnType<typeof newCase>) {
  const rows = (sql: string) => s.store.db.prepare(sql).all();
  return {
    documents: count(s, 'documents'),
    audit: rows('SELECT * FROM audit ORDER BY seq'),
    highlights: rows('SELECT * FROM highlights ORDER BY id'),
    allegations: rows('SELECT * FROM allegations ORDER BY id'),
    blobs: blobFiles(s).sort(),
  };
}

const partials = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.partial'));

describe('export progress and cancel', () => {
  it('reports every step in order, each counting up to its total, then writes a bundle that verifies', async () => {
    const s = await reviewedCase();
    const events: StepProgress[] = [];
    const out = path.join(tempDir(), 'bundle.zip');
    await exportBundle(s.store, { out, reviewer: 'T', configDir: tempDir(), onProgress: (p) => events.push(p) });

    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(ORDER);
    for (const phase of ORDER) {
      const mine = events.filter((e) => e.phase === phase);
      const last = mine.at(-1)!;
      expect(last.done, phase).toBe(last.total);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.done, phase).toBeGreaterThanOrEqual(mine[i - 1]!.done);
      for (const e of mine) expect(e.done, phase).toBeLessThanOrEqual(e.total);
    }
    expect(events.find((e) => e.phase === 'quotes')!.total).toBe(2);
    expect(events.find((e) => e.phase === 'originals')!.total).toBe(3);
    // The annotated step names each PDF with a highlight as it starts on it; the letter is not a PDF.
    const annotated = events.filter((e) => e.phase === 'annotated' && e.item);
    expect(annotated.map((e) => e.item).sort()).toEqual(['Annex', 'NGO report']);
    expect(annotated.map((e) => e.done)).toEqual([0, 1]);
    expect(events.find((e) => e.phase === 'reports')!.total).toBe(4);
    expect(events.filter((e) => e.phase === 'zip').length).toBeGreaterThan(2);
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
  });

  for (const phase of ORDER.slice(0, -1)) {
    it(`cancelled while ${phase}: throws 'cancelled', writes nothing and leaves the case untouched`, async () => {
      const s = await reviewedCase();
      const before = snapshot(s);
      const dir = tempDir();
      const out = path.join(dir, 'bundle.zip');
      const controller = new AbortController();
      const seen: BundlePhase[] = [];
      const run = exportBundle(s.store, {
        out,
        reviewer: 'T',
        configDir: tempDir(),
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.phase);
          if (p.phase === phase) controller.abort();
        },
      });
      const err = await run.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExhibitError);
      expect(err).toMatchObject({ code: 'cancelled', subject: out });
      expect((err as Error).message).toBe(`The export was cancelled; nothing was written to ${out}`);
      // It stopped where it was: no later step started.
      expect(seen.slice(seen.indexOf(phase)).every((p) => p === phase)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(snapshot(s)).toEqual(before);
    });
  }

  it('cancelled while the ZIP is half written: the temporary file is removed and nothing is at the final name', async () => {
    const s = await reviewedCase();
    const before = snapshot(s);
    const dir = tempDir();
    const out = path.join(dir, 'bundle.zip');
    const controller = new AbortController();
    let partialSeen: string[] = [];
    let zipEvents = 0;
    const err = await exportBundle(s.store, {
      out,
      reviewer: 'T',
      configDir: tempDir(),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'zip' || controller.signal.aborted) return;
        zipEvents++;
        // Cancel only once the temporary file is on disk and part of the ZIP has gone in.
        const found = partials(dir);
        if (found.length > 0 && p.done > 0 && p.done < p.total) {
          partialSeen = found;
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(zipEvents).toBeGreaterThan(1);
    expect(partialSeen).toEqual([expect.stringMatching(new RegExp(`^bundle\\.zip\\.partial-${process.pid}-[0-9a-f-]{36}$`))]);
    expect(err).toMatchObject({ code: 'cancelled', subject: out });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(snapshot(s)).toEqual(before);

    // Nothing stale stands in the way of the next export to the same name.
    await exportBundle(s.store, { out, reviewer: 'T', configDir: tempDir() });
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
  });

  it("leaves another export's temp file for the same bundle alone, and still writes its own", async () => {
    const s = await reviewedCase();
    const dir = tempDir();
    const out = path.join(dir, 'bundle.zip');
    // What an export of the same file still under way in this process (or one that died) has written so far.
    const other = `${out}.partial-${process.pid}`;
    fs.writeFileSync(other, 'half of another bundle');
    await exportBundle(s.store, { out, reviewer: 'T', configDir: tempDir() });
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
    expect(fs.readFileSync(other, 'utf8')).toBe('half of another bundle');
    expect(fs.readdirSync(dir).sort()).toEqual(['bundle.zip', path.basename(other)]);
  });

  it('through the router: bundle.progress events name the job, and bundle.cancel stops it', async () => {
    const events: BundleProgress[] = [];
    const home = tempDir();
    const cancelled: boolean[] = [];
    const s = openServices({
      caseDir: path.join(tempDir(), 'case'),
      create: true,
      pool: { size: 1 },
      actor: () => 'Test Reviewer',
      configDir: path.join(home, 'config'),
      dataDir: path.join(home, 'data'),
      rememberCase: false,
      emit: (event, payload) => {
        if (event !== 'bundle.progress') return;
        const p = payload as BundleProgress;
        events.push(p);
        if (p.jobId === 'job-2' && p.phase === 'annotated' && cancelled.length === 0)
          void s.router.call('bundle.cancel', { jobId: 'job-2' }).then((r) => r.ok && cancelled.push(r.value as never));
      },
    });
    try {
      await reviewedCase(s);
      const dir = tempDir();
      const out = path.join(dir, 'whole.zip');
      await callTyped(s.router, 'bundle.export', { path: out, jobId: 'job-1' });
      const mine = events.filter((e) => e.jobId === 'job-1');
      expect(mine.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(ORDER);
      expect(mine.at(-1)).toMatchObject({ phase: 'zip' });
      expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);

      const out2 = path.join(dir, 'cancelled.zip');
      const res = await s.router.call('bundle.export', { path: out2, jobId: 'job-2' });
      expect(res).toMatchObject({ ok: false, error: { code: 'cancelled', subject: out2 } });
      expect(cancelled).toEqual([{ cancelled: true }]);
      expect(fs.readdirSync(dir)).toEqual(['whole.zip']);
      // A job that is no longer running cannot be cancelled.
      expect(await callTyped(s.router, 'bundle.cancel', { jobId: 'job-2' })).toEqual({ cancelled: false });
    } finally {
      await s.close();
    }
  });
});

describe('exhibit export on a terminal', () => {
  /** An Output whose stderr claims to be a terminal, collecting what is written to each stream. */
  function terminal(json = false) {
    const written = { stdout: '', stderr: '' };
    const sink = (key: 'stdout' | 'stderr') =>
      Object.assign(
        new Writable({
          write(chunk: Buffer, _enc, done) {
            written[key] += chunk.toString();
            done();
          },
        }),
        { isTTY: true },
      );
    const out = new Output({ stdout: sink('stdout'), stderr: sink('stderr'), env: {}, cwd: '/' }, json);
    return { out, written };
  }

  it('draws each step on one stderr line, and clears it before the result is printed', () => {
    const { out, written } = terminal();
    const bar = progressBar(out);
    const step = (phase: BundlePhase, done: number, total: number, item: string | null = null) =>
      bar.step({ jobId: 'j', phase, done, total, item });
    step('annotated', 0, 2, 'NGO report');
    step('annotated', 2, 2);
    step('zip', 512, 1024);
    out.record({}, () => 'Exported 12 file(s)');
    bar.done();
    const lines = written.stderr.split('\r\x1b[2K').filter(Boolean);
    expect(lines).toEqual([
      '[........................] Annotating PDFs: 1 of 2 PDFs (NGO report)',
      '[########################] Annotating PDFs: 2 of 2 PDFs',
      '[############............] Writing the ZIP: 50%',
    ]);
    // The bar's line was cleared just before the result, and not again after it.
    expect(written.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(written.stdout).toBe('Exported 12 file(s)\n');
  });

  it('draws nothing in --json mode', () => {
    const { out, written } = terminal(true);
    const bar = progressBar(out);
    bar.step({ jobId: 'j', phase: 'zip', done: 1, total: 2, item: null });
    bar.done();
    expect(written.stderr).toBe('');
  });

  // `script` gives the command a real terminal; without it (not Debian's util-linux) there is no TTY to test.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('shows the steps of `exhibit export` in a terminal, and none when stderr is not one', async () => {
    const s = await reviewedCase();
    const caseDir = s.store.dir;
    await s.close();
    const home = tempDir('exhibit-home-');
    const out = path.join(tempDir(), 'bundle.zip');
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), EXHIBIT_REVIEWER: 'T' };
    const cli = [process.execPath, path.resolve('electron/cli/exhibit.ts'), '--case', caseDir, 'export', '--out', out];
    const quoted = cli.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    const tty = spawnSync('script', ['-qec', quoted, '/dev/null'], { encoding: 'utf8', env });
    expect(tty.status).toBe(0);
    const shown = tty.stdout.split('\r\x1b[2K').map((l) => l.replace(/^\[[#.]+\] /, ''));
    const steps = [
      'Checking each quote',
      'Reading the originals',
      'Annotating PDFs',
      'Writing the reports',
      'Hashing and signing',
      'Writing the ZIP',
    ];
    const firstSeen = steps.map((st) => shown.findIndex((l) => l.startsWith(st)));
    expect(firstSeen.every((i) => i >= 0)).toBe(true);
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
    // The payload: among the rest, each PDF's original and the pages it carries.
    expect(shown.at(-1)).toMatch(/^Exported 16 file\(s\) to .*bundle\.zip/);

    fs.rmSync(out);
    const piped = spawnSync(cli[0]!, cli.slice(1), { encoding: 'utf8', env });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/^Exported 16 file\(s\)/);
  });
});
