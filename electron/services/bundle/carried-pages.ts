/**
 * The pages a bundle carries for each of its PDFs, so that a case importing it stores them
 * as the exporting case had them instead of opening the original: an encrypted PDF merges
 * without its password, and every highlight sits on the same text and the same glyphs in
 * both cases, whichever pdf.js each Exhibit runs. Text letters carry none: Exhibit cuts them
 * into pages from their bytes alone, with no password and no pdf.js, and a large dump would
 * travel twice. Bundles made before this file existed have none; their originals are
 * extracted as before (stage.ts), with a password where one is needed.
 *
 * data/pages/<the original's bag name>.pages.json, format exhibit-pages/1 (README.txt,
 * section 6, describes it to readers outside Exhibit), one JSON document laid out a line
 * per page so line tools can read it:
 *
 *   {"schema":"exhibit-pages/1","sha256":…,"pageCount":N,"extractor":"pdfjs-dist …",
 *    "geometry":1,"metadata":{…},"pages":[
 *   {"label":"iv","width":612,"height":792,"rotation":0,"text":"…","view":[x0,y0,x1,y1],
 *    "items":[[start,length,a,b,c,d,e,f,width,height,ascent,descent],…],"glyphs":[[…],null,…]},
 *   …
 *   ]}
 *
 * That is what the case's `pages` rows hold (extracted.ts and shared/anchoring/glyphs.ts
 * say what the items and glyph codes mean); `geometry` is the document's glyph geometry
 * version (null: measured before glyph geometry; 0: could not be re-measured).
 *
 * The file is in the manifest like every payload file, so the signature covers it. The
 * signature says only who sealed the bundle, though, so the merge also checks that every
 * quote of a live highlight reads in the carried text where its offsets say: a bundle
 * cannot bring page text that disagrees with its own highlights. (Export checks the same
 * quotes against the same text before it writes, so every bundle Exhibit makes passes.)
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { quoteFits } from '../../../shared/anchoring/area.ts';
import { ExhibitError } from '../../../shared/errors.ts';
import { PdfMetadata, type DocumentSummary } from '../../../shared/ipc/contract.ts';
import { GEOMETRY_VERSION } from '../geometry/page-glyphs.ts';
import type { ExtractedDocument } from '../ingest/extracted.ts';
import { bagFileName, type BagFile } from './bagit.ts';
import type { CaseFile } from './case-file.ts';

export const PAGES_SCHEMA = 'exhibit-pages/1';

/** Where a document's carried pages sit in the bag: beside data/originals/, under its original's name. */
export const pagesPath = (d: Pick<DocumentSummary, 'sha256' | 'fileName'>): string =>
  `data/pages/${bagFileName(d.sha256, d.fileName)}.pages.json`;

/** A page row's `items` column as extraction writes it (older rows lack glyphs and geometry). */
interface StoredLayout {
  view: number[] | null;
  items: number[][];
  glyphs?: (number[] | null)[] | null;
}

/** The carried pages of one PDF document of the case, as a payload file. */
export function carriedPagesFile(db: Database, d: Pick<DocumentSummary, 'documentId' | 'sha256' | 'fileName'>): BagFile {
  const doc = db
    .prepare('SELECT page_count AS pageCount, extractor_version AS extractor, geometry, metadata FROM documents WHERE id = ?')
    .get(d.documentId) as { pageCount: number; extractor: string; geometry: number | null; metadata: string | null };
  const rows = db
    .prepare('SELECT label, width, height, rotation, text, items FROM pages WHERE document_id = ? ORDER BY page_index')
    .all(d.documentId) as {
    label: string | null;
    width: number;
    height: number;
    rotation: number;
    text: string;
    items: string;
  }[];
  const head = {
    schema: PAGES_SCHEMA,
    sha256: d.sha256,
    pageCount: doc.pageCount,
    extractor: doc.extractor,
    geometry: doc.geometry,
    metadata: doc.metadata ? (JSON.parse(doc.metadata) as unknown) : null,
  };
  const lines = rows.map(({ items, ...page }) => {
    const layout = JSON.parse(items) as StoredLayout;
    return JSON.stringify({ ...page, view: layout.view, items: layout.items, glyphs: layout.glyphs ?? null });
  });
  const text = `${JSON.stringify(head).slice(0, -1)},"pages":[\n${lines.join(',\n')}\n]}\n`;
  return { path: pagesPath(d), bytes: new TextEncoder().encode(text) };
}

