/**
 * The order in which a word's characters are drawn, left to right along its baseline.
 *
 * PDF text is drawn in visual order, and text extractors (poppler's pdftotext, pdf.js,
 * readers' copy) turn right-to-left runs back into reading order by reversing them. So an
 * Arabic or Hebrew word, which OCR gives in reading order, is drawn reversed: what the
 * tools undo then gives the word as it was read. Digits and Latin letters inside such a
 * word keep their own order, as they are displayed. This is the small part of the Unicode
 * bidirectional algorithm a single word needs, not the whole of it.
 */

/** Letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms. */
const RTL =
  /[\u0590-\u05FF\u0600-\u065F\u066A-\u06EF\u06FA-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const LTR = /[\p{L}\p{Nd}]/u;
const MARK = /\p{M}/u;

type Direction = 'rtl' | 'ltr';

/** The code points of `text` in drawing order. */
export function visualOrder(text: string): string[] {
  const chars = [...text];
  if (!chars.some((c) => RTL.test(c))) return chars;
  // Runs of one direction; marks and neutrals (punctuation) go with what precedes them, and
  // at the word's start with the word's own direction, right to left.
  const runs: { dir: Direction; chars: string[] }[] = [];
  for (const c of chars) {
    const prev = runs.at(-1);
    const dir: Direction = RTL.test(c) ? 'rtl' : LTR.test(c) && !MARK.test(c) ? 'ltr' : (prev?.dir ?? 'rtl');
    if (prev && prev.dir === dir) prev.chars.push(c);
    else runs.push({ dir, chars: [c] });
  }
  return runs.reverse().flatMap((r) => (r.dir === 'rtl' ? [...r.chars].reverse() : r.chars));
}
