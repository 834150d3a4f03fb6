/**
 * The pure parts of area highlights: which words an area reads (by where the centre of
 * their glyphs lies), how their quote is joined when another column's words lie between
 * them, the check exports make of it; and the turn between a rectangle as a page shows it
 * and PDF user space, checked against pdf.js's own viewport for every /Rotate on a page
 * whose box does not start at 0,0.
 */
import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { areaQuoteFits, quoteFits, readArea } from '../../shared/anchoring/area.ts';
import { areaAsShown, areaToUser } from '../../electron/services/highlights/area.ts';
import { pageFrame } from '../../electron/services/report/text-layer/geometry.ts';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import type { Rect } from '../../shared/ipc/contract.ts';

/** A page of runs of text, each 6 points a character, 10-point type, on baselines in user space. */
function page(runs: { text: string; x: number; y: number }[][]) {
  let text = '';
  const items: number[][] = [];
  runs.forEach((line, i) => {
    if (i > 0) text += '\n';
    line.forEach((run, k) => {
      if (k > 0) text += ' ';
      items.push([text.length, run.text.length, 10, 0, 0, 10, run.x, run.y, run.text.length * 6, 10, 0.8, -0.2]);
      text += run.text;
    });
  });
  return { text, items, view: [0, 0, 612, 792] as [number, number, number, number] };
}

// Two columns: the left from x 72, the right from x 320, three lines 14 points apart.
const columns = page([
  [
    { text: 'Left one', x: 72, y: 700 },
    { text: 'Right one', x: 320, y: 700 },
  ],
  [
    { text: 'Left two', x: 72, y: 686 },
    { text: 'Right two', x: 320, y: 686 },
  ],
  [
    { text: 'Left three', x: 72, y: 672 },
    { text: 'Right three', x: 320, y: 672 },
  ],
]);

describe('the words an area reads', () => {
  it("reads one column's words, a line break standing in for the other column's between them", () => {
    const right: Rect = [300, 680, 500, 712];
    const read = readArea(columns, right);
    expect(read.exact).toBe('Right one\nRight two');
    expect(columns.text.slice(read.start, read.end)).toBe('Right one\nLeft two Right two');
    expect(areaQuoteFits(columns.text, read.exact, read.start, read.end)).toBe(true);
    // Read as a passage of text, the same quote would not be where its offsets say.
    expect(quoteFits(columns.text, { quote: { exact: read.exact }, position: read })).toBe(false);
    expect(quoteFits(columns.text, { area: right, quote: { exact: read.exact }, position: read })).toBe(true);
  });

  it('keeps the page text as it is between words that are all inside', () => {
    const read = readArea(columns, [60, 660, 560, 712]);
    expect(read.exact).toBe(columns.text);
    expect([read.start, read.end]).toEqual([0, columns.text.length]);
  });

  it('takes a word whose glyphs have their centre inside, and leaves one the area only grazes', () => {
    // "three" of the left column spans x 102 to 132 (characters 5 to 9 of "Left three"), centre 117.
    expect(readArea(columns, [60, 665, 119, 680]).exact).toBe('Left three');
    expect(readArea(columns, [60, 665, 115, 680]).exact).toBe('Left');
    // The line's glyphs run from 2 points under the baseline to 8 above: centre 3 points up.
    expect(readArea(columns, [60, 676, 200, 690]).exact).toBe('Left two');
    expect(readArea(columns, [60, 674, 200, 690]).exact).toBe('Left two\nLeft three');
  });

  it('reads nothing, positioned at the start, where no word is', () => {
    expect(readArea(columns, [200, 100, 300, 200])).toEqual({ exact: '', start: 0, end: 0 });
    expect(areaQuoteFits(columns.text, '', 0, 0)).toBe(true);
    expect(areaQuoteFits(columns.text, '', 0, 4)).toBe(false);
  });

  it('finds a quote that no longer fits its span (the first or last word elsewhere, or a word not in it)', () => {
    const { text } = columns;
    const start = text.indexOf('Right one');
    const end = text.indexOf('Right two') + 'Right two'.length;
    expect(areaQuoteFits(text, 'Right one\nRight two', start, end)).toBe(true);
    expect(areaQuoteFits(text, 'one\nRight two', start, end)).toBe(false);
    expect(areaQuoteFits(text, 'Right one\nRight', start, end)).toBe(false);
    expect(areaQuoteFits(text, 'Right one Right seven two', start, end)).toBe(false);
  });
});

describe('an area as shown and in user space', () => {
  it('turns both ways as pdf.js maps the page as shown, for every /Rotate, on a box away from 0,0', async () => {
    for (const rotate of [0, 90, 180, 270]) {
      const doc = await PDFDocument.create();
      const p = doc.addPage([612, 792]);
      p.setMediaBox(30, 40, 612, 792);
      p.setRotation(degrees(rotate));
      const { doc: pdf, destroy } = await openPdf(await doc.save(), null);
      try {
        const viewport = (await pdf.getPage(1)).getViewport({ scale: 1 });
        const frame = pageFrame([30, 40, 642, 832], null, rotate);
        expect([frame.width, frame.height], `${rotate}`).toEqual([viewport.width, viewport.height]);
        const shown = { x: 50, y: 100, width: 200, height: 80 };
        const corners = [
          viewport.convertToPdfPoint(shown.x, shown.y),
          viewport.convertToPdfPoint(shown.x + shown.width, shown.y + shown.height),
        ];
        const xs = corners.map((c) => c[0]!);
        const ys = corners.map((c) => c[1]!);
        const user = areaToUser(frame, shown);
        expect(user, `${rotate}`).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
        expect(areaAsShown(frame, user), `${rotate}`).toEqual(shown);
      } finally {
        await destroy();
      }
    }
  });
});
