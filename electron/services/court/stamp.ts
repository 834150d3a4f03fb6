/**
 * The bundle number in the page margin: where it goes on the page as shown, and drawing it
 * upright there. The stamp's box is what must stay clear of the page's ink (ink.ts); when
 * it would not, the sheet grows on that edge by enough to hold the stamp, and the new
 * strip is painted white first (a CropBox smaller than the MediaBox may have hidden
 * content there).
 */
import { concatTransformationMatrix, popGraphicsState, pushGraphicsState, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { StampPosition } from '../../../shared/ipc/contract.ts';
import { edgeOf, shownToUser, type Sheet } from './sheet.ts';

/** Stamp text size, in points. */
export const STAMP_SIZE = 10;
/** From the shown edge to the stamp's box, in points. */
const EDGE = 14;
/** From the shown side to the stamp's box, in points. */
const SIDE = 28;
/** Clear space kept around the stamp's text when looking for ink. */
const PAD = 3;

/** A rectangle in shown space: origin at the shown bottom-left corner, y up. */
export interface ShownRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Height of the stamp's text box (ascender to descender of the face at STAMP_SIZE). */
export function stampHeight(font: PDFFont): number {
  return font.heightAtSize(STAMP_SIZE);
}

/** Where the stamp's text sits (its box, padded by PAD) on a sheet of the given shown size. */
export function stampBox(
  sheet: Pick<Sheet, 'width' | 'height'>,
  position: StampPosition,
  textWidth: number,
  textHeight: number,
): ShownRect {
  const width = textWidth + 2 * PAD;
  const height = textHeight + 2 * PAD;
  const x = position.endsWith('right')
    ? sheet.width - SIDE - width
    : position.endsWith('left')
      ? SIDE
      : (sheet.width - width) / 2;
  const y = edgeOf(position) === 'bottom' ? EDGE : sheet.height - EDGE - height;
  // A page narrower than the stamp keeps it on the sheet, from its left edge.
  return { x: Math.max(0, x), y: Math.max(0, y), width, height };
}

/** How much a sheet grows when its margin cannot hold the stamp: the edge gap, the box, and a little air above it. */
export const growthFor = (box: ShownRect): number => EDGE + box.height + PAD;

/** Draw `text` upright in `box` (shown space) on `page`; `strip`, when given, is painted white first. */
export function drawStamp(page: PDFPage, sheet: Sheet, box: ShownRect, text: string, font: PDFFont, strip?: ShownRect): void {
  const [a, b, c, d, e, f] = shownToUser(sheet);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(a, b, c, d, e, f));
  if (strip) page.drawRectangle({ ...strip, color: rgb(1, 1, 1), borderWidth: 0 });
  // The baseline sits the descender's depth above the box's padded bottom.
  const descent = font.heightAtSize(STAMP_SIZE) - font.heightAtSize(STAMP_SIZE, { descender: false });
  page.drawText(text, {
    x: box.x + PAD,
    y: box.y + PAD + descent,
    size: STAMP_SIZE,
    font,
    color: rgb(0, 0, 0),
  });
  page.pushOperators(popGraphicsState());
}
