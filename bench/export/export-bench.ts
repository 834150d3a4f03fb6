/**
 * Export benchmark: a case of 100 generated PDFs (10 pages each) with 2,000 highlights,
 * each linked to one of 20 allegations, exported as a signed bundle with annotated PDFs
 * and all four reports. Target: under 5 s on this machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAllegations } from '../../electron/services/allegations/allegations.ts';
import { createLink } from '../../electron/services/allegations/links.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { createHighlight } from '../../electron/services/highlights/highlights.ts';
import { importPaths } from '../../electron/services/ingest/import.ts';
import { openServices } from '../../electron/services/services.ts';
import { buildPdf, fillerLines, seededRandom } from '../../tests/fixtures/pdf-builder.ts';

export interface ExportSummary {
  documents: number;
  highlights: number;
  seconds: number;
  bundleMb: number;
  targetSeconds: number;
}

/** Build the case, then time one export. */
export async function benchExport(tmp: string, log: (s: string) => void): Promise<ExportSummary> {
  const rand = seededRandom(2024);
  const input = path.join(tmp, 'export-input');
  fs.mkdirSync(input, { recursive: true });
  for (let i = 0; i < 100; i++) {
    const pages = Array.from({ length: 10 }, () => ({ lines: fillerLines(rand, 30) }));
    fs.writeFileSync(path.join(input, `doc-${String(i).padStart(3, '0')}.pdf`), buildPdf({ pages }));
  }
  const s = openServices({ caseDir: path.join(tmp, 'export-case'), create: true, actor: () => 'bench', rememberCase: false });
  try {
    log('export: building a case of 100 PDFs with 2,000 highlights…');
    const imported = await importPaths(s.store, [input], { pool: s.pool, actor: 'bench' });
    const db = s.store.db;
    const allegations = createAllegations(
      db,
      Array.from({ length: 20 }, (_, i) => ({ title: `Allegation ${i + 1}` })),
      'bench',
    );
    let made = 0;
    for (const [d, doc] of imported.entries()) {
      for (let k = 0; k < 20; k++) {
        const page = 1 + (k % 10);
        const start = 10 * Math.floor(k / 10);
        const h = createHighlight(db, {
          documentId: doc.documentId!,
          targets: [{ page, start, end: start + 30 }],
          note: `Note ${k}`,
          actor: 'bench',
        });
        createLink(db, h.highlightId, allegations[(d + k) % 20]!.allegationId, 'supports', null, 'bench');
        made++;
      }
    }
    const out = path.join(tmp, 'export.zip');
    const started = performance.now();
    await exportBundle(s.store, { out, reviewer: 'bench', configDir: path.join(tmp, 'export-config') });
    const seconds = (performance.now() - started) / 1000;
    return {
      documents: imported.length,
      highlights: made,
      seconds,
      bundleMb: fs.statSync(out).size / 1024 ** 2,
      targetSeconds: 5,
    };
  } finally {
    await s.close();
  }
}

/** One table row for the report. */
export function exportReport(r: ExportSummary): string {
  const verdict = r.seconds <= r.targetSeconds ? 'PASS' : 'MISS';
  return [
    'Export (signed bundle with annotated PDFs and reports)',
    `  ${r.documents} documents, ${r.highlights} highlights: ${r.seconds.toFixed(2)} s, ${r.bundleMb.toFixed(1)} MB  ${verdict} (<= ${r.targetSeconds} s)`,
  ].join('\n');
}
