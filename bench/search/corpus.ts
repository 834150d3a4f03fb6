/**
 * Synthetic page text for the search benchmark. Words follow a Zipf-like law over a large
 * vocabulary, so a few words are on nearly every page (the worst case for counting and
 * ranking) and most are rare. Every page's text is a pure function of its number, so the
 * queries can be drawn from pages that are known to exist without reading the database.
 */
import { seededRandom } from '../../tests/fixtures/pdf-builder.ts';

/** Bump when the text or the case layout changes, so cached cases are rebuilt. */
export const GENERATOR_VERSION = 1;
export const WORDS_PER_PAGE = 300;
const WORDS_PER_LINE = 12;
const VOCABULARY_SIZE = 60_000;
const ZIPF_EXPONENT = 1.0;

// Real words take the top ranks, so common-word queries read like a reviewer's; invented
// words fill the long tail, where a real vocabulary of this size would not fit in a file.
const COMMON = (
  'the of and to in a is that for on was with as by at from this be it or are not which an were has have ' +
  'had letter report company response allegation evidence government contract device phone surveillance ' +
  'spyware journalist activist export licence customer investigation forensic analysis infection network ' +
  'server domain message link attack target human rights council mandate inquiry statement denial admission ' +
  'policy compliance review product technology software vendor client intelligence agency law enforcement ' +
  'court judge complaint victim lawyer counsel record transcript minister embassy official payment invoice ' +
  'meeting email account password witness document exhibit annex memorandum director board shareholder'
).split(' ');
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr', 'pl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];

function inventedWord(n: number): string {
  // Mixed-radix digits of n pick syllables; three to four syllables keep every word distinct.
  let word = '';
  let rest = n;
  for (let i = 0; i < 3 || rest > 0; i++) {
    word += ONSETS[rest % ONSETS.length]! + VOWELS[Math.floor(rest / ONSETS.length) % VOWELS.length]!;
    rest = Math.floor(rest / (ONSETS.length * VOWELS.length));
  }
  return word;
}

function buildVocabulary(): string[] {
  const seen = new Set(COMMON);
  const words = [...COMMON];
  for (let n = 0; words.length < VOCABULARY_SIZE; n++) {
    const w = inventedWord(n);
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/** Every word, most frequent first. */
export const VOCABULARY: readonly string[] = buildVocabulary();

const cumulative = (() => {
  const c = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let r = 0; r < c.length; r++) c[r] = sum += 1 / (r + 1) ** ZIPF_EXPONENT;
  for (let r = 0; r < c.length; r++) c[r]! /= sum;
  return c;
})();

/** The rank (0 = most frequent) a uniform number in [0, 1) falls on. */
function rankOf(u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Expected share of pages that hold the word of this rank at least once. */
export function pageShare(rank: number): number {
  const p = cumulative[rank]! - (rank > 0 ? cumulative[rank - 1]! : 0);
  return 1 - (1 - p) ** WORDS_PER_PAGE;
}

/** The words of page `n` (0-based over the whole case), in order. */
export function pageWords(n: number): string[] {
  const rand = seededRandom(0x9e3779b1 ^ (n * 2654435761));
  const words: string[] = new Array(WORDS_PER_PAGE);
  for (let i = 0; i < WORDS_PER_PAGE; i++) words[i] = VOCABULARY[rankOf(rand())]!;
  return words;
}

/** Page text as extraction would store it: lines, and a sentence break now and then. */
export function pageText(n: number): string {
  const words = pageWords(n);
  let text = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const startsSentence = i % 17 === 0;
    text += startsSentence ? w[0]!.toUpperCase() + w.slice(1) : w;
    if (i % 17 === 16) text += '.';
    text += (i + 1) % WORDS_PER_LINE === 0 ? '\n' : ' ';
  }
  return text;
}
