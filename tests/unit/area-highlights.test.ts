/**
 * Area highlights through the router, as the viewer's Area tool makes them: a rectangle in
 * points from the top-left of the page as shown becomes a target in PDF user space whose
 * quote is exactly the words inside it — the words poppler (not Exhibit) finds with their
 * centres in that rectangle — on an upright page and on one turned by /Rotate 90. A
 * rectangle off the page, too small, on a text letter or malformed is refused with nothing
 * written; a made area can be edited, deleted and restored like any highlight.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import type { ShownArea } from '../../shared/ipc/contract.ts';
import { count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';
import fs from 'node:fs';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
  'Signed for the Ministry by the Under-Secretary.',
];

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** poppler's words of page `page` of `file`: boxes in points from the top-left of the page as shown. */
function popplerWords(file: string, page = 1): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! }),
  );
}

/**
 * The quote poppler's words give for an area: those with their centre inside it, one line
 * of the page per line of the quote (poppler's words of a line share their edge across it).
 * A word within `margin` points of an edge would make the test a coin toss, so none may be.
 */
function expectedQuote(words: Word[], a: ShownArea, across: 'x' | 'y', margin = 2): string {
  const inside: Word[] = [];
  for (const w of words) {
    const cx = (w.x0 + w.x1) / 2;
    const cy = (w.y0 + w.y1) / 2;
    const near = [cx - a.x, a.x + a.width - cx, cy - a.y, a.y + a.height - cy].some((d) => Math.abs(d) < margin);
    expect(near, `"${w.text}" sits on the area's edge`).toBe(false);
    if (cx > a.x && cx < a.x + a.width && cy > a.y && cy < a.y + a.height) inside.push(w);
  }
  const lines = new Map<number, string[]>();
  for (const w of inside) {
    const key = Math.round(across === 'y' ? w.y0 : w.x0);
    lines.set(key, [...(lines.get(key) ?? []), w.text]);
  }
  return [...lines.values()].map((l) => l.join(' ')).join('\n');
}

async function caseWith(pages: { lines: string[]; rotate?: 0 | 90 }[]) {
  const s = newCase();
  const file = writePdf(tempDir(), 'ministry.pdf', { pages });
  const [r] = await importFiles(s, [file]);
  return { s, file, documentId: r!.documentId! };
}

/** pdf.js's own mapping of a point of the page as shown (scale 1) to user space. */
async function toUser(file: string, page: number, x: number, y: number): Promise<number[]> {
  const { doc, destroy } = await openPdf(new Uint8Array(fs.readFileSync(file)), null);
  try {
    return (await doc.getPage(page))
      .getViewport({ scale: 1 })
      .convertToPdfPoint(x, y)
      .map((n) => Math.round(n * 100) / 100);
  } finally {
    await destroy();
  }
}

