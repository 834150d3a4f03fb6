/**
 * A bundle carries its PDFs' pages (data/pages/*.pages.json), so a colleague imports an
 * encrypted PDF without its password and every highlight lands on the same glyphs. A
 * bundle made before (no carried pages) still imports: the command line's --password opens
 * its encrypted PDF, and a missing or wrong password is said and changes nothing. Carried
 * text that disagrees with the bundle's own quotes, or does not hold together, is refused
 * naming the document. Pages measured before glyph geometry travel as they are, and the
 * importing case re-measures them itself. The encrypted PDF is a real one: a LibreOffice
 * letter, encrypted with qpdf (AES-256).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pagesPath } from '../../electron/services/bundle/carried-pages.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { remeasureCase } from '../../electron/services/geometry/remeasure.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { callTyped } from '../../electron/services/router.ts';
import { ageDocument } from '../fixtures/age-case.ts';
import { resealBundle } from '../fixtures/reseal.ts';
import { readAll } from '../fixtures/zip.ts';
import { blobFiles, exhibit, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const LETTER = fileURLToPath(new URL('../fixtures/geometry/libreoffice.pdf', import.meta.url));
const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;
const QUOTE = 'We categorically reject the suggestion';

/** A case holding the letter encrypted (imported with its password), a plain PDF and a text letter, each highlighted. */
async function lockedCase() {
  const s = newCase();
  const dir = tempDir();
  const locked = path.join(dir, 'letter-locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', LETTER, locked]);
  const [letter] = await importFiles(s, [locked], { password: 'user-pw' });
  const [plain, note] = await importFiles(s, [
    writePdf(dir, 'annex.pdf', { pages: [{ lines: ['Annex B: the affidavit.'] }, { lines: ['Servers in Veloria.'] }] }),
    writeFile(dir, 'note.txt', 'A field note about the convoy.'),
  ]);
  const h = await callTyped(s.router, 'highlights.create', {
    documentId: letter!.documentId!,
    targets: [{ page: 1, quote: QUOTE }],
    note: 'Flat denial',
  });
  await callTyped(s.router, 'highlights.create', { documentId: plain!.documentId!, targets: [{ page: 2, quote: 'Veloria' }] });
  await callTyped(s.router, 'highlights.create', { documentId: note!.documentId!, targets: [{ page: 1, quote: 'convoy' }] });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Staff installed the software' });
  await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'denies' });
  const documents = await callTyped(s.router, 'documents.list', {});
  const doc = (id: string) => documents.find((d) => d.documentId === id)!;
  const zip = path.join(tempDir(), 'bundle.zip');
  await callTyped(s.router, 'bundle.export', { path: zip });
  return { s, zip, locked: doc(letter!.documentId!), plain: doc(plain!.documentId!), note: doc(note!.documentId!) };
}

/** A document's pages as the case stores them. */
const pagesOf = (db: Database.Database, documentId: string) =>
  db
    .prepare(
      'SELECT page_index, label, width, height, rotation, text, search_text, items FROM pages WHERE document_id = ? ORDER BY page_index',
    )
    .all(documentId);

/** Every highlight part: its quote, offsets and boxes. */
const targetsOf = (db: Database.Database) =>
  db
    .prepare(
      'SELECT highlight_id, ordinal, page_index, exact, start_offset, end_offset, rects FROM highlight_targets ORDER BY highlight_id, ordinal',
    )
    .all();

