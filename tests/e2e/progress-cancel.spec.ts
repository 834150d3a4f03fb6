/**
 * Long imports show progress and can be cancelled: files not yet stored are reported as
 * cancelled, and only whole documents reach the case.
 */
import { expect, test } from './fixtures.ts';

const PAGES = 400;
const FILES = 20;

test('shows progress while importing and cancels cleanly', async ({ page, app }) => {
  const files = Array.from({ length: FILES }, (_, f) =>
    app.writePdf(`bundle/exhibit-${String(f + 1).padStart(2, '0')}.pdf`, {
      pages: Array.from({ length: PAGES }, (_, p) => ({
        lines: [`Exhibit ${f + 1}, page ${p + 1}`, 'Ledger entries for the quarter.'],
      })),
    }),
  );
  await app.open();
  app.kase.chooseFiles(files);
  await page.getByRole('button', { name: 'Import files…' }).click();

  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByText(new RegExp(`^Importing \\d+ of ${FILES} files · [\\d,]+ pages$`))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import files…' })).toBeDisabled();
  await app.snap('progress');
  await page.getByRole('button', { name: 'Cancel import' }).click();

  const results = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(results).toHaveCount(FILES);
  await expect(results.filter({ hasText: 'Cancelled' }).first()).toBeVisible();
  await expect(page.getByRole('progressbar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Import files…' })).toBeEnabled();

  // Every document listed is whole: all of its pages arrived.
  const imported = await results.filter({ hasText: 'Imported' }).count();
  expect(imported).toBeLessThan(FILES);
  if (imported === 0) {
    await expect(page.getByText('No documents in this case yet')).toBeVisible();
  } else {
    const rows = page.getByRole('table', { name: 'Documents' }).locator('tbody tr');
    await expect(rows).toHaveCount(imported);
    await expect(rows.getByRole('cell').nth(1)).toHaveText(String(PAGES));
  }
  await app.snap('cancelled');
});
