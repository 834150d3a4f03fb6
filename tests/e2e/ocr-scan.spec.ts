/**
 * A scanned letter in the app: imported, read in the background (the bar under the case
 * name says so and goes when done), found by search, its words selected with the mouse on
 * the page image and highlighted, the box on those words. At the desktop size and at
 * 900×700, light and dark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { expect, importFiles, reveal, test, type AppFixture } from './fixtures.ts';
import { expectSameBox, highlightBoxes, phraseBox, selectWithMouse, waitForPage } from './viewer-helpers.ts';

const LINES = [
  'Reply of the Company to the Special Rapporteurs',
  'The Company has never sold its product to the',
  'Ministry and denies any role in the operation.',
];

async function quotes(app: AppFixture): Promise<string[]> {
  const res = await app.kase.services.router.call('highlights.list', {});
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { quote: string }[]).map((h) => h.quote).sort();
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`a scanned letter is read, found, selected and highlighted (${viewport.width}×${viewport.height}, ${colorScheme})`, async ({
      page,
      app,
    }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await app.open();
      const dir = path.join(app.inputDir, 'scan-work');
      fs.mkdirSync(dir, { recursive: true });
      const scan = await scanPdf(dir, { lines: LINES });
      const file = app.writeFile('company-reply.pdf', scan.pdf);
      await importFiles(page, app, [file]);

      // Read in the background; the bar goes once every page is read.
      await app.kase.services.ocr.idle();
      await expect(page.getByRole('status', { name: 'Reading scanned pages' })).toBeHidden();
      // Nothing went wrong on the way (a channel the window could not reach would show here).
      await expect(page.getByRole('alert')).toHaveCount(0);

      await reveal(page, 'Search · Allegations');
      const search = page.getByRole('searchbox', { name: 'Search the case' });
      await search.fill('"denies any role"');
      await search.press('Enter');
      const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
      await expect(hits).toHaveCount(1);
      await hits.first().getByRole('button').click();
      await waitForPage(page, 1);

      // The words read off the image are on the page, invisible, where the image shows them.
      await selectWithMouse(page, 1, 'denies any role');
      await page.keyboard.press('h');
      await expect.poll(() => quotes(app)).toEqual(['denies any role']);
      await expect.poll(async () => (await highlightBoxes(page, 1)).length).toBe(1);
      const [box] = await highlightBoxes(page, 1);
      expectSameBox(box!, await phraseBox(page, 1, 'denies any role'), 4);
      await app.snap(`scan-highlighted-${viewport.width}-${colorScheme}`);
      expect(app.problems).toEqual([]);
    });
  }
}
