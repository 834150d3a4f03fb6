/**
 * Cancelling a bundle import: at each step (the check, the originals half streamed out of
 * the ZIP, the extraction, the moment before the merge) the import stops with the
 * 'cancelled' error, removes its staging folder, and leaves the case exactly as it was —
 * its rows, its audit log and its blob files. The same bundle then imports in full.
 * Through the router, bundle.cancel stops an import or a check named by its job id, and
 * Ctrl+C stops `exhibit import-bundle` the same way.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import type { StepProgress } from '../../electron/services/jobs/steps.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { ExhibitError } from '../../shared/errors.ts';
import type { BundlePhase, BundleProgress } from '../../shared/ipc/contract.ts';
import { resealBundle } from '../fixtures/reseal.ts';
import { readAll } from '../fixtures/zip.ts';
import { blobFiles, count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

let home: string;
let bundle: string;
/** The same bundle as an earlier Exhibit wrote it, carrying no pages: its PDFs are extracted on import. */
let older: string;

/** Services on a case of their own, not removed after each test (the bundle's source). */
function openCase(dir: string, emit?: (event: string, payload: unknown) => void): Services {
  return openServices({
    caseDir: path.join(dir, 'case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'A. Colleague',
    configDir: path.join(dir, 'config'),
    dataDir: path.join(dir, 'data'),
    rememberCase: false,
    emit,
  });
}

/** A colleague's bundle: two 60-page PDFs (large enough to stream in many chunks) and a letter, with review work. */
beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-import-cancel-'));
  const s = openCase(home);
  try {
    const filler = Array.from({ length: 40 }, (_, i) => `Annex line ${i}: ${'monitoring data '.repeat(6)}`);
    const pages = (first: string) => [{ lines: [first] }, ...Array.from({ length: 60 }, () => ({ lines: filler }))];
    const [report, annex] = await importFiles(s, [
      writePdf(home, 'report.pdf', { info: { title: 'NGO report' }, pages: pages('Phones of two journalists were infected.') }),
      writePdf(home, 'annex.pdf', { info: { title: 'Annex' }, pages: pages('The servers were located abroad.') }),
      writeFile(home, 'letter.txt', 'We deny that our product infected journalists.'),
    ]);
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: report!.documentId!,
      targets: [{ page: 1, quote: 'two journalists were infected' }],
    });
    await callTyped(s.router, 'highlights.create', {
      documentId: annex!.documentId!,
      targets: [{ page: 1, quote: 'servers were located abroad' }],
    });
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
    bundle = path.join(home, 'colleague.zip');
    await exportBundle(s.store, { out: bundle, reviewer: 'A. Colleague', configDir: path.join(home, 'config') });
    older = path.join(home, 'older.zip');
    await resealBundle(bundle, older, reviewerKey(path.join(home, 'config')), {
      files: (files) => {
        for (const name of [...files.keys()]) if (name.startsWith('data/pages/')) files.delete(name);
      },
    });
  } finally {
    await s.close();
  }
}, 60_000);

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** The colleague's key, which the reviewer accepts for these imports (their case does not list it). */
const colleagueKey = () => reviewerKey(path.join(home, 'config')).fingerprint;

/** The reviewer's own case, with work of its own for the cancelled import to leave alone. */
async function ownCase(s = newCase({ size: 1 })): Promise<Services> {
  const dir = tempDir();
  const [doc] = await importFiles(s, [
    writePdf(dir, 'memo.pdf', { info: { title: 'Memo' }, pages: [{ lines: ['The export licence was granted in May.'] }] }),
  ]);
  const h = await callTyped(s.router, 'highlights.create', {
    documentId: doc!.documentId!,
    targets: [{ page: 1, quote: 'export licence was granted' }],
  });
  const [a] = await callTyped(s.router, 'allegations.import', { text: '- Licences were misused' });
  await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a!.allegationId, stance: 'context' });
  return s;
}

/** Everything a cancelled import must not change, and any staging folder left behind. */
function snapshot(s: Services) {
  const rows = (sql: string) => s.store.db.prepare(sql).all();
  return {
    documents: rows('SELECT * FROM documents ORDER BY id'),
    pages: count(s, 'pages'),
    highlights: rows('SELECT * FROM highlights ORDER BY id'),
    targets: rows('SELECT * FROM highlight_targets ORDER BY rowid'),
    allegations: rows('SELECT * FROM allegations ORDER BY id'),
    links: rows('SELECT * FROM links ORDER BY rowid'),
    audit: rows('SELECT * FROM audit ORDER BY seq'),
    blobs: blobFiles(s).sort(),
    staging: stagingFolders(s),
  };
}

const stagingFolders = (s: Services) => fs.readdirSync(s.store.dir).filter((f) => f.startsWith('.staging-'));

const cancelledMessage = (file = bundle) =>
  `The import of ${path.basename(file)} was cancelled; nothing was imported and the case is unchanged`;

