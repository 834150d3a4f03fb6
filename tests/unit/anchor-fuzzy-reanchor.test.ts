import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { reanchorDocument, type ReanchorSummary } from '../../electron/services/highlights/reanchor.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { foldForSearch } from '../../shared/search/normalize.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const PAGE_ONE = [
  'We write about the shipment that left Rotterdam on 4 March.',
  'The modern container terminal confirmed the seals were intact.',
  'Our client denies any knowledge of the licences named in the report.',
  'The invoice of 12 April was settled in full by the buyer.',
];
const PAGE_TWO = ['Annex: export licences granted in 2019', 'The company rejects the allegation.'];

async function scannedLetter(pages: string[][] = [PAGE_ONE, PAGE_TWO]): Promise<{ s: Services; documentId: string }> {
  const s = newCase();
  const [r] = await importFiles(s, [writePdf(tempDir(), 'scan.pdf', { pages: pages.map((lines) => ({ lines })) })]);
  return { s, documentId: r!.documentId! };
}

/** Where a new reading puts its lines: 12 pt, 6 pt per character, from x = 72, lines 15.6 pt apart from y = 720. */
const CHAR = 6;
const lineY = (line: number) => 720 - 15.6 * line;
const r2 = (n: number) => Math.round(n * 100) / 100;
/** The box of `length` characters from column `col` of new line `line` (default ascent 0.8, descent 0.2 of 12 pt). */
const boxAt = (line: number, col: number, length: number) => [
  72 + col * CHAR,
  r2(lineY(line) - 2.4),
  72 + (col + length) * CHAR,
  r2(lineY(line) + 9.6),
];

/**
 * Replace the document's page text as a new OCR reading would (text, search text, item
 * positions) and re-anchor in the same transaction, as the re-OCR job is to.
 */
function reread(db: Database, documentId: string, pages: Map<number, string[]>): ReanchorSummary {
  return db.transaction(() => {
    const rows = db.prepare('SELECT page_index, text, items FROM pages WHERE document_id = ?').all(documentId) as {
      page_index: number;
      text: string;
      items: string;
    }[];
    const old = new Map(rows.map((r) => [r.page_index, r.text]));
    const update = db.prepare('UPDATE pages SET text = ?, search_text = ?, items = ? WHERE document_id = ? AND page_index = ?');
    for (const r of rows) {
      const lines = pages.get(r.page_index);
      if (!lines) continue;
      let at = 0;
      const items = lines.map((line, k) => {
        const item = [at, line.length, 12, 0, 0, 12, 72, lineY(k), line.length * CHAR, 12];
        at += line.length + 1;
        return item;
      });
      const text = lines.join('\n');
      const { view } = JSON.parse(r.items) as { view: number[] };
      update.run(text, foldForSearch(text), JSON.stringify({ view, items }), documentId, r.page_index);
    }
    return reanchorDocument(db, documentId, old, 'Re-reader');
  })();
}

async function highlight(s: Services, documentId: string, page: number, quote: string) {
  return callTyped(s.router, 'highlights.create', { documentId, targets: [{ page, quote }] });
}

