/**
 * One measured import, in a process of its own so its peak RSS (VmHWM, which counts the
 * worker threads too) belongs to this import alone. Runs the real path: a fresh case,
 * openServices and the router's 'import.start'. With a warm-up file, that file is imported
 * first, untimed, so the measured import runs on workers that have already loaded pdf.js and
 * compiled its hot code, as every import after the first does in the app.
 * Prints one JSON line (ChildReport).
 *
 * Usage: node child.mjs <empty case dir> <file.pdf> [<warm-up file.pdf>]
 */
import fs from 'node:fs';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';

export interface WorkerReport {
  tasks: number;
  pages: number;
  /** Times the worker had to (re)open a document: its task's key differed from the one before. */
  opens: number;
  /** Share of the measured import's time the worker's event loop was busy. */
  busy: number;
}

export interface ChildReport {
  ok: boolean;
  error: string | null;
  pages: number;
  ms: number;
  /** CPU time of every thread of the process during the import. */
  cpuMs: number;
  rssBeforeMb: number;
  /** High-water RSS of the measured import (reset after the warm-up where Linux allows). */
  peakRssMb: number;
  workers: WorkerReport[];
}

interface Tracked {
  report: WorkerReport;
  lastKey: string | null;
  elu: EventLoopUtilization | null;
}

// The pool keeps its workers private; watching what is posted to them shows how the work was
// spread without changing the engine. Every pool message carries a key and a task type.
const tracked = new Map<Worker, Tracked>();
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (this: Worker, msg: unknown, transfer?: readonly never[]) {
  const m = msg as { key?: string; type?: string; from?: number; to?: number };
  let t = tracked.get(this);
  if (!t) tracked.set(this, (t = { report: { tasks: 0, pages: 0, opens: 0, busy: 0 }, lastKey: null, elu: null }));
  t.report.tasks++;
  if (m.type === 'pages' && m.from !== undefined && m.to !== undefined) t.report.pages += m.to - m.from;
  if (m.key !== t.lastKey) t.report.opens++;
  t.lastKey = m.key ?? null;
  return post.call(this, msg, transfer);
};

const statusMb = (field: 'VmRSS' | 'VmHWM'): number => {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
};

function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5'); // 5 resets VmHWM to the current RSS
  } catch {
    // Not permitted here: the peak then also covers the warm-up import.
  }
}

async function main(): Promise<void> {
  const [caseDir, file, warmUp] = process.argv.slice(2);
  if (!caseDir || !file) throw new Error('usage: child.mjs <empty case dir> <file.pdf> [<warm-up file.pdf>]');
  const services = openServices({ caseDir, create: true, actor: () => 'bench', rememberCase: false });
  if (warmUp) {
    const [r] = await callTyped(services.router, 'import.start', { jobId: 'warm-up', paths: [warmUp] });
    if (r?.status !== 'imported') throw new Error(`warm-up import failed: ${r?.error ?? r?.status}`);
    for (const [w, t] of tracked) {
      t.report = { tasks: 0, pages: 0, opens: 0, busy: 0 };
      t.elu = w.performance.eventLoopUtilization();
    }
    resetPeakRss();
  }
  const rssBeforeMb = statusMb('VmRSS');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const [result] = await callTyped(services.router, 'import.start', { jobId: 'bench', paths: [file] });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peakRssMb = statusMb('VmHWM');
  const workers = [...tracked.entries()].map(([w, t]) => {
    const elu = t.elu ? w.performance.eventLoopUtilization(t.elu) : w.performance.eventLoopUtilization();
    return { ...t.report, busy: elu.utilization };
  });
  await services.close();
  const ok = result?.status === 'imported';
  const report: ChildReport = {
    ok,
    error: ok ? null : (result?.error ?? 'no result'),
    pages: result?.pages ?? 0,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMb,
    peakRssMb,
    workers,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

await main();
