/**
 * The allegation ledger end to end, on the real engine: a reviewer pastes a list of
 * allegations, links passages from the report and the company's reply by keyboard, and
 * finds them in the detail view, the evidence matrix and the response map, where the
 * allegation the reply never answers is flagged. Deleting a linked allegation asks first,
 * and undo brings it back with its links. Axe checks the board, matrix and response map.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

const SUPPORT = 'drivers worked 14 hours without overtime pay';
const DENIAL = 'We deny that any driver was left unpaid';
const report = {
  info: { title: 'Lanternwatch report' },
  pages: [
    { lines: ['Lanternwatch, 10 January 2024', 'Interviews at the Bristol depot found that', SUPPORT, 'in the winter of 2023.'] },
  ],
};
const reply = {
  info: { title: 'Harlow reply' },
  pages: [
    { lines: ['Harlow Logistics Ltd, 3 March 2024', 'To the Special Rapporteur.', DENIAL, 'and our payroll records show it.'] },
  ],
};
const LIST = [
  '- Drivers were not paid overtime',
  '- Safety warnings at the depot were ignored',
  '- Van seals were tampered with',
].join('\n');

async function seriousViolations(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
    expect(serious, `${screen} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Select a phrase, press L, pick the allegation by typing, then the stance by its key. */
async function linkByKeyboard(
  page: Page,
  phrase: string,
  filter: string,
  stanceKey: string,
  snap?: (name: string) => Promise<string>,
): Promise<void> {
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, phrase);
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: 'Link to an allegation' });
  await expect(picker.getByRole('option')).toHaveCount(3);
  await page.keyboard.type(filter);
  await expect(picker.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^Stance on A1/ })).toBeVisible();
  await snap?.('stance-picker');
  await page.keyboard.press(stanceKey);
  await expect(page.getByRole('dialog', { name: /^Stance on/ })).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'New highlight' })).toBeHidden();
}

test('paste allegations, link passages by keyboard, and read them in the detail, matrix and response map', async ({
  page,
  app,
}) => {
  await app.open();
  await importFiles(page, app, [app.writePdf('report.pdf', report), app.writePdf('reply.pdf', reply)]);

  // The board, by its shortcut; a pasted Markdown list becomes A1–A3.
  await page.keyboard.press('Control+Shift+A');
  const board = page.getByRole('list', { name: 'Allegations' });
  await page.getByRole('button', { name: 'Paste list…' }).click();
  await page.getByRole('dialog', { name: 'Paste allegations' }).getByRole('textbox').fill(LIST);
  await page.getByRole('button', { name: 'Add allegations' }).click();
  await expect(board.getByRole('listitem')).toHaveCount(3);
  await expect(board.getByRole('listitem').first()).toContainText('A1');
  await expect(board.getByRole('listitem').first()).toContainText('Drivers were not paid overtime');
  await seriousViolations(page, 'allegation board');
  await app.snap('board');

  // Link a passage of the report (supports) and of the reply (denies) to A1, by keyboard.
  await openDocument(page, 'Lanternwatch report');
  await linkByKeyboard(page, SUPPORT, 'A1', 's', app.snap);
  const sidebar = page.getByRole('list', { name: 'Highlights' });
  await expect(sidebar).toContainText('A1 supports');
  await app.snap('linked-in-sidebar');
  await openDocument(page, 'Harlow reply');
  await linkByKeyboard(page, DENIAL, 'overtime', 'd');
  await expect(sidebar).toContainText('A1 denies');
  await expect(board.getByRole('button', { name: /^A1 .*1 supports, 1 denies/ })).toBeVisible();

  // Detail: both passages, grouped by stance; clicking one opens the report at its page.
  await board.getByRole('button', { name: /^A1 / }).click();
  const detail = page.getByRole('article', { name: 'Allegation A1' });
  await expect(detail.getByRole('region', { name: 'Supports (1)' })).toContainText(SUPPORT);
  await expect(detail.getByRole('region', { name: 'Denies (1)' })).toContainText(DENIAL);
  await expect(detail.getByRole('region', { name: 'Denies (1)' })).toContainText('Harlow reply');
  await app.snap('detail');
  await detail.getByRole('button', { name: new RegExp(SUPPORT) }).click();
  await expect(
    page.getByRole('region', { name: 'Open document' }).getByRole('heading', { name: 'Lanternwatch report' }),
  ).toBeVisible();

  // Matrix: A1 has one supporting passage in the report and one denial in the reply.
  await page.keyboard.press('Control+Shift+M');
  const cell = page.getByRole('button', { name: 'A1 in Lanternwatch report: 1 supports' });
  await expect(cell).toBeVisible();
  await expect(page.getByRole('button', { name: 'A1 in Harlow reply: 1 denies' })).toBeVisible();
  await cell.click();
  await expect(page.getByRole('region', { name: 'Passages: A1 in Lanternwatch report' })).toContainText(SUPPORT);
  await seriousViolations(page, 'evidence matrix');
  await app.snap('matrix');

  // Response map: the reply denies A1 and leaves A2 and A3 unanswered.
  await page.getByRole('tab', { name: 'Response map' }).click();
  await page.getByLabel('Response document').selectOption({ label: 'Harlow reply' });
  await expect(page.getByRole('status').filter({ hasText: 'not addressed' })).toHaveText('2 of 3 allegations not addressed.');
  const rows = page.getByRole('table', { name: 'Response map' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Drivers were not paid overtime' })).toContainText('Denies');
  await expect(rows.filter({ hasText: 'Safety warnings at the depot were ignored' })).toContainText('Not addressed');
  await expect(rows.filter({ hasText: 'Van seals were tampered with' })).toContainText('Not addressed');
  await seriousViolations(page, 'response map');
  await app.snap('response-map');
});

test('deleting an allegation with links asks first, and undo restores it with its links', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [app.writePdf('report.pdf', report)]);
  await page.keyboard.press('Control+Shift+A');
  await page.getByRole('button', { name: 'Paste list…' }).click();
  await page.getByRole('dialog', { name: 'Paste allegations' }).getByRole('textbox').fill(LIST);
  await page.getByRole('button', { name: 'Add allegations' }).click();
  const board = page.getByRole('list', { name: 'Allegations' });
  await expect(board.getByRole('listitem')).toHaveCount(3);
  await openDocument(page, 'Lanternwatch report');
  await linkByKeyboard(page, SUPPORT, 'A1', 's');

  await board.getByRole('button', { name: 'Delete A1' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Delete allegation?' });
  await expect(ask).toContainText('One passage is linked to it');
  await app.snap('delete-asks');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(board.getByRole('listitem')).toHaveCount(3);

  await board.getByRole('button', { name: 'Delete A1' }).click();
  await ask.getByRole('button', { name: 'Delete with its links' }).click();
  await expect(board.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Highlights' })).toContainText('Not linked');

  await page.locator('body').press('Control+z');
  await expect(board.getByRole('listitem')).toHaveCount(3);
  await expect(board.getByRole('button', { name: /^A1 .*1 supports/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Highlights' })).toContainText('A1 supports');
});
