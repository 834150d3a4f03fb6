/**
 * Search that lands: a hit opens its page with the hit itself in view (the middle of the
 * pages' scroll box, not the top of the page), in a PDF whose landscape page above the hit
 * changes size after opening, and in a text document; at a desktop and a small window, in
 * light and dark. A hit clicked while the ledger covers the middle opens the document, and
 * `AND NOT` / `-word` queries typed in the search box find the right documents.
 */
import type { Page } from '@playwright/test';
import { expect, importFiles, reveal, test, type AppFixture } from './fixtures.ts';

const filler = (page: number, n: number) => Array.from({ length: n }, (_, i) => `Page ${page}, line ${i + 1} of the minutes.`);

// Page 2 is landscape: until the viewer learns its real size it is laid out as tall as page 1.
const minutes = {
  info: { title: 'Harbour board minutes' },
  pages: [
    { lines: filler(1, 40) },
    { lines: filler(2, 25), size: [842, 595] as [number, number] },
    { lines: [...filler(3, 35), 'The pilot reported the tanker Meridian drifting at 02:14.', ...filler(3, 4)] },
    { lines: filler(4, 40) },
  ],
};
const longLetter = [
  Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}: the harbour master kept the usual watch.`).join('\n'),
  [
    ...Array.from({ length: 70 }, (_, i) => `Entry ${i + 1}: nothing to report on the quay.`),
    'The tug crew saw the Meridian anchor chain part at dawn.',
    ...Array.from({ length: 40 }, (_, i) => `Entry ${i + 71}: nothing to report on the quay.`),
  ].join('\n'),
].join('\f');

/** Search the case from the search box and wait for `count` hits. */
async function searchFor(page: Page, query: string, count: number) {
  await reveal(page, 'Search · Allegations');
  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill(query);
  await search.press('Enter');
  const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(hits).toHaveCount(count);
  return hits;
}

/** Where the first marked hit is, against the box of the pages' scroll container. */
async function hitPlacement(page: Page, scroller: string): Promise<string> {
  return (await page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(scroller)})?.getBoundingClientRect();
    const mark = document.querySelector(${JSON.stringify(scroller)} + ' mark.exhibit-term')?.getBoundingClientRect();
    if (!box || !mark) return 'no mark yet';
    const inside = mark.top >= box.top && mark.bottom <= box.bottom && mark.left >= box.left && mark.right <= box.right;
    const off = Math.abs((mark.top + mark.bottom) / 2 - (box.top + box.bottom) / 2);
    if (!inside) return 'outside: ' + JSON.stringify({ box, mark });
    return off <= box.height / 4 ? 'in the middle' : 'inside, ' + Math.round(off) + ' px from the middle';
  })()`)) as string;
}

async function setUp(page: Page, app: AppFixture): Promise<void> {
  const pdf = app.writePdf('minutes.pdf', minutes);
  const letter = app.writeFile('harbour-log.txt', longLetter);
  await app.open();
  await importFiles(page, app, [pdf, letter]);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${viewport.width}×${viewport.height}, ${colorScheme}`, () => {
      test.use({ viewport, colorScheme });

      test('a hit opens with the hit in the middle of the pages, in a PDF and in a text document', async ({ page, app }) => {
        await setUp(page, app);
        const hits = await searchFor(page, 'Meridian', 2);

        await hits.filter({ hasText: 'tanker' }).getByRole('button').click();
        await expect(page.getByRole('textbox', { name: 'Page' })).toHaveValue('3');
        await expect.poll(() => hitPlacement(page, '.pdf-container')).toBe('in the middle');
        // The hit is selected, ready to be extended or highlighted from the keyboard.
        await expect.poll(() => page.evaluate('String(window.getSelection())')).toBe('Meridian');
        await app.snap(`pdf-hit-${viewport.width}-${colorScheme}`);

        // In a small window the hit closed the search drawer; the next hit is behind its handle.
        await reveal(page, 'Search · Allegations');
        await hits.filter({ hasText: 'tug crew' }).getByRole('button').click();
        await expect(page.locator('.text-scroller mark.exhibit-term')).toHaveText('Meridian');
        await expect.poll(() => hitPlacement(page, '.text-scroller')).toBe('in the middle');
        await app.snap(`text-hit-${viewport.width}-${colorScheme}`);
      });
    });
  }
}

test('a hit clicked while the ledger is open closes the ledger and opens the document', async ({ page, app }) => {
  await setUp(page, app);
  await page.keyboard.press('Control+Shift+M');
  const ledger = page.getByRole('region', { name: 'Allegation ledger' });
  await expect(ledger.getByRole('tab', { name: 'Evidence matrix', selected: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open document' })).toBeHidden();

  const hits = await searchFor(page, 'Meridian', 2);
  await hits.filter({ hasText: 'tanker' }).getByRole('button').click();
  const viewer = page.getByRole('region', { name: 'Open document' });
  await expect(viewer.getByRole('heading', { name: 'Harbour board minutes' })).toBeVisible();
  await expect(ledger).toBeHidden();
  await expect.poll(() => hitPlacement(page, '.pdf-container')).toBe('in the middle');
});

test('AND NOT, NOT and -word typed in the search box leave out the documents with that word', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [
    app.writeFile('ngo-report.txt', 'Forensic analysis found Pegasus infections on the phones of two journalists.'),
    app.writeFile('slapp-suit.txt', 'The company filed a SLAPP suit after the Pegasus report was published.'),
    app.writeFile('press.txt', 'Press coverage of the SLAPP suit against the newspaper.'),
  ]);
  const documentsFound = async (query: string, count: number) => {
    const hits = await searchFor(page, query, count);
    await expect(page.locator('.search-note')).toBeHidden();
    return hits.locator('.hit-title').allTextContents();
  };
  expect(await documentsFound('Pegasus AND NOT SLAPP', 1)).toEqual(['ngo-report']);
  expect(await documentsFound('Pegasus -SLAPP', 1)).toEqual(['ngo-report']);
  expect(await documentsFound('SLAPP NOT Pegasus', 1)).toEqual(['press']);
  expect((await documentsFound('SLAPP OR Pegasus', 3)).sort()).toEqual(['ngo-report', 'press', 'slapp-suit']);
});
