/**
 * Failures reach the reviewer: when the page has no engine behind it, it says so in the
 * alert region instead of showing an empty, apparently healthy case.
 */
import { expect, test } from './fixtures.ts';

test('a page without the engine says so in an alert', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.origin}/`);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This window is not connected to the Exhibit engine.');
  await expect(page.getByText('No case open')).toBeVisible();
  await expect(page.getByText('The document list could not be loaded.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('no-engine.png') });

  // Dismissing clears it; nothing crashed along the way.
  await alert.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
