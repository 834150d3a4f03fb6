/**
 * A newcomer opens the sample case from the first-run offer and sees the review at work at
 * once: the board with its three allegations and their stance counts, the evidence matrix
 * filled in, the response map showing which allegations Corvane's letter answers (and the
 * one it leaves unanswered), the letter's passages behind each answer, and a highlight
 * still waiting to be linked. At the desktop size and at 900×700.
 */
import { expect, test } from './fixtures.ts';

const REPORT = 'Silent Harbour: NIGHTJAR spyware used against journalists in Veloria';
const LETTER = 'Corvane Systems letter to the Special Rapporteurs (2024-03-14)';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`the sample case opens already reviewed: board, matrix and response map filled (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    await app.open();
    await page.getByRole('region', { name: 'New to Exhibit?' }).getByRole('button', { name: 'Open the sample case' }).click();
    await expect(page.getByRole('button', { name: /^Case\s*sample/ })).toBeVisible();

    // The board: three allegations, with what the passages say of each.
    await page.keyboard.press('Control+Shift+A');
    const board = page.getByRole('list', { name: 'Allegations' });
    await expect(board.getByRole('listitem')).toHaveCount(3);
    await expect(board.getByRole('button', { name: /^A1 Disputed .*2 supports, 1 contradicts, 1 denies/ })).toBeVisible();
    await expect(board.getByRole('button', { name: /^A2 Corroborated .*1 supports, 1 context, 1 admits/ })).toBeVisible();
    await expect(board.getByRole('button', { name: /^A3 Open .*1 supports/ })).toBeVisible();
    await app.snap('board');

    // The matrix: the report supports, the letter denies, contradicts, admits and explains.
    await page.keyboard.press('Control+Shift+M');
    const matrix = page.getByRole('table', { name: /Evidence matrix/ });
    await expect(matrix.getByRole('columnheader', { name: REPORT, exact: true })).toBeVisible();
    await expect(matrix.getByRole('columnheader', { name: LETTER, exact: true })).toBeVisible();
    for (const name of [
      `A1 in ${REPORT}: 2 supports`,
      `A1 in ${LETTER}: 1 contradicts, 1 denies`,
      `A2 in ${REPORT}: 1 supports`,
      `A2 in ${LETTER}: 1 context, 1 admits`,
      `A3 in ${REPORT}: 1 supports`,
    ])
      await expect(matrix.getByRole('button', { name, exact: true })).toBeVisible();
    await app.snap('matrix');
    await matrix.getByRole('button', { name: `A1 in ${LETTER}: 1 contradicts, 1 denies`, exact: true }).click();
    const cell = page.getByRole('region', { name: `Passages: A1 in ${LETTER}` });
    await expect(cell).toContainText('Corvane Systems denies that its products were used to target');
    await expect(cell).toContainText('are not unique to NIGHTJAR');

    // The response map of the letter: A3 left unanswered and listed first; A1 and A2 answered.
    await page.getByRole('tab', { name: 'Response map' }).click();
    await page.getByLabel('Response document').selectOption({ label: LETTER });
    await expect(page.getByRole('status').filter({ hasText: /not addressed/ })).toHaveText('1 of 3 allegations not addressed.');
    const rows = page.locator('.rm-table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('A3');
    await expect(rows.nth(0)).toContainText('Not addressed');
    await expect(rows.filter({ hasText: 'A1' })).toContainText('ContradictsDenies2');
    await expect(rows.filter({ hasText: 'A2' })).toContainText('ContextAdmits2');
    await app.snap('response-map');

    // Behind an answer, the letter's own passages.
    await rows.filter({ hasText: 'A2' }).getByRole('button', { name: 'A2' }).click();
    const detail = page.getByRole('article', { name: 'Allegation A2' });
    await expect(detail.getByRole('region', { name: 'Admits (1)' })).toContainText(
      'we do not dispute that the agency referred to in the report as the Directorate for Internal Security',
    );
    await expect(detail.getByRole('region', { name: 'Context (1)' })).toContainText('we suspended all support and updates');

    // And one passage still to be linked.
    await page.getByRole('tab', { name: 'Unlinked' }).click();
    const queue = page.getByRole('list', { name: 'Unlinked highlights' });
    await expect(queue.getByRole('listitem')).toHaveCount(1);
    await expect(queue).toContainText('All three journalists consented to the forensic examination');
  });
}