/** What a failed import must leave as it was. */
const snapshot = (db: Database.Database) =>
  ['documents', 'pages', 'highlights', 'highlight_targets', 'allegations', 'links', 'audit'].map(
    (t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
  );

const stagingLeft = (caseDir: string) => fs.readdirSync(caseDir).filter((f) => f.startsWith('.staging-'));

/** The bundle as an earlier Exhibit wrote it: no data/pages/, re-sealed with `key`. */
async function olderBundle(zip: string, configDir: string): Promise<string> {
  const out = path.join(tempDir(), 'older.zip');
  await resealBundle(zip, out, reviewerKey(configDir), {
    files: (files) => {
      for (const name of [...files.keys()]) if (name.startsWith('data/pages/')) files.delete(name);
    },
  });
  return out;
}

describe.skipIf(!hasQpdf)('bundles carrying their PDFs’ pages (needs qpdf)', () => {
  it('merge an encrypted PDF without its password: same pages, geometry, highlights and boxes', async () => {
    const { s: a, zip, locked, plain, note } = await lockedCase();
    const files = await readAll(zip);
    // One file per PDF, listed in the manifest; the text letter carries none.
    expect([...files.keys()].filter((n) => n.startsWith('data/pages/')).sort()).toEqual(
      [pagesPath(locked), pagesPath(plain)].sort(),
    );
    expect(pagesPath(locked)).toBe(`data/pages/${locked.sha256.slice(0, 12)}-letter-locked.pdf.pages.json`);
    const manifest = files.get('manifest-sha256.txt')!.toString('utf8');
    expect(manifest).toContain(`  ${pagesPath(locked)}\n`);
    expect(manifest).not.toContain(`data/pages/${note.sha256.slice(0, 12)}`);
    const carried = files.get(pagesPath(locked))!.toString('utf8');
    // A line per page between a head and a tail line, and the whole a JSON document.
    expect(carried.split('\n')).toHaveLength(1 + locked.pages + 2);
    expect(JSON.parse(carried)).toMatchObject({
      schema: 'exhibit-pages/1',
      sha256: locked.sha256,
      pageCount: locked.pages,
      geometry: 1,
      metadata: { encrypted: true },
    });
    const report = await callTyped(a.router, 'bundle.verify', { path: zip });
    expect(report).toMatchObject({ ok: true, problems: [] });

    const b = newCase();
    const result = await callTyped(b.router, 'bundle.import', { path: zip, acceptSigner: report.signer!.fingerprint });
    expect(result).toMatchObject({ documents: { added: 3, known: 0 }, highlights: { added: 3 }, links: { added: 1 } });
    for (const d of [locked, plain, note])
      expect(pagesOf(b.store.db, d.documentId), d.title).toEqual(pagesOf(a.store.db, d.documentId));
    expect(targetsOf(b.store.db)).toEqual(targetsOf(a.store.db));
    const merged = await callTyped(b.router, 'documents.get', { documentId: locked.documentId });
    const mine = await callTyped(a.router, 'documents.get', { documentId: locked.documentId });
    expect(merged).toMatchObject({ sha256: locked.sha256, pages: locked.pages, metadata: mine.metadata });
    expect(merged.extractorVersion).toBe(mine.extractorVersion);
    const [h] = await callTyped(b.router, 'highlights.list', { documentId: locked.documentId });
    expect(h!.targets.map((t) => [t.anchor, t.quote.exact])).toEqual([['ok', QUOTE]]);
    expect((await callTyped(b.router, 'search.query', { query: 'categorically' })).total).toBe(1);
    // The original itself came along byte for byte, and the case needs no re-measuring.
    expect(fs.readFileSync(path.join(b.store.dir, 'blobs', 'sha256', locked.sha256.slice(0, 2), locked.sha256))).toEqual(
      fs.readFileSync(path.join(a.store.dir, 'blobs', 'sha256', locked.sha256.slice(0, 2), locked.sha256)),
    );
    expect(await b.geometry.idle()).toEqual([]);
  });

  it('open an older bundle’s encrypted PDF with import-bundle --password; without one or with a wrong one, say so and change nothing', async () => {
    const { s: a, zip, locked } = await lockedCase();
    const keyDir = path.join(tempDir(), 'earlier-exhibit');
    const older = await olderBundle(zip, keyDir);
    const signer = reviewerKey(keyDir).fingerprint;
    const home = tempDir('exhibit-home-');
    const caseDir = path.join(tempDir(), 'colleague');
    expect(exhibit(['init', caseDir], { HOME: home }).code).toBe(0);
    const cli = (...more: string[]) =>
      exhibit(['--case', caseDir, 'import-bundle', older, '--accept-signer', signer, ...more], { HOME: home });
    const db = () => new Database(path.join(caseDir, 'case.sqlite'), { readonly: true });
    const look = () => {
      const d = db();
      try {
        return { rows: snapshot(d), staging: stagingLeft(caseDir), blobs: fs.existsSync(path.join(caseDir, 'blobs', 'sha256')) };
      } finally {
        d.close();
      }
    };
    const before = look();
    expect(before.rows[0]).toBe(0);

    const none = cli();
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      '"letter-locked" is an encrypted PDF and needs its password: the bundle does not carry its pages (an earlier Exhibit made it)',
    );
    expect(none.stderr).toContain('Nothing was imported; the case is unchanged.\nGive its password with --password P.');
    expect(look()).toEqual(before);

    const wrong = cli('--password', 'not-it');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the password given does not open "letter-locked", an encrypted PDF. Nothing was imported');
    expect(look()).toEqual(before);

    // Several are tried in turn; the right one opens it.
    const right = exhibit(
      [
        '--case',
        caseDir,
        '--json',
        'import-bundle',
        older,
        '--accept-signer',
        signer,
        '--password',
        'not-it',
        '--password',
        'user-pw',
      ],
      { HOME: home },
    );
    expect(right.code, right.stderr).toBe(0);
    expect(right.lines()[0]).toMatchObject({ documents: { added: 3 }, highlights: { added: 3 }, links: { added: 1 } });
    const d = db();
    try {
      expect(pagesOf(d, locked.documentId)).toEqual(pagesOf(a.store.db, locked.documentId));
      expect(targetsOf(d)).toEqual(targetsOf(a.store.db));
    } finally {
      d.close();
    }
  });

  it('refuse carried pages that disagree with the bundle’s own quotes or do not hold together, naming the document, and change nothing', async () => {
    const { zip, locked, plain } = await lockedCase();
    const keyDir = path.join(tempDir(), 'forger');
    const signer = reviewerKey(keyDir).fingerprint;
    type Carried = { schema: string; sha256: string; pages: { text: string; items: number[][] }[] };
    const forged = async (name: string, edit: (c: Carried) => void) => {
      const out = path.join(tempDir(), name);
      await resealBundle(zip, out, reviewerKey(keyDir), {
        files: (files) => {
          const c = JSON.parse(files.get(pagesPath(locked))!.toString('utf8')) as Carried;
          edit(c);
          files.set(pagesPath(locked), Buffer.from(JSON.stringify(c)));
        },
      });
      return out;
    };
    const where = `the pages the bundle carries for "letter-locked" (${pagesPath(locked)})`;
    const cases: [string, (c: Carried) => void, string][] = [
      [
        'reworded.zip',
        (c) => (c.pages[0]!.text = c.pages[0]!.text.replace('categorically reject', 'categorically accept')),
        `${where} do not read "${QUOTE}" on page 1 where highlight`,
      ],
      ['elsewhere.zip', (c) => (c.sha256 = plain.sha256), `${where} are those of another file`],
      [
        'overrun.zip',
        (c) => (c.pages[0]!.items[0]![1] = 1e6),
        `${where} are wrong on page 1: items.0 points outside the page's text`,
      ],
      ['newer.zip', (c) => (c.schema = 'exhibit-pages/2'), `${where} are "exhibit-pages/2", not exhibit-pages/1`],
      ['short.zip', (c) => c.pages.pop(), `${where} hold 0 page(s) where the document has 1`],
    ];
    const b = newCase();
    const before = snapshot(b.store.db);
    for (const [name, edit, message] of cases) {
      const file = await forged(name, edit);
      const err = await callTyped(b.router, 'bundle.import', { path: file, acceptSigner: signer }).catch((e: unknown) => e);
      expect(err, name).toMatchObject({ code: 'invalid-args' });
      expect((err as Error).message, name).toContain(message);
      expect((err as Error).message, name).toMatch(/; nothing was imported$/);
      expect(snapshot(b.store.db), name).toEqual(before);
      expect(stagingLeft(b.store.dir), name).toEqual([]);
      expect(blobFiles(b), name).toEqual([]);
    }
  });
});

