/**
 * The bundle's own words (cover, index, stamps) in DejaVu Sans, embedded and subset, so
 * titles in Greek, Cyrillic, Hebrew or Armenian read as written. Characters the face lacks
 * (Chinese, Japanese, Korean) are drawn as a visible placeholder and reported once.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadFace } from '../report/rendition/fonts.ts';

export interface BundleFont {
  font: PDFFont;
  /** `text` with every character the face lacks replaced by '?', noting each such character. */
  safe(text: string): string;
  width(text: string, size: number): number;
  /** Characters replaced so far. */
  missing: Set<string>;
}

export async function embedBundleFont(doc: PDFDocument): Promise<BundleFont> {
  doc.registerFontkit(fontkit);
  const face = loadFace('sans');
  const font = await doc.embedFont(face.bytes, { subset: true });
  const missing = new Set<string>();
  const safe = (text: string): string => {
    let out = '';
    for (const ch of text.replace(/\s+/g, ' ')) {
      if (face.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) out += ch;
      else {
        missing.add(ch);
        out += '?';
      }
    }
    return out;
  };
  return { font, safe, width: (text, size) => font.widthOfTextAtSize(safe(text), size), missing };
}

/** Break `text` into lines no wider than `maxWidth` at `size`, at spaces where it can, inside words where it must. */
export function wrap(f: Pick<BundleFont, 'width'>, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const tryLine = line ? `${line} ${word}` : word;
    if (f.width(tryLine, size) <= maxWidth) {
      line = tryLine;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than the line is cut where it overflows.
    let rest = word;
    while (f.width(rest, size) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && f.width(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
