/**
 * Area targets in the engine: a rectangle given as the page looks (points from its top-left,
 * /Rotate applied) is stored in user space of the unrotated page, quotes the words centred
 * inside it, quotes nothing over a blank part of the page, stays anchored when listed, and
 * is refused when it reaches off the paper.
 */
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

// 12 pt lines from a baseline at y = 720, 15.6 pt apart: line 2 sits on 704.4, its glyphs about 702–713.
const LINES = ['Harlow Logistics Ltd, 14 Quay Road', 'the blue transit van left the depot', 'and returned the next morning.'];

async function letter() {
  const s = newCase();
  const file = writePdf(tempDir(), 'letter.pdf', { pages: [{ lines: LINES }, { lines: LINES, rotate: 90 }] });
  const [r] = await importFiles(s, [file]);
  return { s, documentId: r!.documentId! };
}

describe('area targets', () => {
  it('stores the rectangle in user space and quotes the words inside it', async () => {
    const { s, documentId } = await letter();
    // Displayed y 76–92 is user y 700–716: the second line only.
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, area: { x: 60, y: 76, width: 340, height: 16 } }],
    });
    expect(h.quote).toBe(LINES[1]);
    const [t] = h.targets;
    expect(t!.area).toEqual([60, 700, 400, 716]);
    expect(t!.rects).toEqual([[60, 700, 400, 716]]);
    const page = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    expect(page.text.slice(t!.position.start, t!.position.end)).toBe(LINES[1]);

    const [listed] = await callTyped(s.router, 'highlights.list', { documentId });
    expect(listed!.targets[0]).toMatchObject({ anchor: 'ok', area: [60, 700, 400, 716], rects: [[60, 700, 400, 716]] });
  });

  it('takes only words whose middle is inside, and quotes nothing over a blank part of the page', async () => {
    const { s, documentId } = await letter();
    // From the left margin to just past "blue": "the blue" but not "transit".
    const part = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, area: { x: 70, y: 76, width: 50, height: 16 } }],
    });
    expect(part.quote).toBe('the blue');
    const blank = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, area: { x: 100, y: 500, width: 200, height: 120 } }],
    });
    expect(blank.quote).toBe('');
    expect(blank.targets[0]!.area).toEqual([100, 172, 300, 292]);
    const listed = await callTyped(s.router, 'highlights.list', { documentId });
    expect(listed.map((h) => h.targets[0]!.anchor)).toEqual(['ok', 'ok']);
  });

  it('reads the rectangle on a page turned by /Rotate 90 as that page is shown', async () => {
    const { s, documentId } = await letter();
    // Turned a quarter clockwise the page is 792 wide, and user (x, y) shows at (y, x).
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 2, area: { x: 700, y: 60, width: 16, height: 340 } }],
    });
    expect(h.quote).toBe(LINES[1]);
    expect(h.targets[0]!.area).toEqual([60, 700, 400, 716]);
  });

  it('refuses an area reaching off the paper, naming it, and stores nothing', async () => {
    const { s, documentId } = await letter();
    await expect(
      callTyped(s.router, 'highlights.create', {
        documentId,
        targets: [{ page: 1, area: { x: 500, y: 700, width: 400, height: 400 } }],
      }),
    ).rejects.toThrow(/area 500,700,400,400 .*outside page 1/);
    // Flush with the edge is on the paper.
    const edge = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, area: { x: 500, y: 700, width: 112, height: 92 } }],
    });
    expect(edge.targets[0]!.area).toEqual([500, 0, 612, 92]);
    expect(await callTyped(s.router, 'highlights.list', { documentId })).toHaveLength(1);
  });
});
