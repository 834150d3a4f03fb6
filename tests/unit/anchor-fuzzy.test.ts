import { describe, expect, it } from 'vitest';
import { newPages, relocate, type StoredPassage } from '../../shared/anchoring/fuzzy.ts';
import { describeRange } from '../../shared/anchoring/selectors.ts';

const LETTER = [
  'Dear Ms Okafor,',
  'We write about the shipment that left Rotterdam on 4 March.',
  'The modern container terminal confirmed the seals were intact.',
  'Our client denies any knowledge of the licences named in the report.',
  'The invoice of 12 April was settled in full by the buyer.',
  'Yours sincerely, Harbour Legal',
].join('\n');

/** A target on page `pageIndex` of `pages`, as highlights.create stores it (the Nth occurrence of the quote). */
function passage(pages: string[], pageIndex: number, quote: string, occurrence = 1): StoredPassage {
  const text = pages[pageIndex]!;
  let start = -1;
  for (let n = 0; n < occurrence; n++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" is not on page ${pageIndex}`);
  const { quote: q } = describeRange(text, start, start + quote.length);
  return { pageIndex, start, end: start + quote.length, exact: q.exact, prefix: q.prefix, suffix: q.suffix };
}

/** Relocate a passage from the old pages into the new ones, and the text it now covers. */
function reread(oldPages: string[], p: StoredPassage, newTexts: string[]) {
  const found = relocate(p, oldPages[p.pageIndex], newPages(newTexts));
  const text = found.kind === 'orphaned' ? null : newTexts[found.pageIndex]!.slice(found.start, found.end);
  return { found, text };
}

describe('fuzzy re-anchoring after a document is read again', () => {
  it('keeps a passage whose page reads exactly as before, in place', () => {
    const p = passage([LETTER], 0, 'shipment that left Rotterdam');
    const { found } = reread([LETTER], p, [LETTER]);
    expect(found).toEqual({ kind: 'exact', pageIndex: 0, start: p.start, end: p.end, score: 1, errors: 0 });
  });

  it('finds a passage whose letters were misread (rn for m, 1 for l) as approximate, on the new words', () => {
    const misread = LETTER.replace('modern container', 'rnodern container').replace('licences', '1icences');
    const modern = passage([LETTER], 0, 'The modern container terminal confirmed');
    const licences = passage([LETTER], 0, 'knowledge of the licences named');
    const a = reread([LETTER], modern, [misread]);
    expect(a.found).toMatchObject({ kind: 'approximate', pageIndex: 0, errors: 2 });
    expect(a.text).toBe('The rnodern container terminal confirmed');
    const b = reread([LETTER], licences, [misread]);
    expect(b.found).toMatchObject({ kind: 'approximate', errors: 1 });
    expect(b.text).toBe('knowledge of the 1icences named');
  });

  it('finds a passage whose spaces were dropped', () => {
    const squeezed = LETTER.replace('settled in full by', 'settledin fullby');
    const { found, text } = reread([LETTER], passage([LETTER], 0, 'was settled in full by the buyer'), [squeezed]);
    expect(found).toMatchObject({ kind: 'approximate', errors: 2 });
    expect(text).toBe('was settledin fullby the buyer');
  });

  it('marks a passage moved when text inserted before it shifts its offsets', () => {
    const heading = 'HARBOUR LEGAL LLP\nRef. HL/2024/118\n';
    const p = passage([LETTER], 0, 'Our client denies any knowledge');
    const { found, text } = reread([LETTER], p, [heading + LETTER]);
    expect(found).toMatchObject({ kind: 'moved', pageIndex: 0, start: p.start + heading.length, errors: 0 });
    expect(text).toBe('Our client denies any knowledge');
  });

  it('marks a passage moved when the lines were read in another order', () => {
    const lines = LETTER.split('\n');
    const reordered = [lines[0], lines[3], lines[1], lines[2], lines[5], lines[4]].join('\n');
    const { found, text } = reread([LETTER], passage([LETTER], 0, 'The invoice of 12 April'), [reordered]);
    expect(found).toMatchObject({ kind: 'moved', errors: 0 });
    expect(text).toBe('The invoice of 12 April');
  });

  it('keeps a passage in place when only case and whitespace changed', () => {
    const respaced = LETTER.replace('the seals were', 'the  seals were');
    const p = passage([LETTER], 0, 'confirmed the seals were intact');
    const { found, text } = reread([LETTER], p, [respaced]);
    expect(found).toMatchObject({ kind: 'exact', start: p.start });
    expect(text).toBe('confirmed the  seals were intact');
  });

  it('reports a passage whose words are gone as orphaned, and a short one is never guessed', () => {
    const cut = LETTER.replace('Our client denies any knowledge of the licences named in the report.\n', '');
    expect(reread([LETTER], passage([LETTER], 0, 'denies any knowledge of the licences'), [cut]).found).toEqual({
      kind: 'orphaned',
    });
    // Two letters with one misread could be any two letters of the page.
    const mrs = LETTER.replace('Dear Ms', 'Dear Mrs');
    expect(reread([LETTER], passage([LETTER], 0, 'Ms'), [mrs]).found).toEqual({ kind: 'orphaned' });
  });

  it('prefers the misread copy in its place over a clean copy of the words elsewhere', () => {
    const twice = `${LETTER}\nAnnex: the modern container terminal confirmed receipt.`;
    const p = passage([twice], 0, 'The modern container terminal confirmed the seals');
    const misread = twice.replace(
      'The modern container terminal confirmed the seals',
      'The rnodern container termina1 confirmed the seals',
    );
    const { found, text } = reread([twice], p, [misread]);
    expect(found).toMatchObject({ kind: 'approximate', start: p.start });
    expect(text).toBe('The rnodern container termina1 confirmed the seals');
  });

  it('tells repeats apart by their context', () => {
    const page = 'The company rejects the allegation.\nIt accepts the fee.\nThe company rejects any link to the devices.';
    const second = passage([page], 0, 'The company rejects', 2);
    const { found } = reread([page], second, [`Preface.\n${page}`]);
    expect(found).toMatchObject({ kind: 'moved', start: second.start + 'Preface.\n'.length });
  });

  it('looks on the neighbouring pages, then the whole document, when the passage left its page', () => {
    const pages = ['Cover page.', 'Page two talks of tariffs.', LETTER, 'Appendix A.', 'Appendix B.', 'Index.'];
    const p = passage(pages, 2, 'settled in full by the buyer');
    const nextPage = [...pages];
    nextPage[2] = 'Page three was blank on this reading.';
    nextPage[3] = `Appendix A.\n${LETTER}`;
    expect(reread(pages, p, nextPage).found).toMatchObject({ kind: 'moved', pageIndex: 3 });
    const farPage = [...nextPage];
    farPage[3] = 'Appendix A.';
    farPage[5] = `Index.\n${LETTER}`;
    const far = reread(pages, p, farPage);
    expect(far.found).toMatchObject({ kind: 'moved', pageIndex: 5 });
    expect(far.text).toBe('settled in full by the buyer');
    // A distant page is searched for the words as they were only: a misread copy there is not taken.
    farPage[5] = `Index.\n${LETTER.replace('settled', 'sett1ed')}`;
    expect(reread(pages, p, farPage).found).toEqual({ kind: 'orphaned' });
  });

  it('uses the stored context when the old page text is not at hand', () => {
    const p = passage([LETTER], 0, 'The modern container terminal');
    const found = relocate(p, undefined, newPages([LETTER.replace('modern', 'rnodern')]));
    expect(found).toMatchObject({ kind: 'approximate', pageIndex: 0, start: p.start });
  });
});
