/**
 * An image file (PNG, JPEG, TIFF) as a document to store: one page per image page, each
 * the image's size in points at its own resolution, with no text yet — recognition fills
 * the text in later, page by page (ocr/). Every page is decoded once here, so a damaged
 * file is refused before anything is stored.
 */
import sharp from 'sharp';
import type { ExtractedDocument } from '../extracted.ts';
import { GEOMETRY_VERSION } from '../../geometry/page-glyphs.ts';
import { describeImage } from './describe.ts';

const r2 = (n: number) => Math.round(n * 100) / 100;

export async function extractImage(bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<ExtractedDocument> {
  const d = await describeImage(bytes, { fileName, signal });
  const pages = d.pages.map((p, index) => {
    const [w, h] = [r2(p.widthPt), r2(p.heightPt)];
    return {
      index,
      label: null,
      width: w,
      height: h,
      rotation: 0,
      text: '',
      // The page's own space is the image as displayed: y up from its bottom-left corner, in points.
      layout: JSON.stringify({ view: [0, 0, w, h], items: [], glyphs: [], geometry: GEOMETRY_VERSION }),
    };
  });
  return {
    kind: 'image',
    pageCount: pages.length,
    title: null,
    metadata: null,
    pageLabels: pages.map(() => null),
    pages,
    extractorVersion: `sharp ${sharp.versions.sharp ?? ''} (libvips ${sharp.versions.vips})`.trim(),
    geometry: GEOMETRY_VERSION,
  };
}
