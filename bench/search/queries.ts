/**
 * The 100 benchmark queries, chosen from the generator's vocabulary by frequency rank and
 * from the text of known pages, so each kind of query (common, rare, AND, phrase, prefix,
 * OR, NOT) is covered whatever the case size. The same list is made on every run.
 */
import { VOCABULARY, pageWords } from './corpus.ts';

export type QueryKind = 'common word' | 'mid word' | 'rare word' | 'two-word AND' | 'phrase' | 'prefix*' | 'OR' | 'NOT';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

const word = (rank: number): string => VOCABULARY[Math.min(rank, VOCABULARY.length - 1)]!;

/** A run of `length` words starting at word `at` of page `page`, quoted as a phrase. */
function phraseFrom(page: number, at: number, length: number): string {
  return `"${pageWords(page)
    .slice(at, at + length)
    .join(' ')}"`;
}

/** The fixed query list; `pages` bounds the page numbers phrases are taken from. */
export function benchQueries(pages: number): BenchQuery[] {
  const q: BenchQuery[] = [];
  const add = (kind: QueryKind, texts: string[]) => texts.forEach((text) => q.push({ kind, text }));
  add('common word', [0, 1, 2, 3, 5, 8, 12, 17, 23, 30, 40, 50, 60, 75, 90].map(word));
  add('mid word', [150, 220, 300, 450, 700, 1000, 1500, 2000, 2600, 3300].map(word));
  add(
    'rare word',
    [8000, 10000, 13000, 16000, 20000, 25000, 30000, 35000, 40000, 44000, 48000, 52000, 55000, 58000, 59999].map(word),
  );
  add('two-word AND', [
    `${word(0)} ${word(1)}`,
    `${word(4)} ${word(9)}`,
    `${word(30)} ${word(45)}`,
    `${word(60)} ${word(80)}`,
    `${word(2)} ${word(20000)}`,
    `${word(7)} ${word(41000)}`,
    `${word(25)} ${word(9000)}`,
    `${word(50)} ${word(700)}`,
    `${word(400)} ${word(600)}`,
    `${word(1200)} ${word(1800)}`,
    `${word(3000)} ${word(5000)}`,
    `${word(15000)} ${word(27000)}`,
    `${word(0)} AND ${word(33000)}`,
    `${word(11)} AND ${word(55)}`,
    `${word(900)} AND ${word(12)}`,
  ]);
  // Phrases of two and three words from pages spread over the case; some are mostly common words.
  const spread = (i: number) => Math.floor(((i * 7919) % 997) * (pages / 997));
  add(
    'phrase',
    Array.from({ length: 15 }, (_, i) => phraseFrom(spread(i + 1), (i * 37) % 290, 2 + (i % 2))),
  );
  add('prefix*', ['comp*', 'invest*', 'sur*', 'doc*', 'law*', 'ev*', 'pl*', 'stea*', 'trou*', 'memo*']);
  add('OR', [
    `${word(20)} OR ${word(21)}`,
    `${word(9000)} OR ${word(9001)}`,
    `${word(1)} OR ${word(50000)}`,
    `${word(300)} OR ${word(301)} OR ${word(302)}`,
    `${word(45000)} OR ${word(46000)}`,
    `(${word(35)} OR ${word(36)}) ${word(2000)}`,
    `${word(70)} OR ${word(12000)}`,
    `${word(5)} OR ${word(6)}`,
    `${word(2500)} OR ${word(31000)}`,
    `${word(100)} OR ${word(101)}`,
  ]);
  add('NOT', [
    `${word(3)} NOT ${word(4)}`,
    `${word(30)} NOT ${word(31)}`,
    `${word(200)} NOT ${word(0)}`,
    `${word(15000)} NOT ${word(40)}`,
    `${word(1)} NOT ${word(30000)}`,
    `${word(600)} NOT ${word(900)}`,
    `${word(8)} NOT ${word(2500)}`,
    `${word(20)} NOT ${word(21)}`,
    `${word(40000)} NOT ${word(3)}`,
    `${word(75)} NOT ${word(76)}`,
  ]);
  return q;
}
