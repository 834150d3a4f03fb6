import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { PLAIN_WORDS_NOTE } from '../../shared/search/query.ts';
import { importFiles, newCase, tempDir, writeFile } from './helpers.ts';

async function sampleCase(): Promise<Services> {
  const s = newCase();
  const dir = tempDir();
  await importFiles(s, [
    writeFile(
      dir,
      'company-letter.txt',
      [
        'The Company’s response to the Special Rapporteurs.\nWe deny that our product was used against journalists.',
        'Our export licences are reviewed by the Ministry. The “human rights policy” applies to every customer.',
        'Naïve claims about the Pegasus spyware are unfounded. Pegasus is sold to governments only.',
      ].join('\f'),
    ),
    writeFile(
      dir,
      'ngo-report.md',
      'Forensic analysis found Pegasus infections on the phones of two journalists and one lawyer in Mexico.',
    ),
    writeFile(
      dir,
      'press.txt',
      'Press coverage: the cafe owner said the surveillance began in 2019. Surveillance of activists continued.',
    ),
  ]);
  return s;
}

const q = (s: Services, query: string, limit?: number) => callTyped(s.router, 'search.query', { query, limit });
const titles = async (s: Services, query: string) => (await q(s, query)).results.map((r) => `${r.title}:${r.page}`).sort();

describe('search', () => {
  it('finds words on the right document and 1-based page, with the hit marked in the snippet', async () => {
    const s = await sampleCase();
    const res = await q(s, 'licences');
    expect(res.total).toBe(1);
    const [hit] = res.results;
    expect(hit).toMatchObject({ title: 'company-letter', page: 2 });
    const [start, end] = hit!.highlights[0]!;
    expect(hit!.snippet.slice(start, end)).toBe('licences');
  });

  it('folds case, diacritics and typographic quotes', async () => {
    const s = await sampleCase();
    expect(await titles(s, 'NAIVE')).toEqual(['company-letter:3']);
    expect(await titles(s, 'café')).toEqual(['press:1']);
    expect(await titles(s, "company's")).toEqual(['company-letter:1']);
    expect(await titles(s, '"human rights policy"')).toEqual(['company-letter:2']);
  });

  it('supports exact phrases, prefixes and AND / OR / NOT', async () => {
    const s = await sampleCase();
    expect(await titles(s, '"Pegasus infections"')).toEqual(['ngo-report:1']);
    expect(await titles(s, '"infections Pegasus"')).toEqual([]);
    expect(await titles(s, 'surveil*')).toEqual(['press:1']);
    expect(await titles(s, 'journalists AND lawyer')).toEqual(['ngo-report:1']);
    expect(await titles(s, 'journalists lawyer')).toEqual(['ngo-report:1']);
    expect(await titles(s, 'Ministry OR Mexico')).toEqual(['company-letter:2', 'ngo-report:1']);
    expect(await titles(s, 'Pegasus NOT governments')).toEqual(['ngo-report:1']);
    expect(await titles(s, '(Ministry OR Mexico) AND lawyer')).toEqual(['ngo-report:1']);
  });

  // Leaving pages out, as reviewers write it: [query, the pages it finds], with no note.
  const leavingOut: [string, string[]][] = [
    ['Pegasus AND NOT governments', ['ngo-report:1']],
    ['Pegasus AND NOT SLAPP', ['company-letter:3', 'ngo-report:1']],
    ['pegasus -governments', ['ngo-report:1']],
    ['-governments pegasus', ['ngo-report:1']],
    ['NOT governments pegasus', ['ngo-report:1']],
    ['journalists -"Pegasus infections"', ['company-letter:1']],
    ['journalists AND NOT lawyer', ['company-letter:1']],
    ['pegasus -(governments OR lawyer)', []],
    ['pegasus AND NOT (governments OR lawyer)', []],
    ['pegasus spyware -lawyer', ['company-letter:3']],
    ['(pegasus -governments) OR surveil*', ['ngo-report:1', 'press:1']],
    ['the -surveil* -pegasus', ['company-letter:1', 'company-letter:2']],
  ];

  it.each(leavingOut)('searches %j as written, leaving out the pages with the parts after NOT or -', async (query, found) => {
    const s = await sampleCase();
    const res = await q(s, query);
    expect(res.note).toBeNull();
    expect(await titles(s, query)).toEqual(found);
    expect(res.total).toBe(found.length);
  });

  it('ranks the page with more hits first', async () => {
    const s = await sampleCase();
    const res = await q(s, 'pegasus');
    expect(res.total).toBe(2);
    expect(res.results[0]).toMatchObject({ title: 'company-letter', page: 3 });
    expect(res.results[0]!.highlights).toHaveLength(2);
  });

  it('pages through results with limit and offset and keeps an exact total', async () => {
    const s = await sampleCase();
    const first = await callTyped(s.router, 'search.query', { query: 'the', limit: 2 });
    const rest = await callTyped(s.router, 'search.query', { query: 'the', limit: 2, offset: 2 });
    expect(first.total).toBe(5);
    expect(first.results).toHaveLength(2);
    expect(rest.results).toHaveLength(2);
    const seen = new Set([...first.results, ...rest.results].map((r) => `${r.documentId}:${r.page}`));
    expect(seen.size).toBe(4);
  });

  it('searches malformed boolean queries as plain words and says so', async () => {
    const s = await sampleCase();
    const res = await q(s, 'pegasus AND (lawyer');
    expect(res.note).toBe(PLAIN_WORDS_NOTE);
    expect(res.results.map((r) => r.title)).toEqual(['ngo-report']);
  });

  // Every query that is not our syntax gets the one note and its plain words searched:
  // [query, the pages it finds]. The words are ANDed; operators and brackets are left out.
  const notSyntax: [string, string[]][] = [
    ['"', []],
    ['""', []],
    ['pegasus "', ['company-letter:3', 'ngo-report:1']],
    ['"Pegasus infections', ['ngo-report:1']],
    ['*', []],
    ['***', []],
    ['*surveil', []],
    ['pega*sus', []],
    ['"human rights policy"**', ['company-letter:2']],
    ['NOT', []],
    ['AND OR', []],
    ['AND OR (', []],
    ['(((', []],
    [')', []],
    ['()', []],
    ['pegasus ()', ['company-letter:3', 'ngo-report:1']],
    ['pegasus AND', ['company-letter:3', 'ngo-report:1']],
    ['OR pegasus', ['company-letter:3', 'ngo-report:1']],
    ['NOT governments', ['company-letter:3']],
    ['pegasus AND OR lawyer', ['ngo-report:1']],
    ['(pegasus OR lawyer', ['ngo-report:1']],
    ['pegasus) lawyer', ['ngo-report:1']],
    ['surveil* AND (', ['press:1']],
    ['title:pegasus', []],
    ['coverage: surveillance', ['press:1']],
    ['{text}: lawyer', []],
    ['-pegasus', ['company-letter:3', 'ngo-report:1']],
    ['+pegasus', ['company-letter:3', 'ngo-report:1']],
    ['pegasus + spyware', ['company-letter:3']],
    ['^pegasus', ['company-letter:3', 'ngo-report:1']],
    ['pegasus^2', []],
    ['NEAR(', []],
    ['NEAR(pegasus spyware)', []],
    ['NEAR/3 lawyer', []],
    // Only parts left out, or NOT where a part cannot be left out: FTS5 cannot search that.
    ['-pegasus -lawyer', ['ngo-report:1']],
    ['pegasus AND NOT', ['company-letter:3', 'ngo-report:1']],
    ['pegasus NOT NOT governments', ['company-letter:3']],
    ['pegasus OR -governments', ['company-letter:3']],
    ['pegasus (-governments)', ['company-letter:3']],
  ];

  it.each(notSyntax)('searches %j as plain words and says so', async (query, found) => {
    const s = await sampleCase();
    const res = await q(s, query);
    expect(res.note).toBe(PLAIN_WORDS_NOTE);
    expect(await titles(s, query)).toEqual(found);
    expect(res.total).toBe(found.length);
  });

  // Odd but valid: punctuation is text, as the index treats it, and nothing is misread.
  const oddButValid: [string, string[]][] = [
    ['', []],
    ['   ', []],
    ['\u0000', []],
    ['💥', []],
    ["'; DROP TABLE pages; --", []],
    ['a"b"c', []],
    ['journalists & lawyer', ['ngo-report:1']],
    ['pegasus - spyware', ['company-letter:3']],
    ['surveillance -2019', ['press:1']],
    ['https://example.org', []],
    ['2019', ['press:1']],
    ['x'.repeat(1000), []],
  ];

  it.each(oddButValid)('searches %j as written, with no note', async (query, found) => {
    const s = await sampleCase();
    const res = await q(s, query);
    expect(res.note).toBeNull();
    expect(await titles(s, query)).toEqual(found);
  });

  it('leaves the pages table alone whatever the query', async () => {
    const s = await sampleCase();
    await q(s, "'; DROP TABLE pages; --");
    expect((await q(s, 'pegasus')).total).toBe(2);
  });
});