describe('bundles carrying their PDFs’ pages', () => {
  it('carry pages measured before glyph geometry as they are, so the importing case re-measures them as their own case would', async () => {
    const a = newCase();
    const [doc] = await importFiles(a, [
      writePdf(tempDir(), 'memo.pdf', { pages: [{ lines: ['The licence was granted in May.'] }] }),
    ]);
    const documentId = doc!.documentId!;
    await callTyped(a.router, 'highlights.create', { documentId, targets: [{ page: 1, quote: 'granted in May' }] });
    ageDocument(a.store.db, documentId);
    const zip = path.join(tempDir(), 'aged.zip');
    await callTyped(a.router, 'bundle.export', { path: zip });
    const carried = JSON.parse(
      (await readAll(zip)).get(`data/pages/${doc!.sha256!.slice(0, 12)}-memo.pdf.pages.json`)!.toString(),
    );
    expect(carried).toMatchObject({ geometry: null, pages: [{ glyphs: null }] });

    const b = newCase();
    await importBundle(b.store, zip, { pool: b.pool, actor: 'B' });
    expect(pagesOf(b.store.db, documentId)).toEqual(pagesOf(a.store.db, documentId));
    expect(targetsOf(b.store.db)).toEqual(targetsOf(a.store.db));
    const geometry = b.store.db.prepare('SELECT geometry FROM documents WHERE id = ?').pluck();
    expect(geometry.get(documentId)).toBeNull();
    const [done] = await remeasureCase(b.store, b.pool, 'B');
    expect(done).toMatchObject({ documentId, pages: 1, targets: 1, failure: null });
    expect(geometry.get(documentId)).toBe(1);
  });
});
