/**
 * The allegation board beyond the ledger's main flow (allegations-ledger.spec.ts): the
 * reviewer's order, kept across a reload; editing an allegation and undoing it; filters
 * by status and tag; the unlinked-highlights queue; and a highlight dragged from the
 * viewer's sidebar onto a row. The ledger is reached from the native menu here.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

const PASSAGE = 'the depot manager signed the overtime sheets';
const report = {
  info: { title: 'Depot audit' },
  pages: [{ lines: ['Depot audit, 2 February 2024', 'Our auditors found that', PASSAGE, 'weeks after the shifts.'] }],
};
const LIST = ['- Drivers were not paid overtime', '- Safety warnings were ignored', '- Van seals were tampered with'].join('\n');

const boardOf = (page: Page): Locator => page.getByRole('list', { name: 'Allegations' });
/** The codes on the board, top to bottom. */
const codes = (page: Page): Locator => boardOf(page).locator('.alg-open .code');

async function pasteList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Paste list…' }).click();
  await page.getByRole('dialog', { name: 'Paste allegations' }).getByRole('textbox').fill(LIST);
  await page.getByRole('button', { name: 'Add allegations' }).click();
  await expect(codes(page)).toHaveText(['A1', 'A2', 'A3']);
}

/** Open the edit dialog of `code` and set the given fields. */
async function edit(
  page: Page,
  code: string,
  fields: { code?: string; title?: string; status?: string; tags?: string },
): Promise<void> {
  await boardOf(page)
    .getByRole('button', { name: `Edit ${code}` })
    .click();
  const form = page.getByRole('dialog', { name: `Edit allegation ${code}` });
  if (fields.code !== undefined) await form.getByLabel('Code').fill(fields.code);
  if (fields.title !== undefined) await form.getByLabel('Title').fill(fields.title);
  if (fields.status !== undefined) await form.getByLabel('Status').selectOption({ label: fields.status });
  if (fields.tags !== undefined) await form.getByLabel('Tags').fill(fields.tags);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

test('reorder by the arrows and by Alt+↑/↓; the order survives a reload', async ({ page, app }) => {
  await app.open();
  await app.menu('show-allegations');
  await pasteList(page);

  await boardOf(page).getByRole('button', { name: 'Move A2 up' }).click();
  await expect(codes(page)).toHaveText(['A2', 'A1', 'A3']);
  await expect(page.getByRole('status').filter({ hasText: 'Moved A2 up.' })).toBeVisible();
  // The first row cannot go higher, the last no lower.
  await expect(boardOf(page).getByRole('button', { name: 'Move A2 up' })).toBeDisabled();
  await expect(boardOf(page).getByRole('button', { name: 'Move A3 down' })).toBeDisabled();

  // By keyboard, on the row itself: A3 goes up twice, keeping focus.
  const a3 = boardOf(page).getByRole('button', { name: /^A3 / });
  await a3.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(codes(page)).toHaveText(['A2', 'A3', 'A1']);
  await expect(a3).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(codes(page)).toHaveText(['A3', 'A2', 'A1']);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(codes(page)).toHaveText(['A2', 'A3', 'A1']);
  await app.snap('board-reordered');

  await page.reload();
  await app.menu('show-allegations');
  await expect(codes(page)).toHaveText(['A2', 'A3', 'A1']);
});

test('edit an allegation’s code, title, status and tags, then undo the edit', async ({ page, app }) => {
  await app.open();
  await app.menu('show-allegations');
  await pasteList(page);

  await boardOf(page).getByRole('button', { name: 'Edit A1' }).click();
  await app.snap('edit-dialog');
  await page.keyboard.press('Escape');
  await edit(page, 'A1', { code: 'P1', title: 'Overtime went unpaid in 2023', status: 'Disputed', tags: 'pay, depot' });
  const row = boardOf(page).getByRole('listitem').first();
  await expect(row.locator('.code')).toHaveText('P1');
  await expect(row).toContainText('Overtime went unpaid in 2023');
  await expect(row.locator('.status')).toHaveText('Disputed');
  await expect(row.locator('.alg-tags')).toHaveText('pay · depot');
  await expect(page.getByRole('status').filter({ hasText: 'Saved P1.' })).toBeVisible();
  await app.snap('board-edited');

  await page.locator('body').press('Control+z');
  await expect(row.locator('.code')).toHaveText('A1');
  await expect(row).toContainText('Drivers were not paid overtime');
  await expect(row.locator('.status')).toHaveText('Open');
  await expect(row.locator('.alg-tags')).toHaveCount(0);
});

test('filter the board by status and by tag', async ({ page, app }) => {
  await app.open();
  await app.menu('show-allegations');
  await pasteList(page);
  await edit(page, 'A1', { status: 'Corroborated', tags: 'pay' });
  await edit(page, 'A2', { tags: 'safety, depot' });
  await edit(page, 'A3', { status: 'Corroborated', tags: 'depot' });

  const status = page.getByLabel('Filter by status');
  const tag = page.getByLabel('Filter by tag');
  await status.selectOption({ label: 'Corroborated' });
  await expect(codes(page)).toHaveText(['A1', 'A3']);
  // Moving needs the whole list in view.
  await expect(boardOf(page).getByRole('button', { name: 'Move A3 up' })).toBeDisabled();
  await tag.selectOption('depot');
  await expect(codes(page)).toHaveText(['A3']);
  await app.snap('board-filtered');
  await status.selectOption({ label: 'Disputed' });
  await expect(page.getByText('No allegations match these filters.')).toBeVisible();
  await status.selectOption({ label: 'All statuses' });
  await expect(codes(page)).toHaveText(['A2', 'A3']);
  await tag.selectOption({ label: 'All tags' });
  await expect(codes(page)).toHaveText(['A1', 'A2', 'A3']);
});

/** Highlight `PASSAGE` in the open report with the H key. */
async function highlightPassage(page: Page): Promise<void> {
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, PASSAGE);
  await page.keyboard.press('h');
  await expect(page.getByRole('list', { name: 'Highlights' })).toContainText('Not linked');
}

