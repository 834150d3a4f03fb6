/**
 * A page's glyph geometry at extraction: pdf.js's operator list gives every drawn glyph
 * (glyph-run.ts), and each text item gets its characters' extents from them
 * (glyph-align.ts), encoded for storage (shared/anchoring/glyphs.ts).
 */
import type { PDFPageProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { encodeExtents } from '../../../shared/anchoring/glyphs.ts';
import { alignItems } from './glyph-align.ts';
import { placeGlyphs, type FontFacts, type TextOps } from './glyph-run.ts';

/** The parts of pdf.js this needs: its operator table and annotation modes. */
export interface PdfJsFacts {
  OPS: Record<string, number>;
  AnnotationMode: { DISABLE: number };
}

/**
 * Ascent and descent (fractions of the font size) from a font's bounding box and matrix,
 * for fonts that state none (Type 3 fonts): what MuPDF measures with. Null when unknown.
 */
export function boxMetrics(page: PDFPageProxy, fontName: string): [number, number] | null {
  try {
    if (!page.commonObjs.has(fontName)) return null;
    const font = page.commonObjs.get(fontName) as { bbox?: number[]; fontMatrix?: number[] };
    const [, y0, , y1] = font.bbox ?? [];
    const scale = (font.fontMatrix?.[3] ?? 0.001) / 0.001;
    const ascent = ((y1 ?? 0) * scale) / 1000;
    const descent = ((y0 ?? 0) * scale) / 1000;
    return ascent > 0 && ascent <= 2 && descent <= 0 && descent >= -1 ? [ascent, descent] : null;
  } catch {
    return null;
  }
}

/** The version of the geometry extraction writes; a case's pages with an older one are re-measured. */
export const GEOMETRY_VERSION = 1;

/**
 * Encoded character extents for each of `runs` (pdf.js's text items, in its order), null
 * for items whose glyphs could not be matched. Annotations are left out, as the text is.
 */
export async function glyphExtents(
  page: PDFPageProxy,
  lib: PdfJsFacts,
  runs: readonly TextItem[],
): Promise<Map<TextItem, number[]>> {
  const out = new Map<TextItem, number[]>();
  if (!runs.some((r) => r.str.trim() !== '')) return out;
  const list = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
  const fontOf = (name: string): FontFacts | null => {
    try {
      // Fonts the operator list names are loaded by the time it resolves.
      return page.commonObjs.has(name) ? (page.commonObjs.get(name) as FontFacts) : null;
    } catch {
      return null;
    }
  };
  const glyphs = placeGlyphs(list.fnArray, list.argsArray, lib.OPS as unknown as TextOps, fontOf);
  alignItems(runs, glyphs).forEach((ext, i) => {
    if (ext) out.set(runs[i]!, encodeExtents(ext));
  });
  return out;
}