/** Import the bundle, aborting when `when` says so; resolves to what it threw. */
async function cancelledImport(s: Services, when: (p: StepProgress, controller: AbortController) => void, file = bundle) {
  const controller = new AbortController();
  const seen: StepProgress[] = [];
  const err = await importBundle(s.store, file, {
    pool: s.pool,
    actor: 'Test Reviewer',
    signal: controller.signal,
    onProgress: (p) => {
      seen.push(p);
      if (!controller.signal.aborted) when(p, controller);
    },
  }).catch((e: unknown) => e);
  return { err, seen, phases: seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]) };
}

/** After a cancel, the same bundle imports in full. */
async function importsInFull(s: Services, file = bundle) {
  const r = await importBundle(s.store, file, { pool: s.pool, actor: 'Test Reviewer' });
  expect(r).toMatchObject({
    documents: { added: 3, known: 0 },
    allegations: { added: 1 },
    highlights: { added: 2 },
    links: { added: 1 },
  });
  expect(count(s, 'documents')).toBe(4);
  expect(blobFiles(s)).toHaveLength(4);
  expect(stagingFolders(s)).toEqual([]);
  expect((await callTyped(s.router, 'audit.verify', {})).ok).toBe(true);
}

describe('cancelling a bundle import', () => {
  it('reports its steps in order: verifying, staging (in bytes), documents, merging', async () => {
    const s = await ownCase();
    const { err, seen, phases } = await cancelledImport(s, () => undefined);
    expect(err).toMatchObject({ documents: { added: 3 } });
    expect(phases).toEqual(['verifying', 'staging', 'documents', 'merging']);
    const staging = seen.filter((p) => p.phase === 'staging');
    // The two PDFs stream in many chunks, each named by its document.
    expect(staging.length).toBeGreaterThan(4);
    expect(new Set(staging.map((p) => p.item).filter(Boolean))).toEqual(new Set(['NGO report', 'Annex', 'letter']));
    expect(staging.at(-1)!.done).toBe(staging.at(-1)!.total);
    // The originals and the pages the bundle carries for its PDFs, all streamed out of the ZIP.
    const originals = ['report.pdf', 'annex.pdf', 'letter.txt'].reduce((n, f) => n + fs.statSync(path.join(home, f)).size, 0);
    const carried = [...(await readAll(bundle))].filter(([n]) => n.startsWith('data/pages/'));
    expect(carried).toHaveLength(2);
    const total = carried.reduce((n, [, b]) => n + b.length, originals);
    expect(staging.every((p) => p.total === total)).toBe(true);
    expect(seen.filter((p) => p.phase === 'documents').at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  const at: [string, (p: StepProgress, c: AbortController) => void, BundlePhase][] = [
    ['as the check starts', (p, c) => p.phase === 'verifying' && c.abort(), 'verifying'],
    ['once the check is done', (p, c) => p.phase === 'verifying' && p.done === 1 && c.abort(), 'verifying'],
    ['as the originals start to stream', (p, c) => p.phase === 'staging' && c.abort(), 'staging'],
    ['as the extraction starts', (p, c) => p.phase === 'documents' && c.abort(), 'documents'],
    ['between two documents', (p, c) => p.phase === 'documents' && p.done === 1 && c.abort(), 'documents'],
    ['just before the merge', (p, c) => p.phase === 'merging' && c.abort(), 'merging'],
  ];
  for (const [when, trigger, last] of at) {
    it(`cancelled ${when}: nothing is imported, no staging folder is left, and a later import succeeds`, async () => {
      const s = await ownCase();
      const before = snapshot(s);
      const { err, seen, phases } = await cancelledImport(s, trigger);
      expect(err).toBeInstanceOf(ExhibitError);
      expect(err).toMatchObject({ code: 'cancelled', subject: bundle, message: cancelledMessage() });
      // It stopped where it was: no later step started.
      expect(phases.at(-1)).toBe(last);
      expect(seen.some((p) => p.phase === 'merging' && p.done === 1)).toBe(false);
      expect(snapshot(s)).toEqual(before);
      await importsInFull(s);
    });
  }

  it('cancelled while an original is half streamed out of the ZIP: the stream stops and the staging folder goes', async () => {
    const s = await ownCase();
    const before = snapshot(s);
    let during: string[] = [];
    let cancelledAt: StepProgress | null = null;
    const { err, seen } = await cancelledImport(s, (p, c) => {
      // A chunk of the first original (each PDF is many chunks long).
      if (p.phase === 'staging' && p.done > 0 && p.done < p.total) {
        during = stagingFolders(s);
        cancelledAt = p;
        c.abort();
      }
    });
    expect(err).toMatchObject({ code: 'cancelled', message: cancelledMessage() });
    expect(during).toHaveLength(1);
    // Not one more chunk was copied once it was cancelled, not even of the entry under way.
    const staging = seen.filter((p) => p.phase === 'staging');
    expect(staging.at(-1)).toBe(cancelledAt);
    const smallestPdf = Math.min(...['report.pdf', 'annex.pdf'].map((f) => fs.statSync(path.join(home, f)).size));
    expect(staging.at(-1)!.done).toBeLessThan(smallestPdf);
    expect(seen.some((p) => p.phase === 'documents')).toBe(false);
    expect(snapshot(s)).toEqual(before);
    await importsInFull(s);
  });

  // A bundle that carries its PDFs' pages never hands them to a worker; an older one does.
  it('cancelled while a PDF of an older bundle is being extracted: its worker is stopped and the pool still works', async () => {
    const s = await ownCase();
    const before = snapshot(s);
    const { err, seen } = await cancelledImport(
      s,
      (p, c) => {
        // The lane hands the first PDF to the worker right after this event; cancel once it has.
        if (p.phase === 'documents' && p.done === 0) setImmediate(() => c.abort());
      },
      older,
    );
    expect(err).toMatchObject({ code: 'cancelled', message: cancelledMessage(older) });
    expect(seen.filter((p) => p.phase === 'documents').map((p) => p.done)).toEqual([0]);
    expect(snapshot(s)).toEqual(before);
    await importsInFull(s, older);
  });

  it('a cancel that comes after the merge changes nothing: the import stands', async () => {
    const s = await ownCase();
    const controller = new AbortController();
    const r = await importBundle(s.store, bundle, { pool: s.pool, actor: 'Test Reviewer', signal: controller.signal });
    controller.abort();
    expect(r.documents.added).toBe(3);
    expect(count(s, 'documents')).toBe(4);
  });
});

describe('bundle.cancel for imports and checks', () => {
  it('stops an import named by its job id, and then the same bundle imports', async () => {
    const events: BundleProgress[] = [];
    const answers: unknown[] = [];
    const dir = tempDir();
    const s = openCase(dir, (event, payload) => {
      if (event !== 'bundle.progress') return;
      const p = payload as BundleProgress;
      events.push(p);
      if (p.jobId === 'imp-1' && p.phase === 'staging' && answers.length === 0) {
        answers.push('pending');
        void callTyped(s.router, 'bundle.cancel', { jobId: 'imp-1' }).then((r) => (answers[0] = r));
      }
    });
    try {
      await ownCase(s);
      const before = snapshot(s);
      const res = await s.router.call('bundle.import', { path: bundle, jobId: 'imp-1', acceptSigner: colleagueKey() });
      expect(res).toMatchObject({ ok: false, error: { code: 'cancelled', subject: bundle, message: cancelledMessage() } });
      expect(answers).toEqual([{ cancelled: true }]);
      expect(events.filter((e) => e.jobId === 'imp-1').some((e) => e.phase === 'documents')).toBe(false);
      expect(snapshot(s)).toEqual(before);
      // The job is over: cancelling it again finds nothing, and its id can be used again.
      expect(await callTyped(s.router, 'bundle.cancel', { jobId: 'imp-1' })).toEqual({ cancelled: false });
      const r = await callTyped(s.router, 'bundle.import', {
        path: bundle,
        jobId: 'imp-2',
        acceptSigner: colleagueKey(),
      });
      expect(r.documents.added).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('stops a check named by its job id', async () => {
    const s = newCase({ size: 1 });
    const running = s.router.call('bundle.verify', { path: bundle, jobId: 'check-1' });
    expect(await callTyped(s.router, 'bundle.cancel', { jobId: 'check-1' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await callTyped(s.router, 'bundle.verify', { path: bundle, jobId: 'check-1' })).toMatchObject({ ok: true });
  });
});

describe('exhibit import-bundle and Ctrl+C', () => {
  it('cancels the import, says nothing was imported and leaves the case as it was; run again, it imports', async () => {
    const s = await ownCase();
    const caseDir = s.store.dir;
    await s.close();
    const home = tempDir('exhibit-home-');
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), EXHIBIT_REVIEWER: 'T' };
    const cli = [
      path.resolve('electron/cli/exhibit.ts'),
      '--case',
      caseDir,
      'import-bundle',
      bundle,
      '--accept-signer',
      colleagueKey(),
    ];
    const run = (interrupt: boolean) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, cli, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out = { stdout: '', stderr: '' };
        child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
        // Ctrl+C once the import is under way: its staging folder has appeared.
        const watcher = interrupt
          ? fs.watch(caseDir, (_e, name) => {
              if (name?.startsWith('.staging-')) {
                watcher?.close();
                child.kill('SIGINT');
              }
            })
          : null;
        child.on('error', reject);
        child.on('close', (code) => {
          watcher?.close();
          resolve({ code, ...out });
        });
      });

    const reopen = () => {
      const again = openServices({
        caseDir,
        create: false,
        pool: { size: 1 },
        actor: () => 'T',
        configDir: path.join(home, 'config'),
        dataDir: path.join(home, 'data'),
        rememberCase: false,
      });
      const snap = snapshot(again);
      return again.close().then(() => snap);
    };
    const before = await reopen();
    const cancelled = await run(true);
    expect(cancelled.stderr).toContain(cancelledMessage());
    expect(cancelled.code).toBe(1);
    expect(cancelled.stdout).toBe('');
    expect(await reopen()).toEqual(before);

    const done = await run(false);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Merged: 3 document\(s\) added/);
    expect((await reopen()).documents).toHaveLength(4);
  });
});
