/**
 * The fuzzer's test bench: each PDF mutant goes through the real import (read, hash, the
 * extraction worker pool with its time budget and heap cap, blob, one transaction), each
 * bundle mutant through verifyBundle and importBundle into a real case. A case passes when
 * it imports, or fails with an ExhibitError whose code says what went wrong and whose
 * message names the file and reads as ours (not a bare TypeError), within its time
 * budget, leaving the case exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExhibitError } from '../../shared/errors.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { initCase, type CaseStore } from '../../electron/services/case/case.ts';
import { blobPath, sha256Hex } from '../../electron/services/case/blobs.ts';
import { importPaths } from '../../electron/services/ingest/import.ts';
import { WorkerPool } from '../../electron/services/workers/pool.ts';

export type FuzzKind = 'pdf' | 'bundle';

/** Where saved failures live; the regression test runs every file in it. */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url));

/** A message that is a JavaScript engine's words rather than ours. */
const RAW_JS =
  /^(?:[A-Z][A-Za-z]*Error\b|Cannot (?:read|set) propert|.{0,80}? is not (?:a function|iterable|defined|a constructor)|Maximum call stack|Invalid (?:array|typed array) length|Unexpected (?:token|end of JSON)|Unterminated string|undefined|null\b|\[object )/;

/** Why an error is not clear enough for a reviewer, or null when it is. */
export function unclearError(
  err: { code?: unknown; message?: unknown; name?: unknown },
  file: string,
  mustName: boolean,
): string | null {
  const code = typeof err.code === 'string' ? err.code : '(none)';
  const message = typeof err.message === 'string' ? err.message : '';
  // 'internal' is what an error of no known kind becomes: the engine did not expect it.
  if (code === '(none)' || code === '' || code === 'internal')
    return `unclear error (code ${code}): ${String(err.name ?? 'Error')}: ${message.slice(0, 300)}`;
  if (message.trim() === '') return `an empty error message (${code})`;
  if (mustName && !message.includes(file)) return `the error does not name the file: ${message.slice(0, 300)}`;
  const own = message.split(`${file}: `).join('').split(`${file} `).join('').trim();
  if (RAW_JS.test(own)) return `the error is a raw JavaScript message (${code}): ${message.slice(0, 300)}`;
  return null;
}

export interface Outcome {
  /** A short label of what happened, for the run's summary (imported, failed:invalid-pdf …). */
  label: string;
  /** Why this case fails the fuzzer, or null. */
  problem: string | null;
}

interface Snapshot {
  rows: string;
  blobs: number;
  stray: string[];
}

const TABLES = ['documents', 'pages', 'highlights', 'highlight_targets', 'allegations', 'links', 'audit'];

function snapshot(store: CaseStore): Snapshot {
  const rows = TABLES.map((t) => `${t}=${(store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n}`).join(
    ' ',
  );
  const root = path.join(store.dir, 'blobs');
  const files = fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]) : [];
  const blobs = files.filter((f) => /[0-9a-f]{64}$/.test(f)).length;
  // Temp files of an interrupted blob write, or a bundle's staging folder, must not be left behind.
  const stray = [
    ...files.filter((f) => f.endsWith('.tmp')).map((f) => `blobs/${f}`),
    ...fs.readdirSync(store.dir).filter((f) => f.startsWith('.staging-')),
  ];
  return { rows, blobs, stray };
}

function compare(before: Snapshot, after: Snapshot): string | null {
  if (after.stray.length > 0) return `left behind: ${after.stray.join(', ')}`;
  if (before.rows !== after.rows) return `the case changed although the import failed: ${before.rows} -> ${after.rows}`;
  if (before.blobs !== after.blobs) return `blobs changed although the import failed: ${before.blobs} -> ${after.blobs}`;
  return null;
}