describe('search results at scale', () => {
  it('gives every hit the snippet of its own page', async () => {
    const s = newCase();
    const pages = Array.from(
      { length: 30 },
      (_, i) => `Exhibit ${i + 1}: the witness statement numbered ${1000 + i} mentions evidence.`,
    );
    await importFiles(s, [writeFile(tempDir(), 'exhibits.txt', pages.join('\f'))]);
    const res = await callTyped(s.router, 'search.query', { query: 'evidence', limit: 30 });
    expect(res.results).toHaveLength(30);
    for (const hit of res.results) expect(hit.snippet).toContain(`numbered ${999 + hit.page} mentions`);
  });

  it('says when only part of a very common match was ranked, and still pages past that part', async () => {
    const s = newCase();
    const pages = Array.from({ length: 2100 }, (_, i) => `Log entry ${i + 1}: device contacted server.`);
    await importFiles(s, [writeFile(tempDir(), 'log.txt', pages.join('\f'))]);
    const first = await callTyped(s.router, 'search.query', { query: 'server', limit: 10 });
    expect(first.total).toBe(2100);
    expect(first.note).toBe(
      '2,100 pages match; the best 2,000 of the first found (in import order) are ranked. Add words to narrow the search.',
    );
    const deep = await callTyped(s.router, 'search.query', { query: 'server', limit: 50, offset: 2080 });
    expect(deep.results).toHaveLength(20);
    const narrow = await callTyped(s.router, 'search.query', { query: '"entry 2099"' });
    expect(narrow).toMatchObject({ total: 1, note: null });
  });
});
