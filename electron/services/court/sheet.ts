/**
 * A bundle page as the reader sees it: its visible box (the CropBox within the MediaBox)
 * turned by its /Rotate. Stamps are placed in this shown space (x right, y up, origin at
 * the shown bottom-left corner) and mapped into the page's own user space, so a stamp
 * reads upright on a landscape scan turned by /Rotate 90 and on a page whose boxes do not
 * start at 0,0. The page's content keeps its user space: enlarging the sheet only moves
 * the box edges, so annotations and highlight rectangles stay where they were.
 */
import { PDFArray, PDFName, PDFNumber, type PDFPage } from 'pdf-lib';
import type { StampPosition } from '../../../shared/ipc/contract.ts';

export type Box = [x0: number, y0: number, x1: number, y1: number];
export type Matrix = [number, number, number, number, number, number];

export interface Sheet {
  /** The visible box in user space. */
  box: Box;
  /** 0, 90, 180 or 270: clockwise quarter turns as shown. */
  rotate: number;
  /** Shown width and height, in points. */
  width: number;
  height: number;
}

function readBox(page: PDFPage, name: 'CropBox' | 'MediaBox'): Box | null {
  // Inherited boxes are found through the page tree, as readers do.
  const arr = page.node.getInheritableAttribute(PDFName.of(name));
  const resolved = arr ? page.doc.context.lookup(arr) : undefined;
  if (!(resolved instanceof PDFArray) || resolved.size() !== 4) return null;
  const n = [0, 1, 2, 3].map((i) => {
    const v = page.doc.context.lookup(resolved.get(i));
    return v instanceof PDFNumber ? v.asNumber() : NaN;
  });
  if (n.some((x) => !Number.isFinite(x))) return null;
  return [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
}

/** The page's visible box and turn. A missing or odd MediaBox is read as US Letter, as readers do. */
export function sheetOf(page: PDFPage): Sheet {
  const media = readBox(page, 'MediaBox') ?? [0, 0, 612, 792];
  const crop = readBox(page, 'CropBox');
  // The visible box is the CropBox clipped to the MediaBox.
  const box: Box = crop
    ? [Math.max(crop[0], media[0]), Math.max(crop[1], media[1]), Math.min(crop[2], media[2]), Math.min(crop[3], media[3])]
    : media;
  if (box[2] <= box[0] || box[3] <= box[1]) box.splice(0, 4, ...media);
  // Readers ignore a /Rotate that is not a multiple of 90; so does the stamp.
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  return sheetOfBox(box, angle % 90 === 0 ? angle : 0);
}

/** The matrix taking shown space (origin bottom-left, y up) to the page's user space. */
export function shownToUser(s: Sheet): Matrix {
  const [x0, y0, x1, y1] = s.box;
  switch (s.rotate) {
    case 90:
      return [0, 1, -1, 0, x1, y0];
    case 180:
      return [-1, 0, 0, -1, x1, y1];
    case 270:
      return [0, -1, 1, 0, x0, y1];
    default:
      return [1, 0, 0, 1, x0, y0];
  }
}

/** Which shown edge a stamp position sits on. */
export const edgeOf = (p: StampPosition): 'top' | 'bottom' => (p.startsWith('top') ? 'top' : 'bottom');

/**
 * Grow the sheet by `extra` points on its shown `edge`, in both MediaBox and CropBox (and
 * the other boxes are left alone: they only narrow what is shown or printed). Returns the
 * grown sheet.
 */
export function growSheet(page: PDFPage, s: Sheet, edge: 'top' | 'bottom', extra: number): Sheet {
  const media = readBox(page, 'MediaBox') ?? [0, 0, 612, 792];
  const box: Box = [...s.box];
  // Which user-space side is shown at the bottom, for each turn; the top is its opposite.
  const bottomSide = ({ 0: 1, 90: 2, 180: 3, 270: 0 } as Record<number, number>)[s.rotate] ?? 1;
  const side = edge === 'bottom' ? bottomSide : (bottomSide + 2) % 4;
  const sign = side < 2 ? -1 : 1;
  box[side] = box[side]! + sign * extra;
  const grownMedia: Box = [
    Math.min(media[0], box[0]),
    Math.min(media[1], box[1]),
    Math.max(media[2], box[2]),
    Math.max(media[3], box[3]),
  ];
  page.node.set(PDFName.of('MediaBox'), page.doc.context.obj(grownMedia));
  page.node.set(PDFName.of('CropBox'), page.doc.context.obj(box));
  return sheetOfBox(box, s.rotate);
}

function sheetOfBox(box: Box, rotate: number): Sheet {
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  const turned = rotate === 90 || rotate === 270;
  return { box, rotate, width: turned ? h : w, height: turned ? w : h };
}