class Hang extends Error {}
/** Settle within `ms`, or reject with Hang (the promise keeps running; the rig is then rebuilt). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, watchdog]).finally(() => clearTimeout(timer));
}

export interface RigOptions {
  /** Scratch folder for cases and mutant files (the caller removes it). */
  dir: string;
  /** Extraction budget per task, and heap cap per worker (lower than the app's 1 GB: memory hogs fail sooner). */
  budgetMs?: number;
  memoryMb?: number;
  /** Cases run side by side, each lane with cases of its own; the extraction pool has a worker per lane. */
  lanes?: number;
}

interface Lane {
  pdf: CaseStore;
  bundle: CaseStore;
}

/** Real cases (per lane, one for PDF imports and one for bundle imports) sharing one extraction pool. */
export class FuzzRig {
  readonly budgetMs: number;
  readonly lanes: number;
  private readonly opts: RigOptions;
  private pool: WorkerPool;
  private readonly cases: Lane[] = [];
  private serial = 0;

  constructor(opts: RigOptions) {
    this.opts = opts;
    this.budgetMs = opts.budgetMs ?? 5000;
    this.lanes = Math.max(1, opts.lanes ?? 2);
    this.pool = this.newPool();
    for (let i = 0; i < this.lanes; i++) this.cases.push({ pdf: this.newCase('pdf'), bundle: this.newCase('bundle') });
  }

  private newPool(): WorkerPool {
    return new WorkerPool({ size: this.lanes, taskTimeoutMs: this.budgetMs, memoryMb: this.opts.memoryMb ?? 256 });
  }

  private newCase(kind: string): CaseStore {
    return initCase(path.join(this.opts.dir, `${kind}-case-${++this.serial}`), 'Fuzzer');
  }

  /** The longest a case may take: every extraction task of a small PDF on its budget, plus slack. */
  private get deadlineMs(): number {
    return this.budgetMs * 4 + 10_000;
  }

