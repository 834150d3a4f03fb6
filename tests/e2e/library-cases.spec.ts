/**
 * Cases: the first-run offer of the sample case, creating and switching cases from the
 * case bar, and the recent-cases list (including a case whose folder has gone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, importFiles, test } from './fixtures.ts';

test('first run offers the sample case, which opens with the report and the letter', async ({ page, app }) => {
  await app.open();
  const offer = page.getByRole('region', { name: 'New to Exhibit?' });
  await expect(offer).toBeVisible();
  await app.snap('first-run');

  await offer.getByRole('button', { name: 'Open the sample case' }).click();
  await expect(page.getByRole('button', { name: /^Case\s*sample/ })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Documents' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Silent Harbour' })).toContainText('5');
  await expect(rows.filter({ hasText: 'Corvane Systems letter' })).toContainText('Text');
  await expect(page.getByText('2 documents · 7 pages')).toBeVisible();
  expect(fs.existsSync(path.join(app.dataDir, 'cases', 'sample', 'case.sqlite'))).toBe(true);

  // The sample is searchable like any case.
  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill('NIGHTJAR');
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('Silent Harbour');
  await app.snap('sample-case');
});

test('creates cases, switches between them from the recent list, and marks a missing one', async ({ page, app }) => {
  const alpha = path.join(app.kase.dir, 'cases', 'alpha');
  const beta = path.join(app.kase.dir, 'cases', 'beta');
  const gamma = path.join(app.kase.dir, 'cases', 'gamma');
  const letter = app.writeFile('hale-letter.txt', 'Dear Ms Hale,\nThank you for your letter of 2 March.');
  await app.open();
  const caseButton = page.getByRole('button', { name: /^Case/ });

  app.chooseCaseFolder(alpha);
  await caseButton.click();
  await page.getByRole('group', { name: 'Switch case' }).getByRole('button', { name: 'New case…' }).click();
  await expect(caseButton).toContainText('alpha');
  await importFiles(page, app, [letter]);
  await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody tr')).toHaveCount(1);

  app.chooseCaseFolder(beta);
  await caseButton.click();
  await page.getByRole('button', { name: 'New case…' }).click();
  await expect(caseButton).toContainText('beta');
  await expect(page.getByText('No documents in this case yet')).toBeVisible();
  // Not a first run any more: alpha is a recent case.
  await expect(page.getByRole('region', { name: 'New to Exhibit?' })).toHaveCount(0);

  app.chooseCaseFolder(gamma);
  await caseButton.click();
  await page.getByRole('button', { name: 'New case…' }).click();
  await expect(caseButton).toContainText('gamma');
  fs.rmSync(beta, { recursive: true });

  await caseButton.click();
  const recent = page.getByRole('list', { name: 'Recent cases' });
  // beta, alpha and the case the app started with.
  await expect(recent.getByRole('button')).toHaveCount(3);
  await expect(recent.getByRole('button', { name: 'Open case case' })).toBeEnabled();
  await expect(recent.getByRole('button', { name: 'beta (folder not found)' })).toBeDisabled();
  await app.snap('recent-cases');
  await recent.getByRole('button', { name: 'Open case alpha' }).click();
  await expect(caseButton).toContainText('alpha');
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /hale-letter/ })).toBeVisible();
  await expect(caseButton).toBeFocused();

  // Open case… on a folder that is not a case says so and keeps the current one.
  app.chooseCaseFolder(app.inputDir);
  await caseButton.click();
  await page.getByRole('button', { name: 'Open case…' }).click();
  await expect(page.getByRole('alert')).toContainText('not an Exhibit case');
  await expect(caseButton).toContainText('alpha');
  await page
    .getByRole('alert')
    .getByRole('button', { name: /^Dismiss/ })
    .click();
});
