/**
 * Accessibility: axe-core on every main screen — the library (empty and with documents),
 * an open PDF and an open text document (with a highlight and its popup), the allegation
 * board, the four ledger views and the dialogs — in light and dark, with no violation of
 * any impact. Each failure names the rule, its impact, the element and what axe says.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1280, height: 800 } });
// axe takes a few seconds a screen, twice per screen (light and dark).
test.describe.configure({ timeout: 240_000 });

async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'no impact'}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
  );
}

type Snap = (name: string) => Promise<string>;

async function check(page: Page, screen: string, snap: Snap): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Soft: one run lists every screen that fails, not just the first.
    expect.soft(await violations(page), `${screen} (${colorScheme})`).toEqual([]);
    await snap(`${screen.replace(/\W+/g, '-')}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Open a dialog with `open`, check it, close it with Escape. */
async function checkDialog(page: Page, name: string | RegExp, open: () => Promise<void>, snap: Snap, role = 'dialog') {
  await open();
  const dialog = page.getByRole(role as 'dialog', { name });
  await expect(dialog).toBeVisible();
  await check(page, `dialog ${String(name)}`, snap);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

const LIST = ['- Drivers were not paid overtime', '- Safety warnings at the depot were ignored'].join('\n');

/** A PDF of two pages, a blank scanned PDF and a text note, imported through the UI. */
async function importThree(page: Page, app: AppFixture): Promise<void> {
  await importFiles(page, app, [
    app.writePdf('report.pdf', {
      info: { title: 'Incident report' },
      pages: [{ lines: ['The alarm sounded at 02:14.', 'Nobody answered the call.'] }, { lines: ['Second page.'] }],
    }),
    app.writePdf('scan.pdf', { info: { title: 'Scanned envelope' }, pages: [{ lines: [] }] }),
    app.writeFile('call-note.txt', 'Call with the harbour master about the alarm.\nHe heard it at 02:15.'),
  ]);
}

test('the library, its search and the case switcher have no axe violations, light and dark', async ({ page, app }) => {
  await app.open();
  await expect(page.getByRole('region', { name: 'New to Exhibit?' })).toBeVisible();
  await check(page, 'empty case with the sample offer', app.snap);

  await importThree(page, app);
  await page
    .getByRole('table', { name: 'Documents' })
    .getByRole('row', { name: /Scanned envelope/ })
    .getByRole('cell')
    .first()
    .click();
  await expect(page.getByRole('group', { name: 'Selected document' })).toBeVisible();
  await check(page, 'library with documents and import results', app.snap);

  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill('alarm');
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem')).toHaveCount(2);
  await check(page, 'search results', app.snap);

  await page.getByRole('button', { name: /^Case/ }).click();
  await expect(page.getByRole('group', { name: 'Switch case' })).toBeVisible();
  await check(page, 'the case switcher', app.snap);
  await page.keyboard.press('Escape');
});

test('an open PDF and an open text document have no axe violations, light and dark', async ({ page, app }) => {
  await app.open();
  await importThree(page, app);
  await openDocument(page, 'Incident report');
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, 'The alarm sounded');
  await expect(page.getByRole('dialog', { name: 'New highlight' })).toBeVisible();
  await check(page, 'an open PDF with the new-highlight popup', app.snap);
  await page.getByRole('dialog', { name: 'New highlight' }).getByRole('button', { name: 'Highlight Yellow' }).click();
  await expect(page.locator('.exhibit-hl')).toHaveCount(1);
  await check(page, 'an open PDF with a highlight', app.snap);

  await openDocument(page, 'call-note');
  await expect(page.locator('.text-body[data-body="1"]')).toContainText('harbour master');
  await page.getByRole('region', { name: 'Pages' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+End');
  await check(page, 'an open text document with a keyboard selection', app.snap);
});

test('the dialogs have no axe violations, light and dark', async ({ page, app }) => {
  await app.open();
  await importThree(page, app);
  await checkDialog(page, 'Keyboard shortcuts', () => page.keyboard.press('F1'), app.snap);
  await checkDialog(page, /^Reviewer/, () => page.getByRole('button', { name: /^Reviewer:/ }).click(), app.snap);
  await checkDialog(page, 'Export evidence bundle', () => page.keyboard.press('Control+e'), app.snap);
  await checkDialog(page, 'Verify evidence bundle', () => page.keyboard.press('Control+Shift+E'), app.snap);
  await checkDialog(page, /^Trusted signers/, () => page.keyboard.press('Control+Shift+K'), app.snap);

  await page
    .getByRole('table', { name: 'Documents' })
    .getByRole('row', { name: /Scanned envelope/ })
    .getByRole('cell')
    .first()
    .click();
  const selected = page.getByRole('group', { name: 'Selected document' });
  await checkDialog(page, /^Provenance/, () => selected.getByRole('button', { name: 'Provenance…' }).click(), app.snap);
  await checkDialog(
    page,
    'Remove document from the case?',
    () => selected.getByRole('button', { name: 'Remove…' }).click(),
    app.snap,
    'alertdialog',
  );
});

test('the allegation board and the ledger views have no axe violations, light and dark', async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [
    app.writePdf('report.pdf', { info: { title: 'Incident report' }, pages: [{ lines: ['Drivers worked 14 hours unpaid.'] }] }),
  ]);

  await page.keyboard.press('Control+Shift+A');
  await checkDialog(page, 'Paste allegations', () => page.getByRole('button', { name: 'Paste list…' }).click(), app.snap);
  await page.getByRole('button', { name: 'Paste list…' }).click();
  await page.getByRole('dialog', { name: 'Paste allegations' }).getByRole('textbox').fill(LIST);
  await page.getByRole('button', { name: 'Add allegations' }).click();
  const board = page.getByRole('list', { name: 'Allegations' });
  await expect(board.getByRole('listitem')).toHaveCount(2);
  await check(page, 'the allegation board', app.snap);

  await openDocument(page, 'Incident report');
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, 'Drivers worked 14 hours unpaid.');
  await page.keyboard.press('l');
  await expect(page.getByRole('dialog', { name: 'Link to an allegation' })).toBeVisible();
  await check(page, 'the link picker', app.snap);
  await page.keyboard.type('A1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^Stance on A1/ })).toBeVisible();
  await check(page, 'the stance picker', app.snap);
  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: /^Stance on/ })).toBeHidden();

  await board.getByRole('button', { name: /^A1 / }).click();
  await expect(page.getByRole('article', { name: 'Allegation A1' })).toBeVisible();
  await check(page, 'the ledger: one allegation', app.snap);
  for (const tab of ['Evidence matrix', 'Unlinked', 'Response map']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
    if (tab === 'Response map') await page.getByLabel('Response document').selectOption({ label: 'Incident report' });
    await check(page, `the ledger: ${tab}`, app.snap);
  }
});

test('the Court bundle view and its dialogs have no axe violations, light and dark', async ({ page, app }) => {
  await app.open();
  await importThree(page, app);
  await page.keyboard.press('Control+Shift+U');
  const view = page.getByRole('region', { name: 'Court bundle' });
  await expect(view.getByText('No court bundle plan in this case yet.', { exact: false })).toBeVisible();
  await check(page, 'the court bundle view, no plan', app.snap);
  await checkDialog(
    page,
    'New court bundle plan',
    () => view.getByRole('button', { name: 'New plan…' }).first().click(),
    app.snap,
  );
  await view.getByRole('button', { name: 'New plan…' }).first().click();
  await page.getByRole('button', { name: 'Create plan' }).click();
  await view.getByRole('button', { name: 'Add section' }).click();
  await view.getByRole('button', { name: /^Add “Incident report”/ }).click();
  await expect(view.getByRole('list', { name: 'Documents in “Section A”' }).getByRole('listitem')).toHaveCount(1);
  await check(page, 'the court bundle view, a plan', app.snap);
  await checkDialog(page, /^Delete “/, () => view.getByRole('button', { name: 'Delete…' }).click(), app.snap, 'alertdialog');
});
