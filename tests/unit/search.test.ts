import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
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
    expect(res.note).toMatch(/searched as plain words/);
    expect(res.results.map((r) => r.title)).toEqual(['ngo-report']);
  });

  it('never crashes on hostile or odd input', async () => {
    const s = await sampleCase();
    const odd = [
      '',
      '   ',
      '"',
      '""',
      '***',
      'NOT',
      'AND OR',
      '(((',
      ')',
      '-pegasus',
      'pegasus^2',
      'col:pegasus',
      'NEAR(a b)',
      '\u0000',
      "'; DROP TABLE pages; --",
      '"unclosed phrase',
      'a"b"c',
      '💥',
      'x'.repeat(1000),
    ];
    for (const input of odd) {
      const res = await q(s, input);
      expect(res.total, JSON.stringify(input)).toBeGreaterThanOrEqual(0);
    }
    expect((await q(s, '-pegasus')).total).toBe(2);
    expect((await q(s, "'; DROP TABLE pages; --")).total).toBe(0);
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
