import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../shared/ipc/channels.ts';
import { contract, events } from '../../shared/ipc/contract.ts';
import { parseQuery, PLAIN_WORDS_NOTE } from '../../shared/search/query.ts';
import { foldForSearch } from '../../shared/search/normalize.ts';
import { newCase } from './helpers.ts';

describe('IPC contract and router', () => {
  it('lists exactly the contract’s channels and events for the preload', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('rejects arguments that do not fit the schema, naming the field, before any service runs', async () => {
    const s = newCase();
    const bad = await s.router.call('documents.page', { documentId: 'abc', page: 0 });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'invalid-args', message: expect.stringMatching(/^documents\.page: page: /), subject: 'page' },
    });
    const extra = await s.router.call('search.query', { query: 'x', sql: 'DROP TABLE pages' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    const wrongType = await s.router.call('import.start', { jobId: 'j', paths: 'not-a-list' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-args', subject: 'paths' } });
  });

  it('refuses unknown channels and host-only channels it has no host for', async () => {
    const s = newCase();
    expect(await s.router.call('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args' },
    });
    expect(await s.router.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await s.router.call('dialog.openFiles', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers not-found errors with the item named', async () => {
    const s = newCase();
    expect(await s.router.call('documents.get', { documentId: 'no-such-doc' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No document "no-such-doc" in this case', subject: 'no-such-doc' },
    });
  });
});

describe('query parsing', () => {
  it('quotes every term so FTS5 syntax in the input is never interpreted', () => {
    expect(parseQuery('pegasus').match).toBe('"pegasus"');
    expect(parseQuery("company's e-mail").match).toBe('"company\'s" AND "e-mail"');
    expect(parseQuery('surveil*').match).toBe('"surveil" *');
    expect(parseQuery('"exact phrase"').match).toBe('"exact phrase"');
    expect(parseQuery('a OR b NOT c').match).toBe('"a" OR "b" NOT "c"');
    expect(parseQuery('(a OR b) c').match).toBe('("a" OR "b") AND "c"');
    expect(parseQuery('say "hi"" there"').match).toBe('"say" AND "hi" AND "there"');
  });

  it('puts the parts left out (NOT, AND NOT, a minus) after the parts kept, as FTS5 needs', () => {
    expect(parseQuery('Pegasus AND NOT SLAPP')).toEqual({ match: '"Pegasus" NOT "SLAPP"', note: null });
    expect(parseQuery('a b -c -"d e"').match).toBe('"a" AND "b" NOT "c" NOT "d e"');
    expect(parseQuery('-c a').match).toBe('"a" NOT "c"');
    expect(parseQuery('NOT c a').match).toBe('"a" NOT "c"');
    expect(parseQuery('a -(b OR c*)').match).toBe('"a" NOT ("b" OR "c" *)');
    expect(parseQuery('a OR b AND NOT c').match).toBe('"a" OR "b" NOT "c"');
    // A minus inside a word, before a number or alone is text, as the index reads it.
    expect(parseQuery('e-mail -40 - x').match).toBe('"e-mail" AND "-40" AND "x"');
  });

  it('falls back to plain words, with the note, when the operators do not fit or FTS5 syntax is used', () => {
    expect(parseQuery('NOT a')).toEqual({ match: '"a"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('a AND')).toEqual({ match: '"a"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('((a)')).toEqual({ match: '"a"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('AND OR')).toEqual({ match: null, note: PLAIN_WORDS_NOTE });
    expect(parseQuery('-a')).toEqual({ match: '"a"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('a AND NOT')).toEqual({ match: '"a"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('a NOT NOT b')).toEqual({ match: '"a" AND "b"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('a OR -b')).toEqual({ match: '"a" AND "b"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('col:pegasus')).toEqual({ match: '"col" AND "pegasus"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('NEAR(a b)')).toEqual({ match: '"NEAR" AND "a" AND "b"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('"open phrase')).toEqual({ match: '"open" AND "phrase"', note: PLAIN_WORDS_NOTE });
    expect(parseQuery('   ')).toEqual({ match: null, note: null });
  });

  it('folds ligatures, typographic quotes, bidi marks and line-end hyphenation', () => {
    expect(foldForSearch('ﬁnancial ﬂows')).toBe('financial flows');
    expect(foldForSearch('the company’s “policy”')).toBe('the company\'s "policy"');
    expect(foldForSearch('\u200Fabc\u202Edef')).toBe('abcdef');
    expect(foldForSearch('surveil-\nlance and well-\nKnown')).toBe('surveillance and well-\nKnown');
  });
});
