/**
 * Import throughput and memory: our real import path against pdftotext on the same
 * files in the same run. Ours and poppler's runs alternate, so load from anything else
 * on the machine falls on both rather than on whichever ran second.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildPdf, fillerLines, seededRandom } from '../../tests/fixtures/pdf-builder.ts';
import { best, median } from '../lib/stats.ts';
import type { ChildReport, WorkerReport } from './child.ts';
import { hasPdftotext, popplerPageCount, timePdftotext } from './reference.ts';

export type ImportMode = 'first import' | 'next import';

export interface ImportRow {
  name: string;
  /** 'first import': workers start cold. 'next import': after another import in the same process. */
  mode: ImportMode;
  file: string;
  pages: number;
  /** Set when the row could not be measured; the measurements are then empty. */
  skipped: string | null;
  ours: {
    runsMs: number[];
    bestPagesPerSec: number;
    medianPagesPerSec: number;
    cpuMsPerPage: number;
    peakRssMb: number;
    medianPeakRssMb: number;
  };
  pdftotext: { runsMs: number[]; bestPagesPerSec: number; medianPagesPerSec: number } | null;
  /** Ours / pdftotext, best against best. */
  ratio: number | null;
  workers: WorkerReport[];
}

/**
 * A text PDF of `pages` pages, ~40 lines of filler each, the same bytes for the same seed.
 * 9 pt keeps every line on the page: at the builder's default 12 pt the longer lines run
 * past the right edge, where pdf.js drops text and pdftotext does not, which is no comparison.
 */
export function writeGeneratedPdf(dir: string, pages: number, seed: number): string {
  const rand = seededRandom(seed);
  const file = path.join(dir, `generated-${pages}-${seed}.pdf`);
  const spec = {
    pages: Array.from({ length: pages }, () => ({ lines: fillerLines(rand, 40, 12), fontSize: 9 })),
    info: { title: 'Bench' },
  };
  fs.writeFileSync(file, buildPdf(spec));
  return file;
}

function runChild(child: string, args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, ...args], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`import child failed: ${stderr.trim() || err.message}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as ChildReport);
      } catch {
        reject(new Error(`import child printed no report: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

export interface ImportJob {
  name: string;
  file: string;
  /** Imported first, untimed, in 'next import' runs; must differ from `file`. */
  warmUp: string;
  runs: number;
}

/**
 * Measure one file both ways: `runs` fresh processes importing it first, and `runs` importing
 * it after the warm-up file, each into a new case, with pdftotext timed between runs.
 */
export async function benchImport(job: ImportJob, child: string, tmp: string): Promise<ImportRow[]> {
  const poppler = hasPdftotext();
  const popplerMs: number[] = [];
  const ours: Record<ImportMode, ChildReport[]> = { 'first import': [], 'next import': [] };
  if (poppler) await timePdftotext(job.file); // page cache and binary warm for both sides
  for (let i = 0; i < job.runs; i++) {
    for (const mode of ['first import', 'next import'] as const) {
      const caseDir = fs.mkdtempSync(path.join(tmp, 'import-case-'));
      const r = await runChild(child, mode === 'first import' ? [caseDir, job.file] : [caseDir, job.file, job.warmUp]);
      fs.rmSync(caseDir, { recursive: true, force: true });
      if (!r.ok) throw new Error(`importing ${job.file} failed: ${r.error}`);
      ours[mode].push(r);
      if (poppler) popplerMs.push(await timePdftotext(job.file));
    }
  }
  const pages = ours['first import'][0]!.pages;
  const popplerPages = poppler ? popplerPageCount(job.file) : null;
  if (popplerPages !== null && popplerPages !== pages)
    throw new Error(`${job.name}: we found ${pages} pages, poppler ${popplerPages}`);
  const rate = (ms: number) => (pages / ms) * 1000;
  const ref = poppler
    ? { runsMs: popplerMs, bestPagesPerSec: rate(best(popplerMs)), medianPagesPerSec: rate(median(popplerMs)) }
    : null;
  return (['first import', 'next import'] as const).map((mode): ImportRow => {
    const rs = ours[mode];
    const ms = rs.map((r) => r.ms);
    const mine = {
      runsMs: ms,
      bestPagesPerSec: rate(best(ms)),
      medianPagesPerSec: rate(median(ms)),
      cpuMsPerPage: median(rs.map((r) => r.cpuMs)) / pages,
      peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
      medianPeakRssMb: median(rs.map((r) => r.peakRssMb)),
    };
    const fastest = rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const ratio = ref ? mine.bestPagesPerSec / ref.bestPagesPerSec : null;
    return {
      name: job.name,
      mode,
      file: job.file,
      pages,
      skipped: null,
      ours: mine,
      pdftotext: ref,
      ratio,
      workers: fastest.workers,
    };
  });
}

/** A row that could not be measured, with the reason shown in its place. */
export function skippedRow(name: string, file: string, reason: string): ImportRow {
  const none = {
    runsMs: [],
    bestPagesPerSec: Number.NaN,
    medianPagesPerSec: Number.NaN,
    cpuMsPerPage: Number.NaN,
    peakRssMb: Number.NaN,
    medianPeakRssMb: Number.NaN,
  };
  return { name, mode: 'first import', file, pages: 0, skipped: reason, ours: none, pdftotext: null, ratio: null, workers: [] };
}