const finite = z.number().finite();
// What extraction writes is taken as it is (a number pdf.js could not give is stored as null),
// so that a case never refuses a bundle made by Exhibit; only what would point outside the
// page's text, or mix up its pages, is refused (layoutProblem, readCarriedPages).
const Page = z
  .object({
    label: z.string().max(100_000).nullable(),
    width: finite.nonnegative(),
    height: finite.nonnegative(),
    rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
    text: z.string(),
    view: z.array(finite).length(4).nullable(),
    items: z.array(z.array(finite.nullable()).min(10).max(12)),
    glyphs: z.array(z.array(z.number().int().nullable()).nullable()).nullable(),
  })
  .strict();

const PagesFile = z
  .object({
    schema: z.literal(PAGES_SCHEMA),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256'),
    pageCount: z.number().int().min(0),
    extractor: z.string().min(1).max(200),
    geometry: z.number().int().min(0).max(GEOMETRY_VERSION).nullable(),
    // As the exporting case stored it; a field its Exhibit did not record is left out, not refused.
    metadata: PdfMetadata.partial().nullable(),
    pages: z.array(Page),
  })
  .strict();

type CarriedPage = z.infer<typeof Page>;

/** Where the items of `page` do not fit its text (or the glyph codes its items), or null when they do. */
function layoutProblem(page: CarriedPage): string | null {
  for (const [i, item] of page.items.entries()) {
    const [start, length] = item;
    if (!Number.isInteger(start) || !Number.isInteger(length) || start! < 0 || length! < 0 || start! + length! > page.text.length)
      return `items.${i} points outside the page's text`;
  }
  if (page.glyphs && page.glyphs.length !== page.items.length) return 'glyphs do not match its items';
  return null;
}

/** The page row's `items` column, in the shape extraction writes. */
function storedLayout(page: CarriedPage, geometry: number | null): string {
  const { view, items, glyphs } = page;
  return JSON.stringify(glyphs ? { view, items, glyphs, geometry } : { view, items });
}

/**
 * Read a document's carried pages (the bytes the verified manifest vouched for) into what
 * extraction would have given, checking every field, that they are this document's, and
 * that every quote of the bundle's live highlights on it reads where its offsets say.
 * The error names the bundle, the file and the document; nothing has been stored yet.
 */
export function readCarriedPages(
  file: string,
  doc: CaseFile['documents'][number],
  bytes: Buffer,
  data: Pick<CaseFile, 'highlights'>,
): ExtractedDocument {
  const where = pagesPath(doc);
  const refuse = (why: string) =>
    new ExhibitError(
      'invalid-args',
      `${file}: the pages the bundle carries for "${doc.title}" (${where}) ${why}; nothing was imported`,
      file,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse('are not valid JSON');
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (schema !== PAGES_SCHEMA)
    throw refuse(`are "${String(schema)}", not ${PAGES_SCHEMA} (a newer Exhibit may have made this bundle)`);
  const parsed = PagesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(`are wrong at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const carried = parsed.data;
  if (carried.sha256 !== doc.sha256) throw refuse(`are those of another file (SHA-256 ${carried.sha256.slice(0, 12)}…)`);
  if (carried.pages.length !== carried.pageCount || carried.pageCount !== doc.pages)
    throw refuse(`hold ${carried.pages.length} page(s) where the document has ${doc.pages}`);
  carried.pages.forEach((p, i) => {
    const problem = layoutProblem(p);
    if (problem) throw refuse(`are wrong on page ${i + 1}: ${problem}`);
  });
  checkQuotes(doc, carried.pages, data.highlights, refuse);
  return {
    kind: 'pdf',
    pageCount: carried.pageCount,
    title: carried.metadata?.title ?? null,
    metadata: carried.metadata as PdfMetadata | null,
    pageLabels: carried.pages.map((p) => p.label),
    pages: carried.pages.map((p, index) => ({
      index,
      label: p.label,
      width: p.width,
      height: p.height,
      rotation: p.rotation,
      text: p.text,
      layout: storedLayout(p, carried.geometry),
    })),
    extractorVersion: carried.extractor,
    geometry: carried.geometry,
  };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** Every live highlight's quote on `doc` must read in the carried text where its offsets say. */
function checkQuotes(
  doc: { documentId: string },
  pages: readonly CarriedPage[],
  highlights: CaseFile['highlights'],
  refuse: (why: string) => ExhibitError,
): void {
  for (const h of highlights) {
    if (h.documentId !== doc.documentId) continue;
    for (const t of h.targets) {
      const text = pages[t.page - 1]?.text;
      if (text === undefined) throw refuse(`have no page ${t.page}, which highlight ${h.highlightId.slice(0, 8)} quotes`);
      if (!quoteFits(text, t))
        throw refuse(
          `do not read "${clip(t.quote.exact)}" on page ${t.page} where highlight ${h.highlightId.slice(0, 8)} quotes it`,
        );
    }
  }
}
