/**
 * Desktop conventions in the page: the shortcut panel, the reviewer name (and that the
 * audit log records it), keyboard routes to search and import, and the last document
 * reopened after a restart.
 */
import { expect, importFiles, test } from './fixtures.ts';

test('F1 and Ctrl+/ open the keyboard-shortcut panel; Escape closes it', async ({ page, app }) => {
  await app.open();
  await page.keyboard.press('F1');
  const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Documents' })).toContainText('Import files');
  await expect(panel.getByRole('region', { name: 'Editing' })).toContainText('Redo');
  await app.snap('shortcuts');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await page.keyboard.press('Control+/');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(panel).toBeVisible();
});

test('the reviewer name is set in the header and recorded in the audit log', async ({ page, app }) => {
  const file = app.writeFile('memo.txt', 'Memo to file.');
  await app.open();
  await page.getByRole('button', { name: /^Reviewer: R\. Okafor/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Reviewer name' });
  const name = dialog.getByLabel('Name');
  await expect(name).toHaveValue('R. Okafor');
  await name.fill('J. Mwangi');
  await app.snap('reviewer');
  await name.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Reviewer: J\. Mwangi/ })).toBeVisible();
  // The keyboard is back where it was: on the button that opened the dialog.
  await expect(page.getByRole('button', { name: /^Reviewer: J\. Mwangi/ })).toBeFocused();

  await importFiles(page, app, [file]);
  const actors = app.kase.services.store.db.prepare("SELECT actor FROM audit WHERE action LIKE 'document.%'").all() as {
    actor: string;
  }[];
  expect(actors.length).toBeGreaterThan(0);
  expect(new Set(actors.map((a) => a.actor))).toEqual(new Set(['J. Mwangi']));
  // It survives a restart of the page.
  await page.reload();
  await expect(page.getByRole('button', { name: /^Reviewer: J\. Mwangi/ })).toBeVisible();
});

test('keys reach search and import from anywhere, and typing in a field is left alone', async ({ page, app }) => {
  const file = app.writeFile('call-log.txt', 'Call with Ms Hale about the transit van.');
  await app.open();
  await page.keyboard.press('Control+Shift+F');
  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await expect(search).toBeFocused();
  // "/" and Ctrl+Z inside the field are text editing, not app commands.
  await search.pressSequentially('a/b');
  await expect(search).toHaveValue('a/b');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to' })).toHaveCount(0);

  app.kase.chooseFolder([file]);
  await page.keyboard.press('Control+Shift+O');
  await expect(page.getByText('1 file imported · 0 already in case · 0 not imported')).toBeVisible();
});

test('the last open document reopens after a restart', async ({ page, app }) => {
  const file = app.writeFile('diary.txt', 'Monday: met the harbour master.\fTuesday: nothing to report.');
  await app.open();
  await importFiles(page, app, [file]);
  await page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: 'diary', exact: true }).click();
  const viewer = page.getByRole('region', { name: 'Open document' });
  await expect(viewer.getByRole('heading', { name: 'diary' })).toBeVisible();
  await app.snap('document-open');
  await expect
    .poll(() => app.kase.services.router.call('settings.get', {}).then((r) => r.ok && r.value))
    .toMatchObject({
      lastDocument: { documentId: expect.any(String) },
    });

  await page.reload();
  await expect(viewer.getByRole('heading', { name: 'diary' })).toBeVisible();
  await viewer.getByRole('button', { name: 'Close document' }).click();
  await expect(viewer).toHaveCount(0);
});

test('native menu commands reach the same actions as the keys', async ({ page, app }) => {
  const report = app.writePdf('report.pdf', {
    info: { title: 'Incident report' },
    pages: [{ lines: ['The alarm sounded at 02:14.'] }],
  });
  await app.open();
  await app.menu('show-shortcuts');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.menu('set-reviewer');
  await expect(page.getByRole('dialog', { name: 'Reviewer name' })).toBeVisible();
  await page.keyboard.press('Escape');

  app.kase.chooseFiles([report]);
  await app.menu('import-files');
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /Incident report/ })).toBeVisible();
  await app.menu('verify-audit');
  await expect(page.getByRole('status').filter({ hasText: /^Audit log verified: \d+ entries/ })).toBeVisible();

  // Viewer commands from the menu act on the open document as its keys do.
  await page.getByRole('button', { name: 'Incident report', exact: true }).click();
  const zoom = page.getByLabel('Zoom level');
  await expect(zoom).toBeVisible();
  const before = await zoom.textContent();
  await app.menu('zoom-in');
  await expect(zoom).not.toHaveText(before!);
  await app.menu('toggle-sidebar');
  await expect(page.getByRole('region', { name: 'Documents' })).toHaveCount(0);
  await page.keyboard.press('Control+b');
  await expect(page.getByRole('region', { name: 'Documents' })).toBeVisible();

  await app.menu('remove-document');
  await expect(page.getByRole('alertdialog', { name: 'Remove document from the case?' })).toContainText('Incident report');
});
