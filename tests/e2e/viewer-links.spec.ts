/**
 * Links inside a PDF never navigate the app: an external link asks first, showing the
 * address, and only "Open in browser" hands it to the host (shell.openExternal); an
 * internal link jumps to its page.
 */
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

const ADDRESS = 'https://example.org/disclosures/report-2024.pdf?ref=annex';
// Lines sit 15.6 pt apart from a first baseline at y = 720 (12 pt text); each link covers its line.
const linked = {
  info: { title: 'Report with links' },
  pages: [
    {
      lines: ['The full report is published online.', 'The shipment log is in the annex on page 3.'],
      links: [
        { rect: [70, 716, 300, 731] as [number, number, number, number], uri: ADDRESS },
        { rect: [70, 700, 330, 714] as [number, number, number, number], pageIndex: 2 },
      ],
    },
    { lines: ['Page two: the summary of findings.'] },
    { lines: ['Annex: the shipment log for March.'] },
  ],
};

test('an external link asks before opening in the browser; an internal link goes to its page', async ({ page, app }) => {
  const pdf = app.writePdf('linked.pdf', linked);
  await app.open();
  await importFiles(page, app, [pdf]);
  await openDocument(page, 'Report with links');
  await waitForPage(page, 1);
  const appUrl = page.url();
  const popups: string[] = [];
  page.on('popup', (p) => popups.push(p.url()));

  const external = page.locator(`.pdfViewer .page[data-page-number="1"] .annotationLayer a[href="${ADDRESS}"]`);
  await external.click();
  const dialog = page.getByRole('dialog', { name: 'Open this link outside Exhibit?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(ADDRESS);
  await expect(dialog).toContainText('(example.org)');
  await app.snap('external-link-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(app.openedExternally).toEqual([]);

  await external.click();
  await dialog.getByRole('button', { name: 'Open in browser' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => app.openedExternally).toEqual([ADDRESS]);
  expect(page.url()).toBe(appUrl);
  expect(popups).toEqual([]);

  const zoom = await page.getByLabel('Zoom level').textContent();
  const internal = page.locator('.pdfViewer .page[data-page-number="1"] .annotationLayer a[href^="#"]');
  await internal.click();
  await expect(page.getByRole('textbox', { name: 'Page' })).toHaveValue('3');
  await waitForPage(page, 3);
  await expect(page.locator('.pdfViewer .page[data-page-number="3"] .textLayer')).toContainText('the shipment log for March');
  await expect(dialog).toBeHidden();
  // The link's /Fit does not change the reviewer's zoom.
  await expect(page.getByLabel('Zoom level')).toHaveText(zoom!);
  expect(page.url().split('#')[0]).toBe(appUrl.split('#')[0]);
  await app.snap('internal-link');
});
