/** Reading a built court bundle back for the court-*.test.ts files: pdf.js, poppler and qpdf, as a reader would. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { buildCourtBundle, type CourtBuildOptions } from '../../electron/services/court/build.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import type { Services } from '../../electron/services/services.ts';
import { DEFAULT_COURT_OPTIONS, type CourtOptions, type CourtPlanBody } from '../../shared/ipc/contract.ts';

export function plan(sections: [string, string[]][], options: Partial<CourtOptions> = {}): CourtPlanBody {
  return {
    cover: { title: 'Bundle for the hearing', date: '2026-01-15', preparedBy: 'Test Reviewer' },
    sections: sections.map(([title, documentIds]) => ({ title, documentIds })),
    options: { ...DEFAULT_COURT_OPTIONS, ...options },
  };
}

export function build(s: Services, body: CourtPlanBody, opts: Partial<CourtBuildOptions> & { out: string }) {
  return buildCourtBundle({ store: s.store, pool: s.pool, sessionPassword: () => null }, body, {
    caseName: 'Test case',
    ...opts,
  });
}

/** Each page's text as pdf.js extracts it (items joined by spaces). */
export async function pdfjsPages(file: string): Promise<{ texts: string[]; labels: string[] | null }> {
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(file)), null);
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const tc = await page.getTextContent();
      texts.push(tc.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    return { texts, labels: await doc.getPageLabels() };
  } finally {
    await destroy();
  }
}

/** Where each index link and each bookmark goes: 1-based page numbers, by title for bookmarks. */
export async function pdfjsTargets(
  file: string,
  indexPages: number[],
): Promise<{ links: number[]; bookmarks: Map<string, number> }> {
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(file)), null);
  try {
    const pageOf = async (dest: unknown): Promise<number> => {
      const arr = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[]);
      return (await doc.getPageIndex(arr![0] as never)) + 1;
    };
    const links: number[] = [];
    for (const n of indexPages) {
      const annots = (await (await doc.getPage(n)).getAnnotations()) as { subtype: string; dest?: unknown }[];
      for (const a of annots) if (a.subtype === 'Link' && a.dest) links.push(await pageOf(a.dest));
    }
    const bookmarks = new Map<string, number>();
    const walk = async (items: { title: string; dest: unknown; items: unknown[] }[] | null) => {
      for (const i of items ?? []) {
        bookmarks.set(i.title, await pageOf(i.dest));
        await walk(i.items as never);
      }
    };
    await walk((await doc.getOutline()) as never);
    return { links, bookmarks };
  } finally {
    await destroy();
  }
}

/** Poppler's text of one page. */
export function popplerText(file: string, page: number): string {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Poppler's word boxes of one page (points from the shown top-left corner, y down) and the page's shown size. */
export function popplerWords(file: string, page: number): { width: number; height: number; words: Word[] } {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext -bbox failed: ${r.stderr}`);
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(r.stdout)!;
  const words = [
    ...r.stdout.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! }));
  return { width: +size[1]!, height: +size[2]!, words };
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export const overlaps = (a: Word, b: Word) => a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;

/** A one-page PDF with text running into the bottom margin, where a bottom stamp would go. */
export async function marginPdf(file: string): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('Margin letter first line', { x: 72, y: 700, size: 12, font });
  for (let y = 10; y < 60; y += 12)
    page.drawText(Array.from({ length: 19 }, () => 'footer').join(' '), { x: 20, y, size: 10, font });
  fs.writeFileSync(file, await doc.save());
}

/** A one-page PDF whose MediaBox does not start at 0,0 and is wider than tall. */
export async function oddBoxPdf(file: string): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([900, 400]);
  page.setMediaBox(-200, 100, 900, 400);
  page.drawText('Wide odd box opening line', { x: -100, y: 430, size: 14, font });
  fs.writeFileSync(file, await doc.save());
}
