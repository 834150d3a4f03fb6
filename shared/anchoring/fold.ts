/**
 * Matching a quote against page text the way a reader sees it: whitespace runs are one
 * space, a word hyphenated across a line break is one word, ligatures are their letters,
 * typographic quotes are plain, case does not matter. Every folded character keeps the
 * span of the original text it came from, so matches map back to exact offsets.
 */

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each folded UTF-16 unit: the original [start, end) it came from. */
  starts: number[];
  ends: number[];
}

const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/;
const DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASH = /[\u2010\u2011]/;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

/** A hyphen ending a line between two lower-case letters: `evi-\ndence`. Returns where the next word starts. */
function lineHyphenEnd(text: string, i: number): number {
  if (text[i] !== '-' && !DASH.test(text[i]!)) return -1;
  if (i === 0 || !LETTER.test(text[i - 1]!)) return -1;
  let j = i + 1;
  let sawBreak = false;
  while (j < text.length && /\s/.test(text[j]!)) {
    if (text[j] === '\n' || text[j] === '\r') sawBreak = true;
    j++;
  }
  return sawBreak && j < text.length && LOWER.test(text[j]!) ? j : -1;
}

/** Fold text for quote matching (see the module comment). */
export function fold(text: string): Folded {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (piece: string, start: number, end: number) => {
    for (let k = 0; k < piece.length; k++) {
      starts.push(start);
      ends.push(end);
    }
    out += piece;
  };
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    const joinAt = lineHyphenEnd(text, i);
    if (joinAt >= 0) {
      i = joinAt; // the hyphen and the line break vanish
      continue;
    }
    if (/\s/.test(ch)) {
      if (out.length > 0 && !out.endsWith(' ')) emit(' ', i, next);
      else if (out.endsWith(' ')) ends[ends.length - 1] = next;
    } else if (!INVISIBLE.test(ch)) {
      const plain = SINGLE.test(ch) ? "'" : DOUBLE.test(ch) ? '"' : DASH.test(ch) ? '-' : ch.normalize('NFKC').toLowerCase();
      emit(plain, i, next);
    }
    i = next;
  }
  return { text: out, starts, ends };
}

/** Fold a quote for searching: like the page text, without outer whitespace. */
export const foldQuote = (quote: string): string => fold(quote).text.trim();

/** Every occurrence of `quote` in `text`, as [start, end) offsets into `text`. */
export function findAll(text: string, quote: string, folded: Folded = fold(text)): { start: number; end: number }[] {
  const needle = foldQuote(quote);
  if (needle.length === 0) return [];
  const out: { start: number; end: number }[] = [];
  let at = folded.text.indexOf(needle);
  while (at >= 0) {
    out.push({ start: folded.starts[at]!, end: folded.ends[at + needle.length - 1]! });
    at = folded.text.indexOf(needle, at + 1);
  }
  return out;
}
