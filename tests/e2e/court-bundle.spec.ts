/**
 * The Court bundle view: a plan made with two sections, documents added, reordered by drag
 * and by keyboard, renamed, found again after a reload, a change undone; then the bundle
 * built and its result naming each document's pages; a new case showing none of it.
 * Screenshots at both window sizes.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';

const doc = (title: string, date: string, pages: number) => ({
  info: { title },
  pages: Array.from({ length: pages }, (_, i) => ({ lines: [`${title}, ${date}`, `Page ${i + 1} of ${title}.`] })),
});

async function caseWithDocuments(page: Page, app: AppFixture): Promise<void> {
  await app.open();
  await importFiles(page, app, [
    app.writePdf('claim.pdf', doc('Claim form', '2024-01-10', 2)),
    app.writePdf('reply.pdf', doc('Reply letter', '2024-03-02', 1)),
    app.writePdf('witness.pdf', doc('Witness statement', '2024-02-14', 3)),
  ]);
}

const sectionDocs = (page: Page, section: string) =>
  page.getByRole('list', { name: `Documents in “${section}”` }).locator('.court-doc-title');

async function makePlan(page: Page, app: AppFixture): Promise<void> {
  await app.menu('court-bundle');
  const view = page.getByRole('region', { name: 'Court bundle' });
  await view.getByRole('button', { name: 'New plan…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New court bundle plan' });
  await dialog.getByLabel('Plan name').fill('Hearing 1');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(view.getByLabel('Title of section 1')).toHaveValue('Section A');
  await view.getByLabel('Title of section 1').fill('Claims');
  await view.getByRole('button', { name: 'Add section' }).click();
  await view.getByLabel('Title of section 2').fill('Replies');
  // Add all three to Claims, then move the reply to Replies with its menu.
  await view.getByLabel('Add to').selectOption({ label: 'Claims' });
  // One by one, so the order does not depend on which import finished first.
  for (const title of ['Claim form', 'Reply letter', 'Witness statement'])
    await view.getByRole('button', { name: `Add “${title}” to Claims` }).click();
  await expect(sectionDocs(page, 'Claims')).toHaveText(['Claim form', 'Reply letter', 'Witness statement']);
  await view.getByLabel('Move “Reply letter” to section').selectOption({ label: 'Move to Replies' });
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Reply letter']);
  await expect(view.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

test('a plan made, reordered by drag and keyboard, renamed, kept across a reload, undone', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithDocuments(page, app);
  await makePlan(page, app);
  const view = page.getByRole('region', { name: 'Court bundle' });

  // Keyboard: the witness statement moves above the claim form.
  await view.getByRole('button', { name: /^Witness statement\. Drag/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(sectionDocs(page, 'Claims')).toHaveText(['Witness statement', 'Claim form']);
  await expect(view.getByRole('button', { name: /^Witness statement\. Drag/ })).toBeFocused();
  // Drag: the claim form onto the reply letter, so it goes before it in Replies.
  await view
    .getByRole('button', { name: /^Claim form\. Drag/ })
    .dragTo(page.getByRole('list', { name: 'Documents in “Replies”' }).locator('li').first());
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Claim form', 'Reply letter']);
  // Sections by keyboard: Replies first.
  await view.getByRole('button', { name: /^Section 2: Replies/ }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(view.getByLabel('Title of section 1')).toHaveValue('Replies');
  await view.getByLabel('Number prefix').fill('TAB-');
  await view.getByLabel('Digits').fill('3');
  await expect(view.locator('output')).toContainText('TAB-001');
  await expect(view.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.screenshot({ path: '/tmp/court-1280.png' });

  // Rename the plan.
  await view.getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename plan' });
  await rename.getByLabel('Plan name').fill('Hearing of 3 March');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(view.getByLabel('Plan', { exact: true })).toHaveValue(/.+/);
  await expect(view.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText('Hearing of 3 March');

  // Undo the section move (the last change to the layout), with Ctrl+Z from the view.
  await view.getByRole('heading', { name: 'Sections' }).click();
  await page.keyboard.press('Control+z'); // the rename
  await expect(view.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText('Hearing 1');
  await page.keyboard.press('Control+Shift+z');
  await expect(view.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText('Hearing of 3 March');

  // Reload: the plan is in the case as left.
  await page.reload();
  await expect(page.getByRole('banner')).toBeVisible();
  await app.menu('court-bundle');
  const again = page.getByRole('region', { name: 'Court bundle' });
  await expect(again.getByLabel('Plan', { exact: true }).locator('option:checked')).toHaveText('Hearing of 3 March');
  await expect(again.getByLabel('Title of section 1')).toHaveValue('Replies');
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Claim form', 'Reply letter']);
  await expect(sectionDocs(page, 'Claims')).toHaveText(['Witness statement']);
  await expect(again.getByLabel('Number prefix')).toHaveValue('TAB-');

  // Undo a layout change: sort Replies by title, then undo it.
  await again.getByRole('group', { name: 'Section “Replies”' }).getByRole('button', { name: 'Sort by date' }).click();
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Claim form', 'Reply letter']);
  await again.getByRole('button', { name: /^Claim form\. Drag/ }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Reply letter', 'Claim form']);
  await expect(again.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await again.getByRole('heading', { name: 'Sections' }).click();
  await page.keyboard.press('Control+z');
  await expect(sectionDocs(page, 'Replies')).toHaveText(['Claim form', 'Reply letter']);

  await page.setViewportSize({ width: 900, height: 700 });
  await page.screenshot({ path: '/tmp/court-900.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/court-900-dark.png' });
  expect(app.problems).toEqual([]);
});

test('builds the bundle and names each document’s pages', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithDocuments(page, app);
  await makePlan(page, app);
  const out = path.join(app.inputDir, 'hearing.pdf');
  app.saveBundleAs(out);
  await page.getByRole('button', { name: 'Build bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Build court bundle' });
  await expect(dialog.getByText(/^Built: \d+ pages/)).toBeVisible({ timeout: 60_000 });
  const rows = dialog.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  // Cover and index first, then Claims (claim form 2 pages, witness 3) and Replies (reply 1).
  await expect(rows.nth(1)).toContainText(/Claims\s*Claim form\s*pages \d+–\d+/);
  await expect(rows.nth(2)).toContainText(/Claims\s*Witness statement\s*pages \d+–\d+/);
  await expect(rows.nth(3)).toContainText(/Replies\s*Reply letter\s*page \d+/);
  await expect(dialog.getByText(out)).toBeVisible();
  await page.screenshot({ path: '/tmp/court-built.png' });
  await dialog.locator('.modal-actions').getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(app.problems).toEqual([]);
});

test('another case shows nothing of this case’s plans', async ({ page, app }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await caseWithDocuments(page, app);
  await makePlan(page, app);
  const caseButton = page.getByRole('button', { name: /^Case/ });
  app.chooseCaseFolder(path.join(app.kase.dir, 'cases', 'other'));
  await caseButton.click();
  await page.getByRole('group', { name: 'Switch case' }).getByRole('button', { name: 'New case…' }).click();
  await expect(caseButton).toContainText('other');
  await expect(page.getByRole('region', { name: 'Court bundle' })).toHaveCount(0);
  await app.menu('court-bundle');
  const view = page.getByRole('region', { name: 'Court bundle' });
  await expect(view.getByText('No court bundle plan in this case yet.', { exact: false })).toBeVisible();
  for (const trace of ['Hearing 1', 'Claims', 'Replies', 'Claim form'])
    await expect(page.locator('body')).not.toContainText(trace);
  expect(app.problems).toEqual([]);
});
