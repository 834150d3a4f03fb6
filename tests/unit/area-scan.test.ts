/**
 * An area on a scanned page: marked before the page is read (no words inside yet), its
 * quote becomes the words the reading puts inside the rectangle, and a later reading that
 * reads them differently changes the quote again, the rectangle never moving and the
 * highlight never drifting, while a text highlight on the same page is re-anchored
 * fuzzily. The reading is the one a perfect OCR engine would return (poppler's word boxes
 * on the typed page the scan was made from: tests/fixtures/scan-pdf.ts), so the test is
 * exact and runs without Tesseract; on a scan shown turned (/Rotate 90) too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { storeOcrPage } from '../../electron/services/ocr/queue.ts';
import type { ShownArea } from '../../shared/ipc/contract.ts';
import type { OcrPage, OcrWord } from '../../shared/ocr.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { newCase, tempDir } from './helpers.ts';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
];

/** The words of a reading whose box centre lies inside `a` (both as the page is shown), a line of the quote per line read. */
function wordsInside(ocr: OcrPage, a: ShownArea): string {
  const inside = (w: OcrWord) => {
    const cx = w.x + w.width / 2;
    const cy = w.y + w.height / 2;
    return cx > a.x && cx < a.x + a.width && cy > a.y && cy < a.y + a.height;
  };
  return ocr.lines
    .map((line) => line.filter(inside).map((w) => w.text))
    .filter((l) => l.length > 0)
    .map((l) => l.join(' '))
    .join('\n');
}

/** A scan imported and left unread, as `exhibit import --no-ocr` leaves it. */
async function unreadScan(opts: { rotate?: 0 | 90 } = {}) {
  const dir = tempDir();
  const scan = await scanPdf(dir, { lines: LINES, rotate: opts.rotate });
  const file = path.join(dir, 'ministry-scan.pdf');
  fs.writeFileSync(file, scan.pdf);
  const s = newCase({ size: 1 });
  const [r] = await callTyped(s.router, 'import.start', { jobId: 'scan', paths: [file], ocr: false });
  return { s, scan, documentId: r!.documentId! };
}

const targetOf = async (s: Awaited<ReturnType<typeof unreadScan>>['s'], highlightId: string) =>
  (await callTyped(s.router, 'highlights.list', {})).find((h) => h.highlightId === highlightId)!.targets[0]!;

describe('an area on a scanned page', () => {
  it('reads the words the OCR puts inside it, and reads them again when the page is read again', async () => {
    const { s, scan, documentId } = await unreadScan();
    // Lines 2 and 3 (14 pt, from 72 pt down at 18.2 pt apart) up to about the middle of the page.
    const area = { x: 60, y: 78, width: 250, height: 36 };
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, area }] });
    expect(h.targets[0]).toMatchObject({ quote: { exact: '' }, position: { start: 0, end: 0 }, anchor: 'ok' });

    storeOcrPage(s.store.db, documentId, 0, scan.ocr, 'OCR');
    const want = wordsInside(scan.ocr, area);
    // Two lines' words from their start, the ends of both lines (past the middle of the page) left out.
    const [second, third] = want.split('\n');
    expect(LINES[1]!.startsWith(`${second!} `)).toBe(true);
    expect(LINES[2]!.startsWith(`${third!} `)).toBe(true);
    expect(second).toContain('surveillance');
    const read = await targetOf(s, h.highlightId);
    expect(read).toMatchObject({ quote: { exact: want }, anchor: 'ok', drifted: null, area: h.targets[0]!.area });
    expect(read.rects).toEqual([h.targets[0]!.area]);
    const { text } = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    expect(text.slice(read.position.start, read.position.start + 'concerning'.length)).toBe('concerning');
    expect(text.slice(0, read.position.end).endsWith(third!.split(' ').at(-1)!)).toBe(true);

    // A text highlight beside it, then a second reading that reads "surveillance" otherwise.
    const passage = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, quote: 'the surveillance contract' }],
    });
    const misread: OcrPage = {
      ...scan.ocr,
      lines: scan.ocr.lines.map((line) => line.map((w) => (w.text === 'surveillance' ? { ...w, text: 'surveiIlance' } : w))),
    };
    storeOcrPage(s.store.db, documentId, 0, misread, 'OCR');
    // The area reads what is inside it now, and is not said to have drifted: its rectangle is where it was.
    expect(await targetOf(s, h.highlightId)).toMatchObject({
      quote: { exact: want.replace('surveillance', 'surveiIlance') },
      anchor: 'ok',
      drifted: null,
      area: h.targets[0]!.area,
    });
    // The passage of text was re-anchored by its words, and marked.
    expect((await targetOf(s, passage.highlightId)).drifted).toMatchObject({ kind: 'approximate' });
    const audit = s.store.db
      .prepare(`SELECT payload FROM audit WHERE action = 'highlight.reanchor' AND entity_id = ?`)
      .pluck()
      .all(h.highlightId) as string[];
    expect(
      audit.map((p) => JSON.parse(p) as { outcome: string; targets: { outcome: string; after: { exact: string } }[] }),
    ).toEqual([
      expect.objectContaining({
        outcome: 'kept',
        targets: [expect.objectContaining({ outcome: 'reread', after: expect.objectContaining({ exact: want }) })],
      }),
      expect.objectContaining({ outcome: 'kept', targets: [expect.objectContaining({ outcome: 'reread' })] }),
    ]);
  });

  it('on a scan shown turned a quarter (/Rotate 90), places the area where the page shows it', async () => {
    const { s, scan, documentId } = await unreadScan({ rotate: 90 });
    // Shown upright, 612 wide and 792 high, whatever its /Rotate: the area is drawn on the page as shown.
    const area = { x: 60, y: 60, width: 300, height: 36 };
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, area }] });
    // Turned a quarter clockwise for display: the shown top-left corner is the user box's bottom-left.
    expect(h.targets[0]!.area).toEqual([area.y, area.x, area.y + area.height, area.x + area.width]);
    storeOcrPage(s.store.db, documentId, 0, scan.ocr, 'OCR');
    const want = wordsInside(scan.ocr, area);
    expect(want.split('\n')).toHaveLength(2);
    expect((await targetOf(s, h.highlightId)).quote.exact).toBe(want);
  });
});
