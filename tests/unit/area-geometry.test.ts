/**
 * The Area tool's numbers against real pdf.js viewports: a rectangle drawn over a line as
 * the viewer shows it — any zoom, the page's own /Rotate, any turn the reviewer gives the
 * view — reaches the engine as the same place, and quotes that line. Also the keyboard's
 * moves and resizes keep the rectangle on the page.
 */
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../electron/services/ingest/pdf-extract.ts';
import { callTyped } from '../../electron/services/router.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { nudge, rectBetween, startingRect, toAreaSpec, type ShownRect } from '../../shared/anchoring/drawn-area.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const LINES = ['Harlow Logistics Ltd, 14 Quay Road', 'the blue transit van left the depot', 'and returned the next morning.'];
/** The second line's box in user space, with a little room round its glyphs. */
const LINE_2: [number, number, number, number] = [60, 700, 400, 716];
const spec = { pages: [{ lines: LINES }, { lines: LINES, rotate: 90 as const }] };

describe('Area tool geometry', () => {
  it('turns a rectangle drawn at any zoom and turn into the area the engine reads as that line', async () => {
    const s = newCase();
    const [imported] = await importFiles(s, [writePdf(tempDir(), 'letter.pdf', spec)]);
    const documentId = imported!.documentId!;
    const pdf = await openPdf(buildPdf(spec), null);
    try {
      for (const pageNumber of [1, 2]) {
        const page = await pdf.doc.getPage(pageNumber);
        const filed = page.getViewport({ scale: 1 });
        for (const turn of [0, 90, 180, 270]) {
          // As PDFPageView builds it: the zoom in CSS pixels, the page's /Rotate plus the view's turn.
          const shown = page.getViewport({ scale: 1.37 * (96 / 72), rotation: (page.rotate + turn) % 360 });
          const [ax, ay] = shown.convertToViewportPoint(LINE_2[0], LINE_2[1]) as [number, number];
          const [bx, by] = shown.convertToViewportPoint(LINE_2[2], LINE_2[3]) as [number, number];
          const size = { width: shown.width / shown.scale, height: shown.height / shown.scale };
          const drawn = rectBetween(
            { x: ax / shown.scale, y: ay / shown.scale },
            { x: bx / shown.scale, y: by / shown.scale },
            size,
          );
          const target = toAreaSpec(pageNumber, drawn, shown, filed);
          const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [target] });
          const where = `page ${pageNumber}, view turned ${turn}`;
          expect(h.quote, where).toBe(LINES[1]);
          h.targets[0]!.area!.forEach((v, i) => expect(Math.abs(v - LINE_2[i]!), where).toBeLessThan(0.05));
        }
      }
    } finally {
      await pdf.destroy();
    }
  });

  it('starts the keyboard rectangle on the page, and moves and resizes it without leaving the page', () => {
    const page = { width: 612, height: 792 };
    const start = startingRect(page, { x: 600, y: 10 });
    expect(start).toEqual({ x: 612 - 216, y: 0, width: 216, height: 72 });
    let r: ShownRect = start;
    r = nudge(r, 'ArrowRight', 10, false, page);
    expect(r.x).toBe(612 - 216);
    r = nudge(r, 'ArrowDown', 10, false, page);
    expect(r).toMatchObject({ y: 10, height: 72 });
    r = nudge(r, 'ArrowRight', 10, true, page);
    expect(r.width).toBe(216);
    r = nudge(r, 'ArrowLeft', 500, true, page);
    expect(r.width).toBe(3);
    r = nudge(r, 'ArrowDown', 1, true, page);
    expect(r.height).toBe(73);
  });
});
