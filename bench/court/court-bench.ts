/**
 * Court bundle benchmark: 50 generated PDFs of 20 pages (1,000 pages) built into a court
 * bundle (cover, index, every page checked for ink under its stamp and stamped, labels,
 * bookmarks), timed against `qpdf --empty --pages …` concatenating the same files in the
 * same run. Reported per 1,000 pages, with the ratio to qpdf.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildCourtBundle } from '../../electron/services/court/build.ts';
import { importPaths } from '../../electron/services/ingest/import.ts';
import { openServices } from '../../electron/services/services.ts';
import { DEFAULT_COURT_OPTIONS } from '../../shared/ipc/contract.ts';
import { buildPdf, fillerLines, seededRandom } from '../../tests/fixtures/pdf-builder.ts';

export interface CourtSummary {
  documents: number;
  pages: number;
  seconds: number;
  secondsPer1000: number;
  /** null when qpdf is not installed. */
  qpdfSeconds: number | null;
  ratio: number | null;
  bundleMb: number;
}

const DOCS = 50;
const PAGES = 20;

export async function benchCourt(tmp: string, log: (s: string) => void): Promise<CourtSummary> {
  const rand = seededRandom(1402);
  const input = path.join(tmp, 'court-input');
  fs.mkdirSync(input, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < DOCS; i++) {
    const file = path.join(input, `court-${String(i).padStart(3, '0')}.pdf`);
    fs.writeFileSync(file, buildPdf({ pages: Array.from({ length: PAGES }, () => ({ lines: fillerLines(rand, 30) })) }));
    files.push(file);
  }
  const s = openServices({ caseDir: path.join(tmp, 'court-case'), create: true, actor: () => 'bench', rememberCase: false });
  try {
    log(`court bundle: importing ${DOCS} PDFs of ${PAGES} pages, then timing the bundle against qpdf…`);
    const imported = await importPaths(s.store, [input], { pool: s.pool, actor: 'bench' });
    const out = path.join(tmp, 'court.pdf');
    const started = performance.now();
    const r = await buildCourtBundle(
      { store: s.store, pool: s.pool, sessionPassword: () => null },
      {
        cover: { title: 'Bench bundle', date: '2026-01-01', preparedBy: 'bench' },
        sections: [{ title: 'Documents', documentIds: imported.map((d) => d.documentId!) }],
        options: { ...DEFAULT_COURT_OPTIONS, prefix: 'B-', digits: 5 },
      },
      { out, caseName: 'bench' },
    );
    const seconds = (performance.now() - started) / 1000;
    const docPages = DOCS * PAGES;
    let qpdfSeconds: number | null = null;
    const qStarted = performance.now();
    const q = spawnSync('qpdf', ['--empty', '--pages', ...files, '--', path.join(tmp, 'qpdf.pdf')]);
    if (q.status === 0) qpdfSeconds = (performance.now() - qStarted) / 1000;
    const secondsPer1000 = (seconds * 1000) / docPages;
    const qPer1000 = qpdfSeconds === null ? null : (qpdfSeconds * 1000) / docPages;
    return {
      documents: DOCS,
      pages: r.pages,
      seconds,
      secondsPer1000,
      qpdfSeconds: qPer1000,
      ratio: qPer1000 ? secondsPer1000 / qPer1000 : null,
      bundleMb: fs.statSync(out).size / 1024 ** 2,
    };
  } finally {
    await s.close();
  }
}

export function courtReport(r: CourtSummary): string {
  const vs =
    r.qpdfSeconds === null
      ? 'qpdf not installed: no comparison'
      : `qpdf concatenation ${r.qpdfSeconds.toFixed(2)} s per 1,000 pages, ratio ${r.ratio!.toFixed(1)}x`;
  return [
    'Court bundle (cover, index, ink check and stamp on every page, labels, bookmarks)',
    `  ${r.documents} documents, ${r.pages} pages: ${r.seconds.toFixed(2)} s, ${r.secondsPer1000.toFixed(2)} s per 1,000 pages, ${r.bundleMb.toFixed(1)} MB; ${vs}`,
  ].join('\n');
}
