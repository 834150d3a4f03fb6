/**
 * The organization a reviewer names in the reviewer dialog is what an exported bundle's
 * bag-info.txt names as Source-Organization; clearing the field leaves it out again.
 */
import path from 'node:path';
import { readAll } from '../fixtures/zip.ts';
import { expect, importFiles, test } from './fixtures.ts';

test('the reviewer dialog sets the organization that bundles name as their source', async ({ page, app }) => {
  const letter = app.writeFile('memo.txt', 'Memo to file.');
  await app.open();
  await importFiles(page, app, [letter]);

  const openDialog = async () => {
    await page.getByRole('button', { name: /^Reviewer: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Reviewer name' });
    await expect(dialog).toBeVisible();
    return dialog;
  };
  const exportBagInfo = async (name: string) => {
    const out = path.join(app.inputDir, name);
    await page.keyboard.press('Control+e');
    const exporter = page.getByRole('dialog', { name: 'Export evidence bundle' });
    app.saveBundleAs(out);
    await exporter.getByRole('button', { name: 'Export…' }).click();
    const done = page.getByRole('dialog', { name: 'Bundle exported' });
    await expect(done).toContainText(out);
    await done.getByRole('button', { name: 'Done' }).click();
    return (await readAll(out)).get('bag-info.txt')!.toString('utf8');
  };

  let dialog = await openDialog();
  const organization = dialog.getByLabel('Organization');
  await expect(organization).toHaveValue('');
  await organization.fill('Centre for Digital Rights');
  await app.snap('reviewer-organization');
  await organization.press('Enter');
  await expect(dialog).toBeHidden();
  const info = await exportBagInfo('with-organization.zip');
  expect(info).toContain('Source-Organization: Centre for Digital Rights\n');
  expect(info).toMatch(/^Contact-Name: .+$/m);

  // It is kept, shown again, and removed by clearing the field.
  await page.reload();
  dialog = await openDialog();
  await expect(dialog.getByLabel('Organization')).toHaveValue('Centre for Digital Rights');
  await dialog.getByLabel('Organization').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(await exportBagInfo('without-organization.zip')).not.toContain('Source-Organization');
});
