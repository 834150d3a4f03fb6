import { describe, expect, it } from 'vitest';
import { findAll, fold } from '../../shared/anchoring/fold.ts';
import { rectsForRange, sameRects } from '../../shared/anchoring/rects.ts';
import { chooseMatch, describeRange, reanchor } from '../../shared/anchoring/selectors.ts';

const page = [
  'The company rejects the allegation. The company rejects',
  'every claim of surveil-',
  'lance made in the ﬁnal report, and the company’s counsel',
  'says so.',
].join('\n');

describe('finding quotes in page text', () => {
  it('finds every occurrence of a repeated phrase and picks by occurrence or nearness', () => {
    const matches = findAll(page, 'The company rejects');
    expect(matches.map((m) => page.slice(m.start, m.end))).toEqual(['The company rejects', 'The company rejects']);
    expect(chooseMatch(matches, { occurrence: 2 })).toBe(matches[1]);
    expect(chooseMatch(matches, { occurrence: 3 })).toBeNull();
    expect(chooseMatch(matches, { near: 40 })).toBe(matches[1]);
    expect(chooseMatch(matches, {})).toBe(matches[0]);
  });

  it('matches across line breaks, hyphenation, ligatures, typographic quotes and case', () => {
    const [a] = findAll(page, 'rejects every claim');
    expect(page.slice(a!.start, a!.end)).toBe('rejects\nevery claim');
    const [b] = findAll(page, 'claim of surveillance made');
    expect(page.slice(b!.start, b!.end)).toBe('claim of surveil-\nlance made');
    const [c] = findAll(page, 'the final report');
    expect(page.slice(c!.start, c!.end)).toBe('the ﬁnal report');
    const [d] = findAll(page, "THE COMPANY'S COUNSEL");
    expect(page.slice(d!.start, d!.end)).toBe('the company’s counsel');
    expect(findAll(page, 'not on this page')).toEqual([]);
  });

  it('keeps a map from folded text back to every original offset', () => {
    const f = fold('a  ﬁ\u00ADb');
    expect(f.text).toBe('a fib');
    expect(f.starts).toEqual([0, 1, 3, 3, 5]);
    expect(f.ends).toEqual([1, 3, 4, 4, 6]);
  });
});

describe('selectors and re-anchoring', () => {
  const start = page.indexOf('the allegation');
  const sel = describeRange(page, start, start + 'the allegation'.length);

  it('describes a range with its exact text, 32 characters of context and offsets', () => {
    expect(sel.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'the allegation',
      prefix: 'The company rejects ',
      suffix: '. The company rejects\nevery clai',
    });
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: 20, end: 34 });
  });

  it('is ok where the text still is, drifted where it moved, orphaned when it is gone', () => {
    expect(reanchor(page, sel.quote, sel.position)).toEqual({ state: 'ok', start: 20, end: 34 });
    const shifted = `Preliminary note added later.\n${page}`;
    expect(reanchor(shifted, sel.quote, sel.position)).toEqual({ state: 'drifted', start: 50, end: 64 });
    expect(reanchor(page.replace('allegation', 'claim'), sel.quote, sel.position)).toEqual({ state: 'orphaned' });
  });

  it('uses the surrounding text to find the right one of repeated phrases after a shift', () => {
    const second = findAll(page, 'The company rejects')[1]!;
    const s = describeRange(page, second.start, second.end);
    const shifted = `Intro.\n${page}`;
    const found = reanchor(shifted, s.quote, s.position);
    expect(found).toEqual({ state: 'drifted', start: second.start + 7, end: second.end + 7 });
  });
});

describe('rectangles from text positions', () => {
  // [start, length, a, b, c, d, e, f, width, height, ascent]
  const horizontal = [0, 10, 12, 0, 0, 12, 100, 700, 60, 12, 0.75];
  it('covers part of an item in proportion, from descent to ascent around the baseline', () => {
    expect(rectsForRange([horizontal], 0, 10)).toEqual([[100, 697, 160, 709]]);
    expect(rectsForRange([horizontal], 5, 10)).toEqual([[130, 697, 160, 709]]);
    expect(rectsForRange([horizontal], 10, 20)).toEqual([]);
  });

  it('handles text rotated by 90 degrees', () => {
    const rotated = [0, 4, 0, 10, -10, 0, 200, 300, 40, 10, 0.8];
    expect(rectsForRange([rotated], 0, 4)).toEqual([[192, 300, 202, 340]]);
  });

  it('merges touching items on one line into one rectangle', () => {
    const word2 = [10, 6, 12, 0, 0, 12, 160, 700, 36, 12, 0.75];
    expect(rectsForRange([horizontal, word2], 2, 14)).toEqual([[112, 697, 184, 709]]);
    expect(sameRects([[1, 2, 3, 4]], [[1.5, 2, 3, 4]])).toBe(true);
    expect(sameRects([[1, 2, 3, 4]], [[3, 2, 3, 4]])).toBe(false);
  });
});
