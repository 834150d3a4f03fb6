/**
 * Turns what a reviewer types into a safe FTS5 query. The language: words, "exact
 * phrases", prefix* (one * right after a word or a closing quote), AND / OR (upper case,
 * each between two parts), NOT, AND NOT or a - stuck to a word, phrase or bracket to leave
 * out pages with that part (`pegasus AND NOT slapp`, `pegasus -slapp`,
 * `pegasus NOT "press release"`), and brackets around a part; parts side by side are
 * ANDed. The parts left out may stand anywhere among the parts they are ANDed with, but
 * at least one part there must be kept: FTS5 can only take pages away from a match.
 * Every term is quoted, so punctuation in the input can never reach FTS5's own syntax.
 *
 * Anything else is not valid, and the whole query is then searched as plain words (its
 * words and phrases ANDed, without operators or brackets) with PLAIN_WORDS_NOTE: brackets
 * that do not pair up or hold nothing, an operator without a part on each side (or after
 * NOT), only parts left out (`NOT pegasus`, `-pegasus`), operators alone, a quote left
 * open, an empty phrase, a * anywhere but the end of a word, and the syntax of FTS5 or of
 * web search a reviewer may try, which we do not take: column filters (`title:`,
 * `{a b}:`), NEAR(…) and NEAR/n, `^`, and `+` alone or before a word. Punctuation that is
 * none of these (`&`, `—`, a lone `-`, `e-mail`, `-40`, `10:30`, a web address) is
 * ordinary text, as the index treats it.
 */
import { foldForSearch } from './normalize.ts';

type Term = { kind: 'term'; text: string; prefix: boolean; phrase: boolean };
type Token = Term | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' } | { kind: 'open' } | { kind: 'close' };

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when the query has no searchable term. */
  match: string | null;
  /** Set when the query was not taken as written. */
  note: string | null;
}

/** The one note every query that is not valid syntax gets. */
export const PLAIN_WORDS_NOTE =
  'The query is not valid search syntax (words, "exact phrases", prefix*, AND/OR/NOT, brackets), so it was searched as plain words.';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
// Characters the unicode61 tokenizer keeps inside a token; anything else separates words.
const WORDISH = /[\p{L}\p{N}\p{M}_]/u;
const hasWord = (s: string) => [...s].some((ch) => WORDISH.test(ch));
// Syntax of FTS5 or web search inside a word; in plain words these separate words.
const FOREIGN = /[\^+:{}*]+/;
const PREFIX_WORD = /^[^*]*[\p{L}\p{N}\p{M}_]\*$/u;
const COLUMN_FILTER = /^(\p{L}[\p{L}\p{N}_]*)?:(?!\/\/)/u;

/** Whether a word (no spaces, quotes or brackets in it) uses syntax we do not take. */
function foreignWord(word: string, next: string | undefined): boolean {
  if (word === 'NEAR' && next === '(') return true;
  if (/^NEAR\/\d*$/.test(word) || word === '+' || /^\+\p{L}/u.test(word)) return true;
  if (COLUMN_FILTER.test(word) || /[{}^]/.test(word)) return true;
  return word.includes('*') && !PREFIX_WORD.test(word);
}

