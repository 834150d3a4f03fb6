/**
 * An automatic backup that fails shows a warning under the case bar, naming the case and
 * the cause, with "Back up now"; once the cause is fixed that succeeds and the warning
 * goes. The Case menu's Back Up Now takes the same path. Failures are real: the real
 * engine meets a file where the case's backups folder belongs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { listBackups } from '../../electron/services/case/backups.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { expect, test } from './fixtures.ts';

/** A case with a letter in it and no backup yet, closed, with a file where its backups folder belongs. */
async function caseThatCannotBackUp(root: string, letter: string): Promise<string> {
  const dir = path.join(root, 'cases', 'harbour');
  const s = openServices({
    caseDir: dir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Earlier Reviewer',
    configDir: path.join(root, 'setup-user', 'config'),
    dataDir: path.join(root, 'setup-user', 'data'),
    rememberCase: false,
    backup: false,
  });
  await callTyped(s.router, 'import.start', { jobId: 'setup', paths: [letter] });
  await s.close();
  fs.writeFileSync(path.join(dir, 'backups'), 'a file where the backups folder belongs');
  return dir;
}

/** The time a backup was taken, as the page words it. */
const shownTime = (page: Page, takenAt: string) =>
  page.evaluate((iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }), takenAt);

async function axeClean(page: Page, selector: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.help}`),
      colorScheme,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a failed automatic backup shows a warning; Back up now after the fix succeeds and the warning goes', async ({
  page,
  app,
}) => {
  const letter = app.writeFile('harbour-letter.txt', 'Dear Ms Hale,\nThe harbour authority confirms the shipment.');
  const dir = await caseThatCannotBackUp(app.kase.dir, letter);
  const backups = path.join(dir, 'backups');
  await app.open();
  const warning = page.getByRole('alert').filter({ hasText: 'The automatic backup failed.' });
  await expect(warning).toHaveCount(0);

  // Opening the case backs it up (it changed since its newest backup, of which it has none): that fails.
  const caseButton = page.getByRole('button', { name: /^Case/ });
  app.chooseCaseFolder(dir);
  await caseButton.click();
  await page.getByRole('button', { name: 'Open case…' }).click();
  await expect(caseButton).toContainText('harbour');
  await expect(warning).toContainText(`The backup of ${dir} was not taken: ${backups} is a file, not a folder.`);
  await expect(warning).toContainText('Your work itself is saved in the case');
  await axeClean(page, '.backup-warning');
  await app.snap('backup-warning');

  // Tried again before the cause is fixed: the warning says that failed too.
  await warning.getByRole('button', { name: 'Back up now' }).click();
  await expect(warning).toContainText(`Backing up again failed too: The backup of ${dir} was not taken: ${backups} is a file`);
  await app.snap('backup-warning-retry-failed');

  fs.rmSync(backups);
  await warning.getByRole('button', { name: 'Back up now' }).click();
  await expect(warning).toHaveCount(0);
  const [taken, ...more] = listBackups(dir);
  expect(more).toEqual([]);
  const notice = page.getByRole('status').filter({ hasText: 'Backed up at' });
  await expect(notice).toHaveText(`Backed up at ${await shownTime(page, taken!.takenAt)}, in this case's backups folder.×`);
  await app.snap('backup-warning-fixed');
  // The documents were there all along.
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /harbour-letter/ })).toBeVisible();
});

test('a failure from before the window opened is shown, and dismissing it keeps it away', async ({ page, app }) => {
  const letter = app.writeFile('harbour-letter.txt', 'Dear Ms Hale,\nThe harbour authority confirms the shipment.');
  const dir = await caseThatCannotBackUp(app.kase.dir, letter);
  // The host opens the case (File > Recent Cases, or the app starting) while no page listens.
  await callTyped(app.kase.services.router, 'case.open', { path: dir });
  await app.kase.services.backups.idle();
  expect(app.kase.services.backups.lastError).not.toBeNull();

  await app.open();
  const warning = page.getByRole('alert').filter({ hasText: 'The automatic backup failed.' });
  await expect(warning).toContainText(`The backup of ${dir} was not taken`);
  await warning.getByRole('button', { name: 'Dismiss the backup warning' }).click();
  await expect(warning).toHaveCount(0);
  // Reloading the case's facts (an import) does not bring the same failure back.
  app.kase.chooseFiles([app.writeFile('note.txt', 'A second note.')]);
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /note/ })).toBeVisible();
  await expect(warning).toHaveCount(0);
});

test('Case > Back Up Now backs up the open case and says when; a failure is shown as an error', async ({ page, app }) => {
  await app.open();
  const caseDir = app.kase.services.store.dir;
  await app.menu('backup-now');
  const notice = page.getByRole('status').filter({ hasText: 'Backed up at' });
  await expect(notice).toBeVisible();
  const [taken] = listBackups(caseDir);
  await expect(notice).toContainText(`Backed up at ${await shownTime(page, taken!.takenAt)}`);

  // The menu command fails clearly when the backups folder cannot be used.
  const backups = path.join(caseDir, 'backups');
  fs.rmSync(backups, { recursive: true });
  fs.writeFileSync(backups, 'in the way');
  await app.menu('backup-now');
  await expect(page.getByRole('alert')).toContainText(
    `The backup of ${caseDir} was not taken: ${backups} is a file, not a folder.`,
  );
  // A backup asked for and refused is not an automatic one: no warning banner on top of the error.
  await expect(page.locator('.backup-warning')).toHaveCount(0);
  fs.rmSync(backups);

  // F1 lists it, with the menu that has it.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Case' })).toContainText('Back up the case nowCase menu');
});
