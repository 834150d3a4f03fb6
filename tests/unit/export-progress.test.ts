/**
 * Export progress and cancel: the steps are reported in the order they run, each ending
 * at its total; a cancel at any step (the ZIP half-written included) leaves no temporary
 * file, nothing under the final name, and the case as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import type { StepProgress } from '../../electron/services/bundle/steps.ts';
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
    // The annotated step names each PDF with a highlight, in turn; the letter is not a PDF.
    expect(events.filter((e) => e.phase === 'annotated' && e.item).map((e) => e.item)).toEqual(['NGO report', 'Annex']);
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
    expect(partialSeen).toEqual([`bundle.zip.partial-${process.pid}`]);
    expect(err).toMatchObject({ code: 'cancelled', subject: out });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(snapshot(s)).toEqual(before);

    // Nothing stale stands in the way of the next export to the same name.
    await exportBundle(s.store, { out, reviewer: 'T', configDir: tempDir() });
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
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
