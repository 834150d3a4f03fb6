/**
 * A 1,000-page PDF: page 1 shows promptly, "go to page" 800 shows page 800 with its text,
 * and the thumbnails draw only what is in view, go to a page on click and work from the keyboard.
 */
import type { Locator } from '@playwright/test';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, transcript, transcriptMarker as marker, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

/** The keys act on the list, which keeps focus and names its active row with aria-activedescendant. */
async function expectActive(list: Locator, name: string): Promise<void> {
  await expect(list).toBeFocused();
  const id = await list.getByRole('option', { name, exact: true }).getAttribute('id');
  await expect(list).toHaveAttribute('aria-activedescendant', id!);
}

const PAGES = 1000;

test('a 1,000-page PDF opens at page 1, jumps to page 800, and its thumbnails are lazy and keyboard-friendly', async ({
  page,
  app,
}) => {
  test.slow(); // importing a thousand pages takes a few seconds of the budget
  const pdf = app.writePdf('transcript.pdf', transcript(PAGES));
  await app.open();
  await importFiles(page, app, [pdf]);

  await openDocument(page, 'Hearing transcript');
  const pageBox = page.getByRole('textbox', { name: 'Page' });
  // Promptly: well inside the usual wait (the benchmark times it properly).
  await expect(page.locator('.pdfViewer .page[data-page-number="1"] .textLayer')).toContainText(marker(1), { timeout: 5_000 });
  await expect(pageBox).toHaveValue('1');
  await expect(page.locator('.page-count')).toHaveText('of 1000');

  await pageBox.fill('800');
  await pageBox.press('Enter');
  await expect(pageBox).toHaveValue('800');
  await waitForPage(page, 800);
  await expect(page.locator('.pdfViewer .page[data-page-number="800"] .textLayer')).toContainText(marker(800));
  // Lazy pages: only the few around the view are drawn, not the thousand.
  expect(await page.locator('.pdfViewer .page[data-loaded="true"]').count()).toBeLessThan(20);
  await app.snap('page-800');

  await page.getByRole('tab', { name: 'Thumbnails' }).click();
  const thumbs = page.getByRole('listbox', { name: 'Page thumbnails' });
  const current = thumbs.getByRole('option', { selected: true });
  await expect(current).toHaveAccessibleName('Page 800');
  await expect(current.locator('canvas')).toBeAttached();
  const options = await thumbs.getByRole('option').count();
  expect(options).toBeGreaterThan(2);
  expect(options).toBeLessThan(20);
  await app.snap('thumbnails-800');

  await thumbs.getByRole('option', { name: 'Page 801', exact: true }).click();
  await expect(pageBox).toHaveValue('801');
  await waitForPage(page, 801);

  // One tab stop; arrows move it, Enter goes there.
  await expectActive(thumbs, 'Page 801');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expectActive(thumbs, 'Page 803');
  await page.keyboard.press('Enter');
  await expect(pageBox).toHaveValue('803');
  await page.keyboard.press('End');
  const last = thumbs.getByRole('option', { name: 'Page 1000', exact: true });
  await expectActive(thumbs, 'Page 1000');
  await expect(last.locator('canvas')).toBeAttached();
  await page.keyboard.press('Enter');
  await expect(pageBox).toHaveValue('1000');
  await waitForPage(page, 1000);
  await expect(page.locator('.pdfViewer .page[data-page-number="1000"] .textLayer')).toContainText(marker(1000));
  await page.keyboard.press('Home');
  await expectActive(thumbs, 'Page 1');
  expect(await thumbs.getByRole('option').count()).toBeLessThan(20);
  await app.snap('thumbnails-keyboard');
});
