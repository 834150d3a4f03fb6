import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { exhibit, tempDir, writeFile, writePdf } from './helpers.ts';

/** A four-page reply whose sentences run across its page breaks, one of them through a hyphenated word. */
function fixtures() {
  const dir = tempDir();
  const pdf = writePdf(dir, 'in/reply.pdf', {
    pages: [
      { lines: ['The report was sent to the ministry.', 'In 2019 the company supplied', 'its devices to the'] },
      { lines: ['ministry of the interior'] },
      { lines: ['under licence, as the report says. No evi-'] },
      { lines: ['dence was found.'] },
    ],
  });
  const letter = writeFile(
    dir,
    'in/letter.txt',
    'Dear Rapporteurs,\n\nWe have no knowledge of the\ndevices named\fin your letter of 5 August.\nWe deny any involvement.\n',
  );
  return { dir, caseDir: path.join(dir, 'case'), pdf, letter };
}

/** Each highlight's parts as (page, exact text), read back through the engine. */
async function parts(caseDir: string, configDir: string) {
  const s = openServices({ caseDir, configDir, rememberCase: false, backup: false, pool: { size: 1 } });
  try {
    const list = await callTyped(s.router, 'highlights.list', {});
    return new Map(list.map((h) => [h.highlightId, h.targets.map((t) => [t.page, t.quote.exact, t.anchor])]));
  } finally {
    await s.close();
  }
}

describe('exhibit highlight add across page breaks', () => {
  it('makes one highlight with a part per page for a quote that runs on, and keeps a one-page quote as it was', async () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    const c = (...args: string[]) => exhibit(['--case', f.caseDir, '--json', ...args], { HOME: home });
    expect(c('init', f.caseDir).code).toBe(0);
    const [pdf, letter] = c('import', f.pdf, f.letter).lines();
    const add = (doc: string, page: string, quote: string, ...more: string[]) =>
      c('highlight', 'add', '--doc', doc, '--page', page, '--quote', quote, ...more);

    // Two pages; the quote breaks its lines where the page does not.
    const two = add(pdf.documentId, '1', 'the company supplied its\ndevices to the ministry of the interior');
    expect(two.code).toBe(0);
    const [h2] = two.lines();
    expect(h2).toMatchObject({ page: 1, pages: [1, 2] });
    // Three pages, through a word hyphenated across the second break.
    const [h3] = add(
      pdf.documentId,
      '2',
      'ministry of the interior under licence, as the report says. No evidence was found',
    ).lines();
    expect(h3).toMatchObject({ page: 2, pages: [2, 3, 4] });
    // Wholly on its page: one part, as before.
    const [h1] = add(pdf.documentId, '1', 'sent to the ministry').lines();
    expect(h1).toMatchObject({ page: 1, pages: [1], quote: 'sent to the ministry' });
    // --occurrence counts the page's own occurrences first, then the one running on.
    const [first] = add(pdf.documentId, '1', 'to the ministry', '--occurrence', '1').lines();
    const [second] = add(pdf.documentId, '1', 'to the ministry', '--occurrence', '2').lines();
    expect(first).toMatchObject({ pages: [1] });
    expect(second).toMatchObject({ pages: [1, 2] });
    // A text letter: a form feed is its page break.
    const [t] = add(letter.documentId, '1', 'of the devices named in your letter').lines();
    expect(t).toMatchObject({ pages: [1, 2] });

    const got = await parts(f.caseDir, path.join(home, 'config'));
    expect(got.get(h2.highlightId)).toEqual([
      [1, 'the company supplied\nits devices to the', 'ok'],
      [2, 'ministry of the interior', 'ok'],
    ]);
    expect(got.get(h3.highlightId)).toEqual([
      [2, 'ministry of the interior', 'ok'],
      [3, 'under licence, as the report says. No evi-', 'ok'],
      [4, 'dence was found', 'ok'],
    ]);
    expect(got.get(h1.highlightId)).toEqual([[1, 'sent to the ministry', 'ok']]);
    expect(got.get(first.highlightId)).toEqual([[1, 'to the ministry', 'ok']]);
    expect(got.get(second.highlightId)).toEqual([
      [1, 'to the', 'ok'],
      [2, 'ministry', 'ok'],
    ]);
    expect(got.get(t.highlightId)).toEqual([
      [1, 'of the\ndevices named', 'ok'],
      [2, 'in your letter', 'ok'],
    ]);

    // The listing shows the range, in text and in JSON.
    const text = exhibit(['--case', f.caseDir, 'highlights', '--doc', letter.documentId], { HOME: home });
    expect(text.stdout).toContain('pp.1–2');
    expect(c('highlights', '--doc', letter.documentId).lines()).toEqual([expect.objectContaining({ page: 1, pages: [1, 2] })]);
  });

  it('names the pages it searched when the quote is nowhere, and changes nothing', async () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    const run = (...args: string[]) => exhibit(['--case', f.caseDir, ...args], { HOME: home });
    run('init', f.caseDir);
    const [pdf] = exhibit(['--case', f.caseDir, '--json', 'import', f.pdf], { HOME: home }).lines();
    const add = (page: string, quote: string, ...more: string[]) =>
      run('highlight', 'add', '--doc', pdf.documentId, '--page', page, '--quote', quote, ...more);

    const missing = add('1', 'the devices of the board');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'The quote "the devices of the board" is not on page 1, nor does it start there and run on to page 2',
    );
    // A long quote is looked for as far as it could reach.
    const long = add('1', 'supplied its devices to the ministry of the interior and to the police');
    expect(long.stderr).toContain('nor does it start there and run on to pages 2–4');
    expect(add('4', 'no such words').stderr).toContain("is not on page 4, the document's last page");
    const tooMany = add('1', 'to the ministry', '--occurrence', '3');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain(
      'occurs 2 time(s) on page 1 or starting there and running on to page 2; there is no occurrence 3',
    );
    expect(await parts(f.caseDir, path.join(home, 'config'))).toEqual(new Map());
  });
});
