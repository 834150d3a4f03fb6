/**
 * `npm run bench`: import throughput and memory against pdftotext, search latency on
 * generated cases, OCR throughput against the native `tesseract` command (when installed),
 * and viewer latency in Chromium (needs `npm run build` first). Prints a table, saves
 * bench/results.json, and exits 0 unless something crashes: targets are reported as
 * PASS/MISS, not enforced, because timings depend on the machine. Options: --large (also
 * 1,000,000 pages), --skip-import, --skip-search, --skip-export, --skip-court, --skip-ocr, --skip-viewer,
 * --runs=N. The court bundle section times a 1,000-page bundle against qpdf concatenating the same files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleImportChild } from './import/bundle.ts';
import { benchImport, skippedRow, writeGeneratedPdf, type ImportRow } from './import/import-bench.ts';
import { machineInfo } from './lib/machine.ts';
import { importReport, machineLine, searchReport, TARGETS } from './report.ts';
import { generatedCase } from './search/generate.ts';
import { benchQueries } from './search/queries.ts';
import { benchSearch, type SearchSummary } from './search/search-bench.ts';
import { benchViewer, type ViewerSummary } from './viewer/viewer-bench.ts';
import { viewerReport } from './viewer/viewer-report.ts';
import { benchExport, exportReport, type ExportSummary } from './export/export-bench.ts';
import { benchOcr, ocrReport, type OcrSummary } from './ocr/ocr-bench.ts';
import { benchCourt, courtReport, type CourtSummary } from './court/court-bench.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const runsArg = process.argv.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Math.max(1, Number(runsArg.slice('--runs='.length))) : 3;
const log = (line: string) => console.error(line);
// Generated cases and the bundled import child live here, under node_modules so the bundle's
// external packages (better-sqlite3, pdf.js) resolve from the repository.
const cacheRoot = path.join(repoRoot, 'node_modules', '.cache', 'exhibit-bench');

async function importSection(tmp: string): Promise<ImportRow[]> {
  log('import: bundling, building the test PDFs, timing imports against pdftotext…');
  const child = await bundleImportChild(path.join(cacheRoot, 'bundle'));
  const generated = writeGeneratedPdf(tmp, 1000, 20240601);
  // The warm-up must be other bytes (the same ones would be skipped as a duplicate).
  const warmUp = writeGeneratedPdf(tmp, 300, 7);
  const rows = await benchImport({ name: 'generated, 1,000 pages', file: generated, warmUp, runs }, child, tmp);
  const corpus = path.join(repoRoot, '..', 'shared', 'corpus', 'pdfjs');
  const tracemonkey = path.join(corpus, 'tracemonkey.pdf');
  if (fs.existsSync(tracemonkey))
    rows.push(...(await benchImport({ name: 'tracemonkey.pdf', file: tracemonkey, warmUp, runs }, child, tmp)));
  else rows.push(skippedRow('tracemonkey.pdf', tracemonkey, `${corpus} not found (the shared corpus sits beside the repo)`));
  return rows;
}

function searchSection(pages: number): SearchSummary {
  log(`search: opening the ${pages.toLocaleString('en')}-page case (built once, then cached under ${cacheRoot})…`);
  const { store, buildSeconds, cached } = generatedCase(cacheRoot, pages, log);
  if (!cached) log(`  built in ${buildSeconds.toFixed(0)} s`);
  try {
    return benchSearch(store.db, pages, benchQueries(pages));
  } finally {
    store.close();
  }
}

async function viewerSection(tmp: string): Promise<ViewerSummary> {
  log('viewer: building a 1,000-page PDF, opening it in Chromium against the built renderer…');
  const file = writeGeneratedPdf(tmp, 1000, 20240601);
  return benchViewer(repoRoot, file, 'Bench', runs);
}

type Saved = { at?: string; measuredAt?: Record<string, string | null> } & Record<string, unknown>;

/** The last saved results, so a section skipped this time keeps its numbers rather than losing them. */
function previousResults(file: string): Saved {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Saved;
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const at = new Date().toISOString();
  const machine = machineInfo(repoRoot);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-bench-'));
  const sections: string[] = [machineLine(machine, at)];
  let imports: ImportRow[] = [];
  const searches: SearchSummary[] = [];
  let viewer: ViewerSummary | null = null;
  let exported: ExportSummary | null = null;
  let ocr: OcrSummary | null = null;
  let court: CourtSummary | null = null;
  try {
    if (!args.has('--skip-import')) {
      imports = await importSection(tmp);
      sections.push(importReport(imports));
    }
    if (!args.has('--skip-search')) {
      for (const pages of args.has('--large') ? [100_000, 1_000_000] : [100_000]) {
        const s = searchSection(pages);
        searches.push(s);
        sections.push(searchReport(s));
      }
    }
    if (!args.has('--skip-export')) {
      exported = await benchExport(tmp, log);
      sections.push(exportReport(exported));
    }
    if (!args.has('--skip-court')) {
      court = await benchCourt(tmp, log);
      sections.push(courtReport(court));
    }
    if (!args.has('--skip-ocr')) {
      ocr = await benchOcr(tmp, runs, log);
      sections.push(ocrReport(ocr));
    }
    if (!args.has('--skip-viewer')) {
      viewer = await viewerSection(tmp);
      sections.push(viewerReport(viewer, TARGETS.viewerMs));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log('\n' + sections.join('\n\n') + '\n');
  const out = path.join(repoRoot, 'bench', 'results.json');
  const prev = previousResults(out);
  const ran = {
    imports: !args.has('--skip-import'),
    searches: !args.has('--skip-search'),
    viewer: !args.has('--skip-viewer'),
    exported: !args.has('--skip-export'),
    ocr: !args.has('--skip-ocr'),
    court: !args.has('--skip-court'),
  };
  const measured = { imports, searches, viewer, exported, ocr, court } as Record<keyof typeof ran, unknown>;
  const results: Saved = { at, machine, targets: TARGETS, measuredAt: {} };
  for (const key of Object.keys(ran) as (keyof typeof ran)[]) {
    results[key] = ran[key] ? measured[key] : (prev[key] ?? measured[key]);
    results.measuredAt![key] = ran[key] ? at : (prev.measuredAt?.[key] ?? (prev[key] ? (prev.at ?? null) : null));
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  log(`saved ${path.relative(process.cwd(), out) || out}`);
}

await main();
