/**
 * A case whose database is damaged: opening it offers its latest backup, naming when it
 * was taken, and restoring opens the case as it was then. Also axe on the dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { expect, test } from './fixtures.ts';

/** A case with a letter and a backup, then an allegation made after the backup; its header then zeroed. */
async function damagedCase(root: string, letter: string): Promise<{ dir: string; backupTakenAt: string }> {
  const dir = path.join(root, 'cases', 'harbour');
  const s = openServices({
    caseDir: dir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Earlier Reviewer',
    configDir: path.join(root, 'setup-user', 'config'),
    dataDir: path.join(root, 'setup-user', 'data'),
    rememberCase: false,
  });
  await callTyped(s.router, 'import.start', { jobId: 'setup', paths: [letter] });
  const backup = await s.backups.now();
  await callTyped(s.router, 'allegations.create', { title: 'Made after the backup' });
  await s.close();
  const fd = fs.openSync(path.join(dir, 'case.sqlite'), 'r+');
  fs.writeSync(fd, Buffer.alloc(100), 0, 100, 0);
  fs.closeSync(fd);
  return { dir, backupTakenAt: backup.takenAt };
}

test('opening a damaged case offers its latest backup, and restoring opens the case as it was then', async ({ page, app }) => {
  const letter = app.writeFile('harbour-letter.txt', 'Dear Ms Hale,\nThe harbour authority confirms the shipment.');
  const { dir, backupTakenAt } = await damagedCase(app.kase.dir, letter);
  await app.open();
  const caseButton = page.getByRole('button', { name: /^Case/ });

  app.chooseCaseFolder(dir);
  await caseButton.click();
  await page.getByRole('button', { name: 'Open case…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'This case is damaged' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`The case database ${path.join(dir, 'case.sqlite')} is damaged`);
  await expect(dialog).toContainText('It was moved aside to case.sqlite.damaged-');
  const when = await page.evaluate(
    (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    backupTakenAt,
  );
  const restore = dialog.getByRole('button', { name: `Restore from backup (${when})` });
  await expect(restore).toBeVisible();
  // The reviewer is still in the case they had open, and no error banner competes with the offer.
  await expect(caseButton).not.toContainText('harbour');
  await expect(page.getByRole('alert').filter({ hasText: 'is damaged' })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(violations).toEqual([]);
  await app.snap('restore-offer');

  await restore.click();
  await expect(dialog).toHaveCount(0);
  await expect(caseButton).toContainText('harbour');
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /harbour-letter/ })).toBeVisible();
  const names = fs.readdirSync(dir);
  expect(names).toContain('case.sqlite');
  expect(names.filter((n) => n.startsWith('case.sqlite.damaged-'))).toHaveLength(1);
  // The allegation made after the backup is not in the restored case.
  expect(await callTyped(app.kase.services.router, 'allegations.list', {})).toEqual([]);
  expect(app.problems).toEqual([]);
});

test('"Not now" leaves the damaged case alone and the current case open', async ({ page, app }) => {
  const letter = app.writeFile('harbour-letter.txt', 'Dear Ms Hale,\nThe harbour authority confirms the shipment.');
  const { dir } = await damagedCase(app.kase.dir, letter);
  await app.open();
  const caseButton = page.getByRole('button', { name: /^Case/ });
  app.chooseCaseFolder(dir);
  await caseButton.click();
  await page.getByRole('button', { name: 'Open case…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'This case is damaged' });
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(caseButton).toContainText('case');
  expect(fs.existsSync(path.join(dir, 'case.sqlite'))).toBe(false);
  expect(app.problems).toEqual([]);
});
