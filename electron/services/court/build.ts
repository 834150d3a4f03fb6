/**
 * Building a court bundle: the cover, the index, then each section's documents, every page
 * stamped with its bundle number (equal to its PDF page number), page labels matching the
 * stamps, one bookmark per section and per document, index entries linking to their pages.
 *
 * Phases (each reported through `onProgress`, each cancellable): checking every document
 * before anything is done; documents (copied one at a time, each page checked for ink
 * under its stamp); index; stamping; saving (to a temporary file renamed at the end).
 */
import fs from 'node:fs';
import { PDFDocument, type PDFPage } from 'pdf-lib';
import type {
  CourtBundleResult,
  CourtEntry,
  CourtPlanBody,
  CourtProgress,
  DocumentSummary,
} from '../../../shared/ipc/contract.ts';
import type { CaseStore } from '../case/case.ts';
import { breatheNow, breather } from '../jobs/breathe.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import { buildModel, type BundleHighlight } from '../report/model.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { checkPlan } from './check.ts';
import { drawCover } from './cover.ts';
import { documentDetail } from './detail.ts';
import { drawIndex, INDEX_PAGE, layoutIndex, type IndexItem } from './index-pages.ts';
import { indexDocx } from './index-docx.ts';
import { labelRanges, setPageLabels, stampText } from './numbering.ts';
import { setOutline, type OutlineNode } from './outline.ts';
import { placeDocument, type PageStamp } from './place.ts';
import { sheetOf } from './sheet.ts';
import { sourcePdf, type SourceOptions } from './sources.ts';
import { drawStamp, STAMP_SIZE, stampBox } from './stamp.ts';
import { embedBundleFont } from './text.ts';
import { writeAtomically } from './write.ts';

export interface CourtBuildContext {
  store: CaseStore;
  pool: WorkerPool;
  /** An encrypted PDF's password held for this session (by the document's SHA-256), if any. */
  sessionPassword(sha256: string): string | null;
  /** Hold a password that opened an encrypted PDF for the rest of the session (not stored). */
  rememberPassword?: ((sha256: string, password: string) => void) | undefined;
}

