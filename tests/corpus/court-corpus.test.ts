/**
 * Court bundle over real-world PDFs of the pdf.js test corpus beside the repo
 * (../shared/corpus/pdfjs): several files with text go into one bundle; every page is
 * there, stamped and labelled, each listed phrase is on its page of the bundle, and qpdf
 * finds the file clean. Skipped, with a message, where the corpus is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourtBundle } from '../../electron/services/court/build.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { DEFAULT_COURT_OPTIONS } from '../../shared/ipc/contract.ts';
import { pdfjsPages, qpdfCheck } from '../unit/court-helpers.ts';

const CORPUS = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const MANIFEST = path.join(CORPUS, 'manifest.json');
const present = fs.existsSync(MANIFEST);

interface Entry {
  name: string;
  pages: number | null;
  expected_behaviour: string;
  phrases?: { page: number; phrase: string; ocr_garbled?: boolean }[];
}

/** Born-digital files with text and phrases, small enough for a unit-test budget. */
const chosen: Entry[] = present
  ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: Entry[] }).files
      .filter((e) => e.expected_behaviour === 'text' && e.pages !== null && e.pages <= 12 && (e.phrases ?? []).length > 0)
      .slice(0, 8)
  : [];
if (!present)
  console.warn(
    `Court bundle corpus test skipped: ${MANIFEST} not found (the corpus sits beside the repo in the development workplace only).`,
  );

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

describe.skipIf(!present)('court bundle over the pdf.js corpus', () => {
  let s: Services | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-court-corpus-'));
  afterAll(async () => {
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('bundles several real PDFs: every page, stamp, label and phrase in place, qpdf clean', async () => {
    s = openServices({ caseDir: path.join(dir, 'case'), create: true, actor: () => 'corpus', rememberCase: false });
    const imported = await callTyped(s.router, 'import.start', {
      jobId: 'court-corpus',
      paths: chosen.map((e) => path.join(CORPUS, e.name)),
      ocr: false,
    });
    const ok = chosen.flatMap((e) => {
      const r = imported.find((x) => path.basename(x.path) === e.name);
      return r?.status === 'imported' ? [{ e, documentId: r.documentId! }] : [];
    });
    expect(ok.length).toBeGreaterThanOrEqual(3);
    const out = path.join(dir, 'corpus-bundle.pdf');
    const r = await buildCourtBundle(
      { store: s.store, pool: s.pool, sessionPassword: () => null },
      {
        cover: { title: 'Corpus bundle', date: '2026-01-01', preparedBy: 'corpus' },
        sections: [{ title: 'Corpus', documentIds: ok.map((x) => x.documentId) }],
        options: { ...DEFAULT_COURT_OPTIONS, prefix: 'C-', digits: 4 },
      },
      { out, caseName: 'corpus' },
    );
    expect(r.pages).toBe(1 + r.indexPages + ok.reduce((n, x) => n + x.e.pages!, 0));
    const check = qpdfCheck(out);
    expect(check.ok, check.output).toBe(true);
    const { texts, labels } = await pdfjsPages(out);
    expect(labels).toEqual(Array.from({ length: r.pages }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`));
    for (let n = 2; n <= r.pages; n++) expect(texts[n - 1], `page ${n}`).toContain(`C-${String(n).padStart(4, '0')}`);
    for (const [i, { e }] of ok.entries()) {
      const entry = r.entries[i]!;
      for (const p of e.phrases ?? []) {
        if (p.ocr_garbled) continue;
        const page = squash(texts[entry.firstPage + p.page - 2]!);
        const words = p.phrase.split(/\s+/).filter(Boolean);
        expect(
          words.every((w) => page.includes(squash(w))),
          `${e.name}: "${p.phrase}" on its page ${p.page}`,
        ).toBe(true);
      }
    }
  }, 300_000);
});
