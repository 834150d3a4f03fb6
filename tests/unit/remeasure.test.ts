/**
 * Cases made before glyph geometry: their PDFs' highlight boxes were an even share of each
 * line's width. Opened now, each such document is extracted again and its highlights'
 * boxes are cut from the glyphs (checked against poppler and MuPDF), in the app and
 * before any command line command; what cannot be opened is said and left as it was.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../shared/ipc/contract.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { pageLayout } from '../../electron/services/highlights/targets.ts';
import { ageDocument } from '../fixtures/age-case.ts';
import { boxProblems, haveTool, mupdfChars, popplerWords } from '../fixtures/geometry-tools.ts';
import { exhibit, importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const LETTER = path.resolve('tests/fixtures/geometry/libreoffice.pdf');
const QUOTES = ['nowledge receipt of your communicati', 'OWAL, WAVY TYPOGRAPH'];

function reopen(s: Services): Services {
  const home = tempDir('exhibit-user-');
  return openServices({
    caseDir: s.store.dir,
    actor: () => 'Second Reviewer',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    rememberCase: false,
    backup: false,
  });
}

async function letterCase() {
  const s = newCase();
  const [r] = await importFiles(s, [LETTER]);
  const documentId = r!.documentId!;
  const made: Highlight[] = [];
  for (const quote of QUOTES)
    made.push(await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote }] }));
  ageDocument(s.store.db, documentId);
  return { s, documentId, made };
}

const tools = haveTool('pdftotext') && haveTool('mutool');

describe.skipIf(!tools)('re-measuring documents from before glyph geometry (needs poppler-utils and mupdf-tools)', () => {
  it("cuts an older case's highlight boxes from the glyphs when it opens, once, and records it", async () => {
    const { s, documentId, made } = await letterCase();
    const aged = await callTyped(s.router, 'highlights.list', { documentId });
    const view = pageLayout(s.store.db, documentId, 1).view!;
    const measured = { words: popplerWords(LETTER, 1, view), chars: mupdfChars(LETTER, 1, view) };
    // The aged boxes are off the glyphs, as they were before.
    expect(aged.some((h) => boxProblems(h.targets[0]!.rects, h.targets[0]!.quote.exact, measured).length > 0)).toBe(true);
    await s.close();

    const again = reopen(s);
    try {
      const done = await again.geometry.idle();
      expect(done).toEqual([
        expect.objectContaining({ documentId, pages: 1, pagesKept: 0, targets: QUOTES.length, failure: null }),
      ]);
      const now = await callTyped(again.router, 'highlights.list', { documentId });
      for (const h of now) {
        const t = h.targets[0]!;
        expect(t.anchor).toBe('ok');
        expect(boxProblems(t.rects, t.quote.exact, measured), t.quote.exact).toEqual([]);
        // Quotes, offsets, times and ids are untouched: only the boxes are new.
        const before = made.find((m) => m.highlightId === h.highlightId)!;
        expect({ ...t, rects: [] }).toEqual({ ...before.targets[0]!, rects: [] });
        expect(h.updatedAt).toBe(before.updatedAt);
      }
      const audit = again.store.db
        .prepare("SELECT actor, payload FROM audit WHERE action = 'document.remeasure' AND entity_id = ?")
        .all(documentId) as { actor: string; payload: string }[];
      expect(audit.map((a) => ({ actor: a.actor, ...JSON.parse(a.payload) }))).toEqual([
        { actor: 'Second Reviewer', geometry: 1, pages: 1, pagesKept: 0, targets: QUOTES.length },
      ]);
      expect((await callTyped(again.router, 'audit.verify', {})).ok).toBe(true);
    } finally {
      await again.close();
    }
    // Once is enough: the next open finds nothing to do.
    const third = reopen(s);
    expect(await third.geometry.idle()).toEqual([]);
    await third.close();
  });

  it('keeps a page whose text now reads differently, and its highlights, as they were', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'two.pdf', {
      pages: [{ lines: ['The first page says the devices were never accessed.'] }, { lines: ['The second page lists annexes.'] }],
    });
    const [r] = await importFiles(s, [file]);
    const documentId = r!.documentId!;
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, quote: 'lists annexes' }] });
    ageDocument(s.store.db, documentId);
    // As if an older pdf.js had read page 2 with other spacing.
    s.store.db.prepare("UPDATE pages SET text = text || ' ' WHERE document_id = ? AND page_index = 1").run(documentId);
    const oldRects = (
      s.store.db.prepare('SELECT rects FROM highlight_targets WHERE highlight_id = ?').get(h.highlightId) as {
        rects: string;
      }
    ).rects;
    await s.close();
    const again = reopen(s);
    try {
      expect(await again.geometry.idle()).toEqual([expect.objectContaining({ pages: 1, pagesKept: 1, targets: 0 })]);
      const rects = (
        again.store.db.prepare('SELECT rects FROM highlight_targets WHERE highlight_id = ?').get(h.highlightId) as {
          rects: string;
        }
      ).rects;
      expect(rects).toBe(oldRects);
    } finally {
      await again.close();
    }
  });

  it.skipIf(!haveTool('qpdf'))(
    'names an encrypted PDF it cannot open without its password, once, and leaves it as it was',
    async () => {
      const s = newCase();
      const dir = tempDir();
      const plain = writePdf(dir, 'plain.pdf', { pages: [{ lines: ['Confidential annex: device forensic summary'] }] });
      const locked = path.join(dir, 'locked.pdf');
      execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
      const [r] = await importFiles(s, [locked], { password: 'user-pw' });
      const documentId = r!.documentId!;
      await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote: 'forensic summary' }] });
      ageDocument(s.store.db, documentId);
      const items = () =>
        (s.store.db.prepare('SELECT items FROM pages WHERE document_id = ?').get(documentId) as { items: string }).items;
      const before = items();
      await s.close();
      const again = reopen(s);
      try {
        const [done] = await again.geometry.idle();
        expect(done!.failure).toMatch(/needs a password/);
        const row = again.store.db
          .prepare('SELECT geometry, (SELECT items FROM pages WHERE document_id = ?) AS items FROM documents WHERE id = ?')
          .get(documentId, documentId) as { geometry: number; items: string };
        expect(row).toEqual({ geometry: 0, items: before });
      } finally {
        await again.close();
      }
      const third = reopen(s);
      expect(await third.geometry.idle()).toEqual([]);
      await third.close();
    },
  );

  it('re-measures before a command line command runs', async () => {
    const { s, documentId } = await letterCase();
    const view = pageLayout(s.store.db, documentId, 1).view!;
    await s.close();
    expect(exhibit(['--case', s.store.dir, 'documents']).code).toBe(0);
    const after = reopen(s);
    try {
      // The command did it: nothing is left for the next open.
      expect(await after.geometry.idle()).toEqual([]);
      const actors = after.store.db.prepare("SELECT actor FROM audit WHERE action = 'document.remeasure'").all();
      expect(actors).toEqual([{ actor: 'CLI Tester' }]);
      const measured = { words: popplerWords(LETTER, 1, view), chars: mupdfChars(LETTER, 1, view) };
      for (const h of await callTyped(after.router, 'highlights.list', { documentId }))
        expect(boxProblems(h.targets[0]!.rects, h.targets[0]!.quote.exact, measured)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
