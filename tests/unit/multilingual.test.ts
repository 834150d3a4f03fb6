import { describe, expect, it } from 'vitest';
import { logicalOrder, splitLines } from '../../electron/services/ingest/reading-order.ts';
import { callTyped } from '../../electron/services/router.ts';
import { importFiles, newCase, tempDir, writeFile } from './helpers.ts';

const item = (str: string, dir = 'ltr', hasEOL = false) => ({ str, dir, hasEOL });

describe('reading order of right-to-left lines', () => {
  it('reverses a run of right-to-left words given in visual order, keeping the blanks between them', () => {
    const line = [item('العربية', 'rtl'), item(' '), item('الخطوط', 'rtl'), item(' '), item('انواع', 'rtl')];
    expect(
      logicalOrder(line)
        .map((i) => i.str)
        .join(''),
    ).toBe('انواع الخطوط العربية');
  });

  it('leaves left-to-right text and single right-to-left items alone', () => {
    const line = [item('Report'), item(' '), item('שלום עולם', 'rtl'), item(' '), item('2024')];
    expect(logicalOrder(line).map((i) => i.str)).toEqual(['Report', ' ', 'שלום עולם', ' ', '2024']);
  });

  it('splits items into lines at end-of-line marks', () => {
    const lines = splitLines([item('a'), item('', 'ltr', true), item('b'), item('c', 'ltr', true)]);
    expect(lines.map((l) => l.map((i) => i.str))).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
  });
});

describe('searching scripts without spaces', () => {
  it('finds a run of Japanese or Chinese characters inside a longer run and marks just that run', async () => {
    const s = newCase();
    await importFiles(s, [
      writeFile(tempDir(), 'contract.txt', '契約書によれば、当社は輸出許可を得た。\f第二页：描述团队的共同目标，有利于合作。'),
    ]);
    const ja = await callTyped(s.router, 'search.query', { query: '輸出許可' });
    expect(ja.total).toBe(1);
    const hit = ja.results[0]!;
    expect(hit.page).toBe(1);
    expect(hit.snippet).toBe('契約書によれば、当社は輸出許可を得た。');
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['輸出許可']);
    const zh = await callTyped(s.router, 'search.query', { query: '"共同目标"' });
    expect(zh.results.map((r) => r.page)).toEqual([2]);
    expect((await callTyped(s.router, 'search.query', { query: '許可輸出' })).total).toBe(0);
  });
});