describe('area highlights', () => {
  it('quote the words inside the rectangle, as poppler places them, across lines and leaving out the rest of each line', async () => {
    const { s, file, documentId } = await caseWith([{ lines: LINES }]);
    // Lines 2 and 3 from their start to about the middle: "of June 2019." and "was granted." stay out.
    const area = { x: 60, y: 80, width: 200, height: 30 };
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, area }], note: 'Partial' });
    const want = expectedQuote(popplerWords(file), area, 'y');
    expect(want.split('\n')).toHaveLength(2);
    const [t] = h.targets;
    expect(t!.quote.exact).toBe(want);
    expect(h.quote).toBe(want);
    // Stored in user space (y up from the bottom of a 792-point page), as pdf.js maps the corners.
    const [x1, y2] = await toUser(file, 1, area.x, area.y);
    const [x2, y1] = await toUser(file, 1, area.x + area.width, area.y + area.height);
    expect(t!.area).toEqual([x1, y1, x2, y2]);
    expect(t!.rects).toEqual([t!.area]);
    expect(t).toMatchObject({ page: 1, anchor: 'ok', current: null, drifted: null });
    // The position spans the words: from the first one's start to the last one's end in the page text.
    const { text } = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    expect(text.slice(t!.position.start).startsWith('concerning')).toBe(true);
    expect(text.slice(0, t!.position.end).endsWith(want.split(/\s/).at(-1)!)).toBe(true);
    expect(t!.quote.prefix).toBe(text.slice(Math.max(0, t!.position.start - 32), t!.position.start));

    // Listed as made, ok whatever the text says.
    const [listed] = await callTyped(s.router, 'highlights.list', { documentId });
    expect(listed).toEqual(h);
  });

  it('turns a rectangle on a page shown turned (/Rotate 90) into user space, and quotes the words poppler sees inside', async () => {
    const { s, file, documentId } = await caseWith([{ lines: ['Cover page'] }, { lines: LINES, rotate: 90 }]);
    // Shown 792 wide and 612 high: the text runs down the page's right side, lines right to left.
    const words = popplerWords(file, 2);
    expect(Math.max(...words.map((w) => w.x1))).toBeGreaterThan(612);
    const area = { x: 650, y: 60, width: 90, height: 230 };
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, area }] });
    const want = expectedQuote(words, area, 'x');
    expect(want.split('\n').length).toBeGreaterThanOrEqual(2);
    expect(h.quote).toBe(want);
    const corners = [await toUser(file, 2, area.x, area.y), await toUser(file, 2, area.x + area.width, area.y + area.height)];
    const xs = corners.map((c) => c[0]!);
    const ys = corners.map((c) => c[1]!);
    expect(h.targets[0]!.area).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    // The whole displayed page is 792 x 612: an area reaching x 790 fits, one reaching 800 does not.
    await expect(
      callTyped(s.router, 'highlights.create', {
        documentId,
        targets: [{ page: 2, area: { x: 700, y: 500, width: 90, height: 100 } }],
      }),
    ).resolves.toBeDefined();
    await expect(
      callTyped(s.router, 'highlights.create', {
        documentId,
        targets: [{ page: 2, area: { x: 700, y: 500, width: 100, height: 50 } }],
      }),
    ).rejects.toThrow('reaches outside page 2, which is 792 x 612 points as shown');
  });

  it('gives an empty quote, positioned nowhere, for an area with no words inside', async () => {
    const { s, documentId } = await caseWith([{ lines: LINES }]);
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, area: { x: 300, y: 500, width: 100, height: 100 } }],
    });
    expect(h.targets[0]).toMatchObject({ quote: { exact: '' }, position: { start: 0, end: 0 }, anchor: 'ok' });
    expect(h.quote).toBe('');
  });

  it('refuses a rectangle off the page, too small, on a text letter or malformed, and writes nothing', async () => {
    const { s, documentId } = await caseWith([{ lines: LINES }]);
    const [letter] = await importFiles(s, [writeFile(tempDir(), 'letter.txt', 'Dear Ministry,\nWe deny it.')]);
    const before = { audit: count(s, 'audit'), highlights: (await callTyped(s.router, 'highlights.list', {})).length };
    const attempt = (area: ShownArea, doc = documentId, page = 1) =>
      callTyped(s.router, 'highlights.create', {
        documentId: doc,
        targets: [
          { page, quote: 'Ministry' },
          { page, area },
        ],
      });
    await expect(attempt({ x: 500, y: 700, width: 200, height: 50 })).rejects.toThrow(
      'The area 500,700,200,50 (x,y,width,height) reaches outside page 1, which is 612 x 792 points as shown',
    );
    await expect(attempt({ x: 10, y: 790, width: 5, height: 5 })).rejects.toThrow('reaches outside page 1');
    await expect(attempt({ x: 10, y: 10, width: 0.5, height: 40 })).rejects.toThrow(
      'is 0.5 x 40 points: an area must be at least 1 point wide and high',
    );
    await expect(attempt({ x: 10, y: 10, width: 40, height: 40 }, letter!.documentId!)).rejects.toThrow(
      'Page 1 is a page of a text document, which has no page box to draw an area on',
    );
    await expect(attempt({ x: 10, y: 10, width: 40, height: 40 }, documentId, 3)).rejects.toThrow('The document has no page 3');
    // The contract's own checks: negative corners, empty sides and stray fields never reach the engine.
    for (const area of [
      { x: -1, y: 10, width: 40, height: 40 },
      { x: 1, y: 10, width: 0, height: 40 },
      { x: 1, y: 10, width: 40, height: 40, rotation: 90 },
    ]) {
      const res = await s.router.call('highlights.create', { documentId, targets: [{ page: 1, area }] });
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error.code).toBe('invalid-args');
    }
    expect(count(s, 'audit')).toBe(before.audit);
    expect(await callTyped(s.router, 'highlights.list', {})).toHaveLength(before.highlights);
    expect(s.store.db.prepare('SELECT count(*) FROM highlight_targets').pluck().get()).toBe(0);
  });

  it('is edited, deleted, restored, audited and linked like any highlight, its rectangle kept throughout', async () => {
    const { s, documentId } = await caseWith([{ lines: LINES }]);
    const area = { x: 60, y: 60, width: 400, height: 20 };
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, area }], color: 'blue' });
    const edited = await callTyped(s.router, 'highlights.update', {
      highlightId: h.highlightId,
      note: 'The receipt',
      color: 'pink',
    });
    expect(edited).toMatchObject({ note: 'The receipt', color: 'pink', targets: h.targets });
    await callTyped(s.router, 'highlights.delete', { highlightId: h.highlightId });
    expect(await callTyped(s.router, 'highlights.list', { documentId })).toEqual([]);
    const restored = await callTyped(s.router, 'highlights.restore', { highlightId: h.highlightId });
    expect(restored.targets).toEqual(h.targets);
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- The Ministry received the letter' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'admits' });
    const detail = await callTyped(s.router, 'allegations.detail', { allegationId: a1!.allegationId });
    expect(detail.passages.map((p) => p.quote)).toEqual([h.quote]);
    const actions = s.store.db.prepare("SELECT action, payload FROM audit WHERE entity = 'highlight' ORDER BY seq").all() as {
      action: string;
      payload: string;
    }[];
    expect(actions.map((a) => a.action)).toEqual([
      'highlight.create',
      'highlight.update',
      'highlight.delete',
      'highlight.restore',
    ]);
    // The audit row of the creation records the rectangle, so the log alone says what was marked.
    expect(JSON.parse(actions[0]!.payload).targets[0].area).toEqual(h.targets[0]!.area);
  });
});
