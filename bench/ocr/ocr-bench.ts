/**
 * OCR benchmark: pages read per second by Exhibit's recognition lane (tesseract.js-core's
 * WebAssembly, one warm engine per worker thread, one worker per core) against the native
 * `tesseract` command run one process per core over the very same page images, in the same
 * run. Both detect orientation and segment the page (Tesseract's page segmentation mode 1),
 * as the app does for every scanned page. The pages are photocopy-grade scans made here: a
 * PDF of known text drawn at 300 dpi, blurred, speckled and JPEG-compressed; word recall
 * against that text is reported beside the speed so a faster reading that reads worse shows.
 *
 * Memory: the process's resident size is sampled while the lane works; per worker is the
 * peak above what the process held before the pool started, divided by the workers.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { languageDataDirs, renderPdfPage } from '../../electron/services/ocr/index.ts';
import { WorkerPool } from '../../electron/services/workers/pool.ts';
import type { OcrPage } from '../../shared/ocr.ts';
import { ocrPageText } from '../../shared/ocr.ts';
import { fillerLines, seededRandom } from '../../tests/fixtures/pdf-builder.ts';
import { degrade, scanPdf, wordRecall } from '../../tests/fixtures/ocr-scans.ts';
import { fmt, median } from '../lib/stats.ts';
import { table } from '../lib/table.ts';

export interface OcrSummary {
  pages: number;
  workers: number;
  exhibit: { pagesPerSecond: number; seconds: number[]; recall: number; peakRssMb: number; perWorkerMb: number };
  /** Null when the `tesseract` command is not installed. */
  native: { version: string; pagesPerSecond: number; seconds: number[]; recall: number } | null;
  /** Exhibit's pages/s over native's; null without native. */
  ratio: number | null;
  targets: { ratio: number; perWorkerMb: number };
}

export const OCR_TARGETS = { ratio: 0.5, perWorkerMb: 250 };

interface Page {
  file: string;
  png: Uint8Array;
  text: string;
}

/** Photocopied Letter pages of seeded filler text, 40 lines each, as PNG files in `dir`. */
async function makePages(dir: string, count: number): Promise<Page[]> {
  const rand = seededRandom(1917);
  const texts = Array.from({ length: count }, () => fillerLines(rand, 40));
  const pdf = scanPdf(texts);
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const drawn = await renderPdfPage(pdf, i, { dpi: 300 });
    const png = await degrade(drawn.png, 100 + i);
    const file = path.join(dir, `page-${i + 1}.png`);
    fs.writeFileSync(file, png);
    pages.push({ file, png, text: texts[i]!.join('\n') });
  }
  return pages;
}

/** Read every page with the pool's OCR lane, `workers` at a time; returns seconds, readings and peak RSS. */
async function exhibitRun(pool: WorkerPool, pages: Page[]): Promise<{ seconds: number; read: OcrPage[] }> {
  const started = performance.now();
  const read = await Promise.all(
    pages.map((p, i) => {
      const data = new SharedArrayBuffer(p.png.byteLength);
      new Uint8Array(data).set(p.png);
      return pool.run<OcrPage>({
        type: 'ocr',
        key: `bench-page-${i}`,
        data,
        source: 'image',
        page: 0,
        password: null,
        languages: 'eng',
        dataDirs: languageDataDirs(),
        dpi: 300,
      });
    }),
  );
  return { seconds: (performance.now() - started) / 1000, read };
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) =>
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );

/** The native command over the same files, `workers` processes at a time, one thread each. */
async function nativeRun(pages: Page[], workers: number): Promise<{ seconds: number; texts: string[] }> {
  // One thread per process, as Exhibit runs one engine per worker thread.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const texts: string[] = new Array(pages.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < pages.length) {
        const i = next++;
        texts[i] = await run('tesseract', [pages[i]!.file, 'stdout', '--psm', '1', '-l', 'eng'], env);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, texts };
}

function nativeVersion(): string | null {
  const r = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return (r.stdout || r.stderr).split('\n')[0]!.trim();
}

/** The mean word recall of the readings against the pages' text. */
const recallOf = (pages: Page[], texts: string[]) =>
  texts.reduce((sum, t, i) => sum + wordRecall(pages[i]!.text, t), 0) / pages.length;

