/** The viewer section of the printed report. */
import { fmt } from '../lib/stats.ts';
import { table, verdict } from '../lib/table.ts';
import type { ViewerSummary } from './viewer-bench.ts';

/** The viewer table; the target applies to each row's median. */
export function viewerReport(s: ViewerSummary, targetMs: number): string {
  const rows = s.rows.map((r) => [
    r.name,
    String(r.runsMs.length),
    fmt(r.median, 0),
    fmt(r.best, 0),
    fmt(r.medianToFrame, 0),
    fmt(r.medianFetched, 0),
    verdict(r.median <= targetMs, `median <= ${targetMs} ms`),
  ]);
  const lines = [
    `Viewer: ${s.pages.toLocaleString('en')}-page PDF (${fmt(s.fileMb, 1)} MB) in ${s.browser}, built renderer, real engine (ms)`,
    table(['', 'runs', 'median', 'best', 'next frame', 'bytes in', 'target'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ]),
    "  From the click on the title (or Enter in the page box) reaching the window to the page's canvas drawn and its text " +
      'layer finished, stamped in the page; "next frame" is the animation frame after that, "bytes in" when the original ' +
      'had been fetched. Each round is a fresh page load: its first open starts pdf.js and its worker, two more follow warm.',
  ];
  if (s.problems.length) lines.push(`PROBLEMS: ${s.problems.join('; ')}`);
  return lines.join('\n');
}
