/**
 * Ink under a court bundle's stamp: whatever a reader would see in the stamp's box counts —
 * text, a vector rule, a picture — on a page as shown (its /Rotate applied); an empty
 * margin does not. Checked on pages drawn by pdf-lib here, read back by the bundle's own
 * drawing (PDFium).
 */
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inkChecks } from '../../electron/services/court/ink.ts';

// A box where a bottom-right stamp goes on a Letter page as shown: 100 x 20 points, 10 from the corner.
const corner = (width = 612) => ({ x: width - 110, y: 10, width: 100, height: 20 });

async function pages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const text = (p: ReturnType<typeof doc.addPage>) => p.drawText('Body text', { x: 72, y: 700, size: 12, font });
  text(doc.addPage([612, 792])); // 0: empty margin
  const words = doc.addPage([612, 792]); // 1: words in the corner
  text(words);
  words.drawText('footer note', { x: 520, y: 18, size: 9, font });
  const rule = doc.addPage([612, 792]); // 2: a thin grey rule across the bottom
  text(rule);
  rule.drawRectangle({ x: 40, y: 20, width: 540, height: 1, color: rgb(0.4, 0.4, 0.4) });
  const picture = doc.addPage([612, 792]); // 3: a small picture in the corner
  text(picture);
  const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#203040' } })
    .png()
    .toBuffer();
  picture.drawImage(await doc.embedPng(png), { x: 560, y: 12, width: 40, height: 16 });
  // 4: turned a quarter clockwise, shown 792 x 612: user (x, y) shows at y from the left and x from the top, so
  // words along the user-space right edge, running up, read across the shown bottom, ending near its right.
  const turned = doc.addPage([612, 792]);
  turned.setRotation(degrees(90));
  turned.drawText('Turned margin words', { x: 600, y: 660, size: 12, font, rotate: degrees(90) });
  const faint = doc.addPage([612, 792]); // 5: paper tint only, lighter than ink
  faint.drawRectangle({ x: 0, y: 0, width: 612, height: 60, color: rgb(0.97, 0.97, 0.96) });
  return doc.save();
}

describe('ink under the stamp', () => {
  it('sees words, rules and pictures in the box, on turned pages as shown, and not an empty or tinted margin', async () => {
    const bytes = await pages();
    let heard = 0;
    const found = await inkChecks(
      bytes,
      [
        { page: 0, box: corner(), height: 792 },
        { page: 1, box: corner(), height: 792 },
        { page: 2, box: corner(), height: 792 },
        { page: 3, box: corner(), height: 792 },
        // Shown 792 x 612: its bottom-right corner, and its top-right corner (empty).
        { page: 4, box: corner(792), height: 612 },
        { page: 4, box: { x: 792 - 110, y: 582, width: 100, height: 20 }, height: 612 },
        { page: 5, box: corner(), height: 792 },
      ],
      { onPage: () => heard++ },
    );
    expect(found).toEqual([false, true, true, true, true, false, false]);
    expect(heard).toBe(7);
  });

  it('stops when cancelled', async () => {
    const bytes = await pages();
    const controller = new AbortController();
    controller.abort();
    await expect(inkChecks(bytes, [{ page: 0, box: corner(), height: 792 }], { signal: controller.signal })).rejects.toThrow(
      /cancelled/,
    );
  });
});