const auditActions = (db: Database) =>
  (db.prepare('SELECT action FROM audit ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

describe('re-anchoring highlights when a document is read again', () => {
  it('keeps every highlight, and changes and logs nothing, when the text reads the same', async () => {
    const { s, documentId } = await scannedLetter();
    await highlight(s, documentId, 1, 'shipment that left Rotterdam');
    await highlight(s, documentId, 2, 'The company rejects');
    const db = s.store.db;
    const before = db.prepare('SELECT * FROM highlight_targets ORDER BY rowid').all();
    const actions = auditActions(db);
    const same = new Map(
      (db.prepare('SELECT page_index, text FROM pages').all() as { page_index: number; text: string }[]).map((r) => [
        r.page_index,
        r.text,
      ]),
    );
    expect(db.transaction(() => reanchorDocument(db, documentId, same, 'Re-reader'))()).toEqual({
      kept: 2,
      moved: 0,
      approximate: 0,
      orphaned: 0,
    });
    expect(db.prepare('SELECT * FROM highlight_targets ORDER BY rowid').all()).toEqual(before);
    expect(auditActions(db)).toEqual(actions);
  });

  it('finds misread, squeezed, moved and re-ordered passages, marks them drifted and puts their boxes on the new words', async () => {
    const { s, documentId } = await scannedLetter();
    const modern = await highlight(s, documentId, 1, 'The modern container terminal');
    const licences = await highlight(s, documentId, 1, 'knowledge of the licences named');
    const settled = await highlight(s, documentId, 1, 'settled in full by the buyer');
    const shipment = await highlight(s, documentId, 1, 'shipment that left Rotterdam');
    const annex = await highlight(s, documentId, 2, 'export licences granted');
    const summary = reread(
      s.store.db,
      documentId,
      new Map([
        [
          0,
          [
            'HARBOUR LEGAL LLP',
            'The invoice of 12 April was settledin fullby the buyer.',
            'We write about the shipment that left Rotterdam on 4 March.',
            'The rnodern container terminal confirmed the seals were intact.',
            'Our client denies any knowledge of the 1icences named in the report.',
          ],
        ],
        [1, ['Annex: export licences granted in 2019', 'The company rejects the allegation.']],
      ]),
    );
    expect(summary).toEqual({ kept: 1, moved: 1, approximate: 3, orphaned: 0 });

    const listed = new Map((await callTyped(s.router, 'highlights.list', { documentId })).map((h) => [h.highlightId, h]));
    const target = (id: string) => listed.get(id)!.targets[0]!;
    // Each is anchored on the new text (the live check agrees), and says how it got there.
    expect(target(modern.highlightId)).toMatchObject({
      anchor: 'ok',
      quote: { exact: 'The rnodern container terminal' },
      drifted: { kind: 'approximate', previousQuote: 'The modern container terminal', score: expect.any(Number) },
    });
    expect(target(licences.highlightId)).toMatchObject({
      quote: { exact: 'knowledge of the 1icences named' },
      drifted: { kind: 'approximate', previousQuote: 'knowledge of the licences named' },
    });
    expect(target(settled.highlightId)).toMatchObject({
      quote: { exact: 'settledin fullby the buyer' },
      drifted: { kind: 'approximate' },
    });
    expect(target(shipment.highlightId)).toMatchObject({
      anchor: 'ok',
      quote: { exact: 'shipment that left Rotterdam' },
      drifted: { kind: 'moved', previousQuote: 'shipment that left Rotterdam' },
    });
    // Same words in the same place: kept, not marked, but its boxes follow the new reading too.
    expect(target(annex.highlightId)).toMatchObject({ anchor: 'ok', drifted: null, rects: [boxAt(0, 7, 23)] });

    // Boxes cut from the new reading's words: the 'rnodern' passage starts its fourth line at x = 72.
    const page = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    const t = target(modern.highlightId);
    expect(page.text.slice(t.position.start, t.position.end)).toBe('The rnodern container terminal');
    expect(t.rects).toEqual([boxAt(3, 0, 'The rnodern container terminal'.length)]);
    const shipped = target(shipment.highlightId);
    expect(shipped.rects).toEqual([boxAt(2, 'We write about the '.length, 'shipment that left Rotterdam'.length)]);

    // One audit row per highlight that changed (the kept one's boxes did), naming what it read before; the chain holds.
    const rows = s.store.db
      .prepare("SELECT entity_id, payload FROM audit WHERE action = 'highlight.reanchor' ORDER BY seq")
      .all() as { entity_id: string; payload: string }[];
    const logged = new Map(rows.map((r) => [r.entity_id, JSON.parse(r.payload) as { outcome: string }]));
    expect([modern, licences, settled, shipment, annex].map((h) => logged.get(h.highlightId)?.outcome)).toEqual([
      'approximate',
      'approximate',
      'approximate',
      'moved',
      'kept',
    ]);
    expect(logged.get(modern.highlightId)).toMatchObject({
      documentId,
      outcome: 'approximate',
      targets: [{ before: { exact: 'The modern container terminal' }, after: { exact: 'The rnodern container terminal' } }],
    });
    expect(verifyAudit(s.store.db).ok).toBe(true);
  });

  it('keeps a highlight whose words are gone, orphaned with its old quote and boxes, and deletes nothing', async () => {
    const { s, documentId } = await scannedLetter();
    const gone = await highlight(s, documentId, 1, 'denies any knowledge of the licences');
    const summary = reread(
      s.store.db,
      documentId,
      new Map([[0, ['We write about the shipment that left Rotterdam on 4 March.', 'The rest was illegible.']]]),
    );
    expect(summary).toEqual({ kept: 0, moved: 0, approximate: 0, orphaned: 1 });
    const [h] = await callTyped(s.router, 'highlights.list', { documentId });
    expect(h).toMatchObject({ highlightId: gone.highlightId, quote: 'denies any knowledge of the licences' });
    expect(h!.targets[0]).toMatchObject({
      anchor: 'orphaned',
      rects: gone.targets[0]!.rects,
      position: gone.targets[0]!.position,
      drifted: { kind: 'orphaned', previousQuote: 'denies any knowledge of the licences', score: null },
    });
    // Reading it again changes nothing further: still orphaned, its original quote kept.
    reread(s.store.db, documentId, new Map([[0, ['The rest was illegible.']]]));
    const [again] = await callTyped(s.router, 'highlights.list', { documentId });
    expect(again!.targets[0]!.drifted).toMatchObject({ kind: 'orphaned', previousQuote: 'denies any knowledge of the licences' });
  });

  it('re-anchors many highlights over a hundred re-read pages', async () => {
    const pages = Array.from({ length: 100 }, (_, p) =>
      Array.from({ length: 30 }, (_, l) => `Page ${p + 1} line ${l + 1}: the consignment record ${p * 30 + l} was filed.`),
    );
    const { s, documentId } = await scannedLetter(pages);
    const quotes: { page: number; quote: string }[] = [];
    for (let p = 0; p < 100; p += 1)
      for (const l of [3, 17]) quotes.push({ page: p + 1, quote: `consignment record ${p * 30 + l} was filed` });
    for (const q of quotes) await highlight(s, documentId, q.page, q.quote);
    // Every page gains a heading and misreads one word.
    const reading = new Map(
      pages.map((lines, p) => [p, ['CONFIDENTIAL', ...lines.map((l) => l.replace('consignment', 'cons1gnment'))]]),
    );
    const summary = reread(s.store.db, documentId, reading);
    expect(summary).toEqual({ kept: 0, moved: 0, approximate: quotes.length, orphaned: 0 });
    const listed = await callTyped(s.router, 'highlights.list', { documentId });
    expect(listed.every((h) => h.targets[0]!.anchor === 'ok' && h.quote.startsWith('cons1gnment record'))).toBe(true);
    expect(listed.map((h) => h.targets[0]!.page)).toEqual(quotes.map((q) => q.page));
  });
});
