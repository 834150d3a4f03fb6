/**
 * Text folding for the search index and for queries, so that what a reviewer types
 * matches what the page says: ligatures (ﬁ) become their letters, typographic quotes
 * their plain forms, words hyphenated across a line break are joined, and invisible
 * bidi controls and soft hyphens disappear, and Chinese, Japanese and Korean characters
 * are spaced apart so that any run of them can be searched. Case and diacritics are folded by the
 * FTS5 tokenizer (unicode61, remove_diacritics 2).
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const INVISIBLES = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const DASHES = /[\u2010\u2011]/g;
// Scripts written without spaces between words: each character is indexed as its own token, so
// a phrase query finds any run of characters (a unigram index, as FTS5's tokenizer has no CJK words).
const CJK_CHAR = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005])/gu;
export const CJK_TEST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]/u;
// A lower-case letter, a hyphen at the end of a line, then a lower-case letter: a word split by layout.
const LINE_HYPHEN = /(\p{Ll})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu;

/** Fold text the same way for indexing and for querying. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLES, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(LINE_HYPHEN, '$1$2')
    .replace(CJK_CHAR, ' $1 ');
}
