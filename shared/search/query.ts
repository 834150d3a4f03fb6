/**
 * Turns what a reviewer types into a safe FTS5 query. Supported: words, "exact
 * phrases", prefix*, AND / OR / NOT (upper case) and parentheses; adjacent terms
 * are ANDed. Every term is quoted, so punctuation in the input can never reach
 * FTS5's own syntax. A query that does not parse is searched as plain words.
 */
import { foldForSearch } from './normalize.ts';

type Token =
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { kind: 'open' }
  | { kind: 'close' };

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when the query has no searchable term. */
  match: string | null;
  /** Set when the query was not taken as written. */
  note: string | null;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
// Characters the unicode61 tokenizer keeps inside a token; anything else separates words.
const WORDISH = /[\p{L}\p{N}\p{M}_]/u;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      const body = end === -1 ? input.slice(i + 1) : input.slice(i + 1, end);
      i = end === -1 ? input.length : end + 1;
      const prefix = input[i] === '*';
      if (prefix) i++;
      if (hasWord(body)) tokens.push({ kind: 'term', text: body, prefix });
    } else if (ch === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s"()]/.test(input[j]!)) j++;
      const word = input.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ kind: 'op', op: word });
      else {
        const prefix = word.endsWith('*');
        const body = word.replace(/\*+$/, '');
        if (hasWord(body)) tokens.push({ kind: 'term', text: body, prefix });
      }
    }
  }
  return tokens;
}

function hasWord(s: string): boolean {
  for (const ch of s) if (WORDISH.test(ch)) return true;
  return false;
}

function termExpr(t: { text: string; prefix: boolean }): string {
  return quote(foldForSearch(t.text).trim()) + (t.prefix ? ' *' : '');
}

/** Recursive-descent check + rewrite; returns null when the structure is invalid. */
function rewrite(tokens: Token[]): string | null {
  let pos = 0;
  // expr := and ( OR and )* ; and := unary ( (AND|NOT|implicit) unary )* ; unary := term | ( expr )
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
  function andExpr(): string | null {
    let left = unary();
    if (left === null) return null;
    for (;;) {
      const t = tokens[pos];
      if (!t || t.kind === 'close' || (t.kind === 'op' && t.op === 'OR')) return left;
      let op = 'AND';
      if (t.kind === 'op') {
        op = t.op;
        pos++;
      }
      const right = unary();
      if (right === null) return null;
      left = `${left} ${op} ${right}`;
    }
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
  const tokens = tokenize(input);
  const terms = tokens.filter((t) => t.kind === 'term');
  if (terms.length === 0) return { match: null, note: null };
  const rewritten = rewrite(tokens);
  if (rewritten !== null) return { match: rewritten, note: null };
  return {
    match: terms.map(termExpr).join(' AND '),
    note: 'The query’s AND/OR/NOT or brackets did not fit together, so it was searched as plain words.',
  };
}