/** Split a query into tokens; `valid` is false as soon as anything is not our syntax. */
function tokenize(input: string): { tokens: Token[]; valid: boolean } {
  const tokens: Token[] = [];
  let valid = true;
  let i = 0;
  const nextChar = (from: number) => input.slice(from).trimStart()[0];
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end === -1) {
        // A quote left open: the words after it are still words, in plain-word search.
        valid = false;
        i++;
        continue;
      }
      const body = input.slice(i + 1, end);
      i = end + 1;
      const prefix = input[i] === '*';
      if (prefix) i++;
      if (input[i] === '*') valid = false;
      if (hasWord(body)) tokens.push({ kind: 'term', text: body, prefix, phrase: true });
      else valid = false;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close' });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s"()]/.test(input[j]!)) j++;
      let word = input.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') {
        tokens.push({ kind: 'op', op: word });
        continue;
      }
      // A minus stuck to a word, a phrase or a bracket leaves that part out, as in web search.
      if (word === '-' && (input[j] === '"' || input[j] === '(')) {
        tokens.push({ kind: 'op', op: 'NOT' });
        continue;
      }
      if (/^-\p{L}/u.test(word)) {
        tokens.push({ kind: 'op', op: 'NOT' });
        word = word.slice(1);
      }
      if (foreignWord(word, nextChar(j))) valid = false;
      const prefix = PREFIX_WORD.test(word);
      const text = prefix ? word.slice(0, -1) : word;
      // Punctuation alone (`&`, `—`, `-`) is no term, as the index has no token for it.
      if (hasWord(text)) tokens.push({ kind: 'term', text, prefix, phrase: false });
    }
  }
  return { tokens, valid };
}

function termExpr(t: { text: string; prefix: boolean }): string {
  return quote(foldForSearch(t.text).trim()) + (t.prefix ? ' *' : '');
}

/** A term as plain words: a phrase stays whole, a word is cut where foreign syntax was. */
function plainWords(t: Term): Term[] {
  if (t.phrase) return [t];
  const pieces = t.text.split(FOREIGN).filter(hasWord);
  return pieces.map((text, k) => ({ ...t, text, prefix: t.prefix && k === pieces.length - 1 }));
}

/** Recursive-descent check + rewrite; returns null when the structure is invalid. */
function rewrite(tokens: Token[]): string | null {
  let pos = 0;
  // expr := and ( OR and )* ; and := part ( AND? part )* ; part := NOT? unary ; unary := term | ( expr )
  function unary(): string | null {
    const t = tokens[pos];
    if (!t) return null;
    if (t.kind === 'term') {
      pos++;
      return termExpr(t);
    }
    if (t.kind === 'open') {
      pos++;
      const inner = orExpr();
      if (inner === null || tokens[pos]?.kind !== 'close') return null;
      pos++;
      return `(${inner})`;
    }
    return null;
  }
  // Parts ANDed together, each kept or (after NOT, AND NOT or -) left out. FTS5's NOT is
  // binary and binds tighter than AND, so the parts left out follow the kept ones:
  // `a AND b NOT c` is a AND (b NOT c), the pages with a and b but not c.
  function andExpr(): string | null {
    const kept: string[] = [];
    const left: string[] = [];
    for (;;) {
      const t = tokens[pos];
      if (!t || t.kind === 'close' || (t.kind === 'op' && t.op === 'OR')) break;
      if (t.kind === 'op' && t.op === 'AND' && kept.length + left.length > 0) pos++;
      const not = tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === 'NOT';
      if (not) pos++;
      const part = unary();
      if (part === null) return null;
      (not ? left : kept).push(part);
    }
    if (kept.length === 0) return null;
    return [kept.join(' AND '), ...left].join(' NOT ');
  }
  function orExpr(): string | null {
    let left = andExpr();
    if (left === null) return null;
    while (tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === 'OR') {
      pos++;
      const right = andExpr();
      if (right === null) return null;
      left = `${left} OR ${right}`;
    }
    return left;
  }
  const out = orExpr();
  return out !== null && pos === tokens.length ? out : null;
}

/** Parse a reviewer's query into an FTS5 expression (see the module comment). */
export function parseQuery(input: string): ParsedQuery {
  const { tokens, valid } = tokenize(input);
  // Nothing but spaces and punctuation: nothing to search, and nothing misread.
  if (valid && tokens.length === 0) return { match: null, note: null };
  const rewritten = valid ? rewrite(tokens) : null;
  if (rewritten !== null) return { match: rewritten, note: null };
  const words = tokens.flatMap((t) => (t.kind === 'term' ? plainWords(t) : []));
  return { match: words.length > 0 ? words.map(termExpr).join(' AND ') : null, note: PLAIN_WORDS_NOTE };
}