export interface CourtBuildOptions {
  out: string;
  /** Also write the index as DOCX at this path. */
  indexDocx?: string | undefined;
  /** Passwords to try on encrypted PDFs the session holds none for. */
  passwords?: string[] | undefined;
  /** The case's name, for the cover. */
  caseName: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Omit<CourtProgress, 'jobId'>) => void) | undefined;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function buildCourtBundle(
  ctx: CourtBuildContext,
  plan: CourtPlanBody,
  opts: CourtBuildOptions,
): Promise<CourtBundleResult> {
  const { options } = plan;
  const { signal } = opts;
  const report = (phase: CourtProgress['phase'], done: number, total: number, item: string | null = null) =>
    opts.onProgress?.({ phase, done, total, item });
  const source: SourceOptions = { passwords: opts.passwords, highlights: options.highlights, notes: options.notes, signal };

  const sections = await checkPlan(ctx, plan, source, (d, t, item) => report('checking', d, t, item));
  const docs = sections.flatMap((s) => s.docs);
  const listed = docs.reduce((n, d) => n + d.pages, 0);

  const out = await PDFDocument.create({ updateMetadata: false });
  const font = await embedBundleFont(out);
  const date = plan.cover.date ?? today();

  // The index is laid out from titles alone, so its length (and every later page number) is known now.
  const bound = 1 + listed + docs.length + plan.sections.length;
  const widest = `${stampText(bound, options)} – ${stampText(bound, options)}`;
  const layout = layoutIndex(
    font,
    sections.map((s) => ({
      title: s.title,
      docs: s.docs.map((d) => ({ documentId: d.documentId, title: d.title, detail: documentDetail(d) })),
    })),
    widest,
  );
  const cover = out.addPage(INDEX_PAGE);
  const indexPages = layout.pages.map(() => out.addPage(INDEX_PAGE));
  const front = 1 + indexPages.length;

  const highlights = options.highlights ? caseHighlights(ctx, opts.caseName) : new Map<string, BundleHighlight[]>();
  const stamps: PageStamp[] = [];
  const grown: number[] = [];
  const warnings: string[] = [];
  const placed = new Map<string, { first: number; last: number; page: PDFPage; outline: OutlineNode[] }>();
  let next = front + 1;
  let done = 0;
  report('documents', 0, listed);
  for (const doc of docs) {
    throwIfCancelled(signal);
    const src = await sourcePdf(ctx, doc, source);
    const r = await placeDocument(out, doc, src, next, {
      options,
      font,
      highlights: highlights.get(doc.documentId) ?? [],
      signal,
      onPage: (title) => report('documents', ++done, Math.max(listed, done), title),
    });
    stamps.push(...r.stamps);
    grown.push(...r.grown);
    warnings.push(...r.warnings);
    if (r.pages.length === 0) warnings.push(`"${doc.title}" has no pages; it is listed in the index without any`);
    else placed.set(doc.documentId, { first: next, last: next + r.pages.length - 1, page: r.pages[0]!, outline: r.outline });
    next += r.pages.length;
  }
  const total = next - 1;

  report('index', 0, indexPages.length);
  const pages = out.getPages();
  const pagesText = (first: number, last: number) =>
    first === last ? stampText(first, options) : `${stampText(first, options)} – ${stampText(last, options)}`;
  const sectionSpan = (docsOf: DocumentSummary[]) => {
    const spans = docsOf.map((d) => placed.get(d.documentId)).filter((x) => x !== undefined);
    return spans.length ? { first: spans[0]!.first, last: spans.at(-1)!.last, page: spans[0]!.page } : null;
  };
  drawIndex(out, indexPages, font, layout, (item: IndexItem) => {
    const s = sections[item.section]!;
    const span = item.doc === null ? sectionSpan(s.docs) : (placed.get(s.docs[item.doc]!.documentId) ?? null);
    return span ? { pagesText: pagesText(span.first, span.last), page: span.page.ref } : { pagesText: '—', page: null };
  });
  drawCover(cover, font, { cover: plan.cover, caseName: opts.caseName, date, pages: total, documents: docs.length });
  report('index', indexPages.length, indexPages.length);

  // The bundle's own pages are stamped in margins kept clear for it.
  const own: PageStamp[] = [...(options.stampCover ? [cover] : []), ...indexPages].map((page) => {
    const n = pages.indexOf(page) + 1;
    const text = stampText(n, options);
    const sheet = sheetOf(page);
    return {
      page,
      sheet,
      text,
      box: stampBox(sheet, options.stampPosition, font.width(text, STAMP_SIZE), font.font.heightAtSize(STAMP_SIZE)),
    };
  });
  const all = [...own, ...stamps];
  const breathe = breather();
  for (const [i, s] of all.entries()) {
    await breathe();
    throwIfCancelled(signal);
    drawStamp(s.page, s.sheet, s.box, font.safe(s.text), font.font, s.strip);
    report('stamping', i + 1, all.length);
  }

  setPageLabels(out, labelRanges(total, options));
  const entries: CourtEntry[] = [];
  const outline: OutlineNode[] = [];
  for (const s of sections) {
    const span = sectionSpan(s.docs);
    const children: OutlineNode[] = [];
    for (const d of s.docs) {
      const p = placed.get(d.documentId);
      if (!p) continue;
      entries.push({ section: s.title, documentId: d.documentId, title: d.title, firstPage: p.first, lastPage: p.last });
      children.push({ title: d.title, page: p.page.ref, children: p.outline });
    }
    if (span) outline.push({ title: s.title, page: span.page.ref, children });
    else warnings.push(`Section "${s.title}" has no pages: it is in the index but has no bookmark`);
  }
  setOutline(out, [{ title: 'Index', page: indexPages[0]!.ref, children: [] }, ...outline]);
  out.setTitle(plan.cover.title, { showInWindowTitleBar: true });
  out.setSubject(opts.caseName);
  out.setCreator('Exhibit');
  out.setProducer('Exhibit (pdf-lib)');
  out.setCreationDate(new Date());
  out.setModificationDate(new Date());
  if (font.missing.size > 0)
    warnings.push(`The bundle's font lacks ${[...font.missing].join(' ')}: shown as "?" in the cover, index or stamps`);
  if (grown.length > 0)
    warnings.push(
      `${grown.length} page(s) had content where the stamp goes and were put on a slightly larger sheet: ${grown.join(', ')}`,
    );

  throwIfCancelled(signal);
  report('saving', 0, 1);
  await breatheNow();
  const bytes = await out.save({ useObjectStreams: false });
  throwIfCancelled(signal);
  let docxPath: string | null = null;
  let docxBytes: Uint8Array | null = null;
  if (opts.indexDocx) {
    docxBytes = await indexDocx(
      { title: plan.cover.title, caseName: opts.caseName, date },
      sections.map((s) => {
        const span = sectionSpan(s.docs);
        return {
          title: s.title,
          pages: span ? pagesText(span.first, span.last) : '—',
          rows: s.docs.map((d) => {
            const p = placed.get(d.documentId);
            return { section: s.title, title: d.title, detail: documentDetail(d), pages: p ? pagesText(p.first, p.last) : '—' };
          }),
        };
      }),
    );
  }
  await writeAtomically(opts.out, bytes, signal);
  if (opts.indexDocx && docxBytes) {
    try {
      await writeAtomically(opts.indexDocx, docxBytes, signal);
    } catch (err) {
      // One job, one outcome: a bundle without the index it was asked with is taken back.
      fs.rmSync(opts.out, { force: true });
      throw err;
    }
    docxPath = opts.indexDocx;
  }
  report('saving', 1, 1);
  return {
    out: opts.out,
    pages: total,
    coverPages: 1,
    indexPages: indexPages.length,
    entries,
    shrunkPages: grown,
    indexDocx: docxPath,
    warnings,
  };
}

/** The case's highlights, by document, with their links (notes and allegations go in /Contents). */
function caseHighlights(ctx: CourtBuildContext, caseName: string): Map<string, BundleHighlight[]> {
  const model = buildModel(ctx.store.db, caseName, '');
  const byDoc = new Map<string, BundleHighlight[]>();
  for (const h of model.highlights) byDoc.set(h.documentId, [...(byDoc.get(h.documentId) ?? []), h]);
  return byDoc;
}