export async function benchOcr(tmp: string, runs: number, log: (s: string) => void): Promise<OcrSummary> {
  const workers = os.availableParallelism();
  const count = 2 * workers;
  const dir = path.join(tmp, 'ocr-pages');
  fs.mkdirSync(dir, { recursive: true });
  log(`ocr: drawing ${count} photocopied pages at 300 dpi…`);
  const pages = await makePages(dir, count);

  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const pool = new WorkerPool({ size: 1, ocr: { size: workers } });
  const exhibitSeconds: number[] = [];
  let exhibitTexts: string[] = [];
  try {
    // Warm every worker first: the app keeps its engines warm across a document's pages.
    log(`ocr: warming ${workers} recognition worker(s)…`);
    await exhibitRun(pool, pages.slice(0, workers));
    for (let r = 0; r < runs; r++) {
      const { seconds, read } = await exhibitRun(pool, pages);
      exhibitSeconds.push(seconds);
      exhibitTexts = read.map(ocrPageText);
      log(`  exhibit run ${r + 1}: ${seconds.toFixed(2)} s for ${count} pages`);
    }
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
  const peakRssMb = peak / 1024 ** 2;
  const exhibit = {
    pagesPerSecond: count / median(exhibitSeconds),
    seconds: exhibitSeconds,
    recall: recallOf(pages, exhibitTexts),
    peakRssMb,
    perWorkerMb: (peak - baseline) / 1024 ** 2 / workers,
  };

  let native: OcrSummary['native'] = null;
  const version = nativeVersion();
  if (version) {
    const nativeSeconds: number[] = [];
    let texts: string[] = [];
    for (let r = 0; r < runs; r++) {
      const got = await nativeRun(pages, workers);
      nativeSeconds.push(got.seconds);
      texts = got.texts;
      log(`  tesseract run ${r + 1}: ${got.seconds.toFixed(2)} s for ${count} pages`);
    }
    native = { version, pagesPerSecond: count / median(nativeSeconds), seconds: nativeSeconds, recall: recallOf(pages, texts) };
  } else {
    log('ocr: the `tesseract` command is not installed (Debian: apt-get install tesseract-ocr); no reference ratio this run');
  }
  return {
    pages: count,
    workers,
    exhibit,
    native,
    ratio: native ? exhibit.pagesPerSecond / native.pagesPerSecond : null,
    targets: OCR_TARGETS,
  };
}

/** The section of the printed report. */
export function ocrReport(s: OcrSummary): string {
  const rows = [
    [
      'Exhibit (tesseract.js-core, warm)',
      fmt(s.exhibit.pagesPerSecond, 2),
      fmt(median(s.exhibit.seconds), 2),
      fmt(s.exhibit.recall * 100, 1),
    ],
    s.native
      ? [
          `native ${s.native.version}`,
          fmt(s.native.pagesPerSecond, 2),
          fmt(median(s.native.seconds), 2),
          fmt(s.native.recall * 100, 1),
        ]
      : ['native tesseract', 'not installed', '—', '—'],
  ];
  const ratio =
    s.ratio === null
      ? `ratio: — (install tesseract-ocr to measure; target >= ${s.targets.ratio}x)`
      : `ratio: ${s.ratio.toFixed(2)}x native  ${s.ratio >= s.targets.ratio ? 'PASS' : 'MISS'} (>= ${s.targets.ratio}x, aiming for 1x)`;
  const memory = `memory: peak RSS ${s.exhibit.peakRssMb.toFixed(0)} MB, ${s.exhibit.perWorkerMb.toFixed(0)} MB per worker  ${
    s.exhibit.perWorkerMb <= s.targets.perWorkerMb ? 'PASS' : 'MISS'
  } (<= ${s.targets.perWorkerMb} MB)`;
  return [
    `OCR (${s.pages} photocopied Letter pages at 300 dpi, ${s.workers} worker(s) / process(es) at a time, orientation detected)`,
    table(['reader', 'pages/s', 'median s', 'word recall %'], rows),
    ratio,
    memory,
  ].join('\n');
}
