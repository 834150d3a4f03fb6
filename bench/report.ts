/** Turns the measurements into the printed report: one table per section, targets marked. */
import type { ImportRow } from './import/import-bench.ts';
import type { MachineInfo } from './lib/machine.ts';
import { fmt } from './lib/stats.ts';
import { table, verdict } from './lib/table.ts';
import type { SearchSummary, Spread } from './search/search-bench.ts';

export const TARGETS = {
  /** Our pages/s on the 1,000-page PDF, as a share of pdftotext's. */
  importRatio: 1 / 3,
  peakRssMb: 300,
  searchP95Ms: { 100_000: 50, 1_000_000: 150 } as Record<number, number>,
  /** Opening the 1,000-page PDF to page 1 painted, and a jump to page 800 to painted (median). */
  viewerMs: 300,
};

/** The header: when, on what machine, with which versions. */
export function machineLine(m: MachineInfo, at: string): string {
  return [
    `Exhibit benchmark, ${at}${m.commit ? ` at ${m.commit}` : ''}`,
    `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.platform}`,
    `Node ${m.node}, SQLite ${m.sqlite}, pdf.js ${m.pdfjs}, ${m.poppler ?? 'pdftotext not found'}`,
  ].join('\n');
}

/** The import table; targets apply to the generated 1,000-page rows. */
export function importReport(rows: readonly ImportRow[]): string {
  const body = rows.map((r) => {
    if (r.skipped) return [r.name, '', '', `skipped: ${r.skipped}`];
    const targeted = r.pages === 1000;
    const ratioOk = r.ratio === null ? null : r.ratio >= TARGETS.importRatio;
    return [
      r.name,
      r.mode,
      String(r.pages),
      fmt(r.ours.bestPagesPerSec, 0),
      fmt(r.ours.medianPagesPerSec, 0),
      fmt(r.pdftotext?.bestPagesPerSec, 0),
      fmt(r.ratio, 2),
      targeted ? verdict(ratioOk, '>= 0.33') : '',
      fmt(r.ours.cpuMsPerPage, 2),
      `${fmt(r.ours.peakRssMb, 0)} (${fmt(r.ours.medianPeakRssMb, 0)})`,
      targeted ? verdict(r.ours.peakRssMb <= TARGETS.peakRssMb, `<= ${TARGETS.peakRssMb} MB`) : '',
    ];
  });
  const header = [
    'file',
    'run',
    'pages',
    'ours p/s',
    'median',
    'pdftotext p/s',
    'ours/pdftotext',
    'target',
    'CPU ms/page',
    'peak RSS MB (median)',
    'target',
  ];
  const align = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'left'] as const;
  const lines = [table(header, body, align)];
  for (const r of rows.filter((x) => !x.skipped)) {
    const w = r.workers.map(
      (x, i) => `worker ${i + 1} ${x.pages} pages/${x.tasks} tasks/${x.opens} open(s)/${fmt(x.busy * 100, 0)}% busy`,
    );
    // Every worker should get pages, and parse the file once (its cache keeps the open document).
    const spread = r.workers.length > 1 && r.workers.every((x) => x.pages > 0 && x.opens === 1);
    lines.push(
      `  ${r.name}, ${r.mode} (fastest run): ${w.join('; ')}; ${spread ? 'PASS' : 'MISS'} (all workers used, one parse each)`,
    );
  }
  const ref = rows.find((r) => !r.skipped && r.pdftotext && r.mode === 'next import' && r.pages === 1000);
  if (ref?.pdftotext) {
    const popplerMsPerPage = 1000 / ref.pdftotext.bestPagesPerSec;
    lines.push(
      `  CPU per page: ours ${fmt(ref.ours.cpuMsPerPage, 2)} ms over all threads (warm), pdftotext ${fmt(popplerMsPerPage, 2)} ms ` +
        `(one thread): ${fmt(ref.ours.cpuMsPerPage / popplerMsPerPage, 1)}x, so ${ref.workers.length} workers can reach at most ` +
        `~${fmt(ref.workers.length / (ref.ours.cpuMsPerPage / popplerMsPerPage), 2)} of pdftotext's pages/s.`,
    );
  }
  lines.push(
    '  p/s = pages per second, best of the runs (median beside it). Each run is a fresh process and case; "first import" starts ' +
      'the worker pool cold, "next import" follows an untimed import in the same process. Peak RSS is the high-water mark ' +
      '(VmHWM) of the whole process, workers included: the largest over the runs, and the median. Code runs bundled as the app ships it.',
  );
  return lines.join('\n');
}

const spreadCells = (s: Spread) => [fmt(s.median, 1), fmt(s.p95, 1), fmt(s.max, 1)];

/** The search table for one case size. */
export function searchReport(s: SearchSummary): string {
  const target = TARGETS.searchP95Ms[s.pages];
  const rows = [
    [
      'search() (limit 20)',
      ...spreadCells(s.search),
      target === undefined ? '' : verdict(s.search.p95 <= target, `p95 <= ${target} ms`),
    ],
    [
      '  part: exact count(*)  [reference floor]',
      ...spreadCells(s.count),
      `search/count p95 = ${fmt(s.search.p95 / s.count.p95, 1)}x`,
    ],
    ['  part: ranking (capped)', ...spreadCells(s.rank), ''],
    ['  part: 20 snippets', ...spreadCells(s.snippets), ''],
    ...s.byKind.map((k) => [`  kind: ${k.kind}`, ...spreadCells(k.search), '']),
  ];
  const lines = [
    `Search: ${s.pages.toLocaleString('en')} pages, ${s.queries} queries, median of ${s.runs} runs each (ms)`,
    table(['', 'median', 'p95', 'max', 'target'], rows, ['left', 'right', 'right', 'right', 'left']),
    'slowest: ' +
      s.slowest
        .map(
          (q) =>
            `${q.text} ${fmt(q.ms, 0)} ms (${q.total} hits; count ${fmt(q.countMs, 0)}, rank ${fmt(q.rankMs, 0)}, snippets ${fmt(q.snippetMs, 0)})`,
        )
        .join('; '),
  ];
  lines.push(
    "  ranking costs a pass over every match whatever the cap: bm25 counts each phrase's pages for its IDF. " +
      'A prefix* term is expanded again by each of the count, ranking and snippet passes.',
  );
  if (s.problems.length) lines.push(`PROBLEMS: ${s.problems.join('; ')}`);
  return lines.join('\n');
}