  private mutantFile(name: string, bytes: Uint8Array, lane: number): string {
    const file = path.join(this.opts.dir, `mutants-${lane}`, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  }

  /** After a hang the pool and the lane's cases are not trusted: start them again. */
  private rebuild(lane: number): void {
    const old = this.pool;
    this.pool = this.newPool();
    void old.close();
    const l = this.cases[lane]!;
    l.pdf.close();
    l.bundle.close();
    this.cases[lane] = { pdf: this.newCase('pdf'), bundle: this.newCase('bundle') };
  }

  /** Import a PDF mutant into the lane's PDF case and judge the result. */
  async runPdf(bytes: Uint8Array, name = 'mutant.pdf', lane = 0): Promise<Outcome> {
    const store = this.cases[lane]!.pdf;
    const file = this.mutantFile(name, bytes, lane);
    const before = snapshot(store);
    let results;
    try {
      results = await within(importPaths(store, [file], { pool: this.pool, actor: 'Fuzzer' }), this.deadlineMs);
    } catch (err) {
      if (err instanceof Hang) {
        this.rebuild(lane);
        return { label: 'hang', problem: `the import hung past its budget (${err.message})` };
      }
      // importPaths reports every failure in its results; a throw is a bug in itself.
      return { label: 'threw', problem: `importPaths threw: ${(err as Error).stack ?? String(err)}` };
    } finally {
      fs.rmSync(file, { force: true });
    }
    const r = results[0]!;
    if (r.status === 'failed') {
      const label = `failed:${r.errorCode}`;
      const unclear = unclearError({ code: r.errorCode, message: r.error }, file, true);
      if (unclear) return { label, problem: unclear };
      // A worker that dies takes down whatever else it was running, another file's pages perhaps.
      if (r.errorCode === 'extract-crash') return { label, problem: `the extraction worker died: ${r.error}` };
      const sha = sha256Hex(bytes);
      const row = store.db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(sha);
      if (row) return { label, problem: 'a failed import left its document in the case' };
      if (fs.existsSync(blobPath(store.dir, sha))) return { label, problem: 'a failed import left its original in blobs/' };
      return { label, problem: compare(before, snapshot(store)) };
    }
    const doc = store.db.prepare('SELECT page_count FROM documents WHERE id = ?').get(r.documentId) as
      { page_count: number } | undefined;
    if (!doc) return { label: r.status, problem: `reported ${r.status} but the case has no such document` };
    const pages = (store.db.prepare('SELECT count(*) AS n FROM pages WHERE document_id = ?').get(r.documentId) as { n: number })
      .n;
    if (pages !== doc.page_count) return { label: r.status, problem: `stored ${pages} pages of ${doc.page_count}` };
    if (!fs.existsSync(blobPath(store.dir, r.sha256!)))
      return { label: r.status, problem: 'imported without its original in blobs/' };
    return { label: r.status, problem: null };
  }

  /** Verify a bundle mutant, then import it into the lane's bundle case, and judge both. */
  async runBundle(bytes: Uint8Array, name = 'mutant.zip', lane = 0): Promise<Outcome> {
    const file = this.mutantFile(name, bytes, lane);
    try {
      let verified: boolean;
      try {
        const report = await within(verifyBundle(file), this.deadlineMs);
        if (typeof report.ok !== 'boolean' || !Array.isArray(report.problems))
          return { label: 'verify', problem: 'verify gave no report' };
        if (!report.ok && report.problems.length === 0)
          return { label: 'verify', problem: 'verify failed without naming a problem' };
        verified = report.ok;
      } catch (err) {
        if (err instanceof Hang) {
          this.rebuild(lane);
          return { label: 'hang', problem: `verifyBundle hung (${err.message})` };
        }
        // Verification lists problems; it never throws, whatever the file holds.
        const e = err as Error;
        return { label: 'verify-threw', problem: `verifyBundle threw ${e.name}: ${e.message}` };
      }
      const store = this.cases[lane]!.bundle;
      const before = snapshot(store);
      try {
        await within(importBundle(store, file, { pool: this.pool, actor: 'Fuzzer' }), this.deadlineMs * 2);
      } catch (err) {
        if (err instanceof Hang) {
          this.rebuild(lane);
          return { label: 'hang', problem: `importBundle hung (${err.message})` };
        }
        const e = err as Error & { code?: unknown };
        const label = `refused:${String(e.code ?? e.name)}${verified ? '' : '(unverified)'}`;
        // A bundle's errors name the bundle or the document at fault inside it.
        const unclear = unclearError(err instanceof ExhibitError ? e : { name: e.name, message: e.message }, file, false);
        if (unclear) return { label, problem: unclear };
        return { label, problem: compare(before, snapshot(store)) };
      }
      if (!verified) return { label: 'merged', problem: 'a bundle that did not verify was imported' };
      const after = snapshot(store);
      if (after.stray.length > 0) return { label: 'merged', problem: `left behind: ${after.stray.join(', ')}` };
      // A fresh case for what follows, so the next bundle's documents are new to it.
      store.close();
      this.cases[lane]!.bundle = this.newCase('bundle');
      return { label: 'merged', problem: null };
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  run(kind: FuzzKind, bytes: Uint8Array, name?: string, lane = 0): Promise<Outcome> {
    return kind === 'pdf' ? this.runPdf(bytes, name, lane) : this.runBundle(bytes, name, lane);
  }

  async close(): Promise<void> {
    await this.pool.close();
    for (const l of this.cases) {
      l.pdf.close();
      l.bundle.close();
    }
  }
}

/** Save a failing input as a regression fixture (tests/fixtures/fuzz/<kind>-<hash>.pdf|zip); returns its path. */
export function saveFinding(kind: FuzzKind, bytes: Uint8Array, dir = FIXTURE_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${kind}-${sha256Hex(bytes).slice(0, 16)}.${kind === 'pdf' ? 'pdf' : 'zip'}`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, bytes);
  return file;
}

/** The saved regression fixtures, as [kind, path]. */
export function savedFindings(dir = FIXTURE_DIR): [FuzzKind, string][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f): [FuzzKind, string][] => {
      const m = /^(pdf|bundle)-[0-9a-f]+\.(pdf|zip)$/.exec(f);
      return m ? [[m[1] as FuzzKind, path.join(dir, f)]] : [];
    });
}
