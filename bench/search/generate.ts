/**
 * Builds (or finds cached) a case of N generated pages for the search benchmark, written
 * straight into SQLite with the real schema: initCase creates it, and rows go in with the
 * same columns and the same search folding as an import. One transaction per document,
 * as imports do, so the FTS5 index has the segment structure a real case grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { foldForSearch } from '../../shared/search/normalize.ts';
import { initCase, openCase, type CaseStore } from '../../electron/services/case/case.ts';
import { GENERATOR_VERSION, pageText } from './corpus.ts';

export const PAGES_PER_DOCUMENT = 100;
const LAYOUT = JSON.stringify({ view: [0, 0, 612, 792], items: [] });

interface Marker {
  version: number;
  pages: number;
  buildSeconds: number;
}

/** The case folder for this size and generator version. */
export function cachedCaseDir(cacheRoot: string, pages: number): string {
  return path.join(cacheRoot, `case-${pages}-v${GENERATOR_VERSION}`);
}

function insertDocumentRows(db: Database, doc: number): void {
  const id = `bench-doc-${String(doc).padStart(6, '0')}`;
  db.prepare(
    `INSERT INTO documents (id, sha256, kind, title, file_name, size, page_count, text_layer, metadata, page_labels,
       imported_at, imported_by, extractor_version)
     VALUES (?, ?, 'pdf', ?, ?, 0, ?, 1, NULL, '[]', ?, 'bench', 'bench generator')`,
  ).run(
    id,
    doc.toString(16).padStart(64, '0'),
    `Generated document ${doc + 1}`,
    `generated-${doc + 1}.pdf`,
    PAGES_PER_DOCUMENT,
    new Date(0).toISOString(),
  );
  const page = db.prepare(
    `INSERT INTO pages (document_id, page_index, label, width, height, rotation, text, search_text, items)
     VALUES (?, ?, NULL, 612, 792, 0, ?, ?, ?)`,
  );
  for (let i = 0; i < PAGES_PER_DOCUMENT; i++) {
    const text = pageText(doc * PAGES_PER_DOCUMENT + i);
    page.run(id, i, text, foldForSearch(text), LAYOUT);
  }
}

/**
 * Open the cached case of `pages` pages, building it first when it is missing or was made
 * by another generator version. Reports progress through `log` while building.
 */
export function generatedCase(
  cacheRoot: string,
  pages: number,
  log: (line: string) => void,
): { store: CaseStore; buildSeconds: number; cached: boolean } {
  if (pages % PAGES_PER_DOCUMENT !== 0) throw new Error(`page count must be a multiple of ${PAGES_PER_DOCUMENT}`);
  const dir = cachedCaseDir(cacheRoot, pages);
  const markerFile = path.join(dir, 'bench-complete.json');
  if (fs.existsSync(markerFile)) {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker;
    if (marker.version === GENERATOR_VERSION && marker.pages === pages)
      return { store: openCase(dir), buildSeconds: marker.buildSeconds, cached: true };
  }
  // Build beside the final name and rename at the end, so an interrupted build is never taken for a cached one.
  const building = `${dir}.building`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const t0 = performance.now();
  const store = initCase(building, 'bench');
  // Durability is pointless for a throw-away case and would only slow the build.
  store.db.pragma('synchronous = OFF');
  const docs = pages / PAGES_PER_DOCUMENT;
  const insert = store.db.transaction((doc: number) => insertDocumentRows(store.db, doc));
  let lastLog = performance.now();
  for (let doc = 0; doc < docs; doc++) {
    insert(doc);
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  generating ${pages.toLocaleString('en')} pages: ${(((doc + 1) / docs) * 100).toFixed(0)}%`);
    }
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const buildSeconds = (performance.now() - t0) / 1000;
  fs.renameSync(building, dir);
  fs.writeFileSync(markerFile, JSON.stringify({ version: GENERATOR_VERSION, pages, buildSeconds } satisfies Marker));
  return { store: openCase(dir), buildSeconds, cached: false };
}