test('the unlinked queue lists a new highlight until it is linked from there', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [app.writePdf('audit.pdf', report)]);
  await app.menu('show-allegations');
  await pasteList(page);
  await openDocument(page, 'Depot audit');
  await highlightPassage(page);

  await page.getByRole('navigation', { name: 'Ledger views' }).getByRole('button', { name: 'Unlinked highlights' }).click();
  const queue = page.getByRole('list', { name: 'Unlinked highlights' });
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await expect(queue).toContainText(PASSAGE);
  await expect(queue).toContainText('Depot audit');
  await expect(page.getByText('1 highlight is not linked to any allegation.')).toBeVisible();
  await app.snap('unlinked-queue');

  await queue.getByRole('button', { name: 'Link…' }).click();
  const picker = page.getByRole('dialog', { name: 'Link to an allegation' });
  await expect(picker.getByRole('option')).toHaveCount(3);
  await page.keyboard.type('A2');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^Stance on A2/ })).toBeVisible();
  await page.keyboard.press('x');
  await expect(page.getByRole('dialog', { name: /^Stance on/ })).toBeHidden();
  await expect(queue).toHaveCount(0);
  await expect(page.getByText('Every highlight is linked to at least one allegation.')).toBeVisible();
  await expect(boardOf(page).getByRole('button', { name: /^A2 .*1 context/ })).toBeVisible();
});

test('drag a highlight from the sidebar onto an allegation and pick a stance', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [app.writePdf('audit.pdf', report)]);
  await app.menu('show-allegations');
  await pasteList(page);
  await openDocument(page, 'Depot audit');
  await highlightPassage(page);
  // The paste's "Undo" would now take back the highlight instead, so its notice is gone.
  await expect(page.getByRole('status').filter({ hasText: 'Added 3 allegations' })).toHaveCount(0);

  const item = page.getByRole('list', { name: 'Highlights' }).getByRole('button', { name: new RegExp(PASSAGE) });
  await item.dragTo(boardOf(page).getByRole('button', { name: /^A3 / }));
  const stance = page.getByRole('dialog', { name: /^Stance on A3/ });
  await expect(stance).toBeVisible();
  // The picker opens under the row it links to, leaving the allegation readable.
  const row = await boardOf(page).getByRole('listitem').nth(2).boundingBox();
  const picker = await stance.boundingBox();
  expect(picker!.y).toBeGreaterThanOrEqual(row!.y + row!.height);
  await app.snap('drop-stance');
  await stance.getByRole('button', { name: /Contradicts/ }).click();
  await expect(stance).toBeHidden();
  await expect(boardOf(page).getByRole('button', { name: /^A3 .*1 contradicts/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Highlights' })).toContainText('A3 contradicts');
  await expect(page.getByRole('status').filter({ hasText: 'Linked the passage to A3: contradicts.' })).toBeVisible();
});

test('the response map keeps the chosen document across ledger tabs', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [app.writePdf('audit.pdf', report)]);
  await app.menu('show-allegations');
  await pasteList(page);
  const views = page.getByRole('navigation', { name: 'Ledger views' });
  await views.getByRole('button', { name: 'Response map' }).click();
  const choice = page.getByLabel('Response document');
  await choice.selectOption({ label: 'Depot audit' });
  await expect(page.getByRole('status').filter({ hasText: 'not addressed' })).toHaveText('3 of 3 allegations not addressed.');

  await page.getByRole('tab', { name: 'Evidence matrix' }).click();
  await expect(choice).toHaveCount(0);
  await page.getByRole('tab', { name: 'Response map' }).click();
  await expect(choice.locator('option:checked')).toHaveText('Depot audit');
  await expect(page.getByRole('table', { name: 'Response map' })).toBeVisible();

  await page.getByRole('button', { name: 'Close ledger' }).click();
  await views.getByRole('button', { name: 'Response map' }).click();
  await expect(choice.locator('option:checked')).toHaveText('Depot audit');
});
