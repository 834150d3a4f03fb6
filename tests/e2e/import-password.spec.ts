/**
 * An encrypted PDF imported in the app: the reason it was not imported and the prompt that
 * asks for its password speak to someone using the window, never of command-line options;
 * a wrong password says so, the right one imports it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { expect, importFiles, test } from './fixtures.ts';

const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;
test.skip(!hasQpdf, 'needs qpdf to make an encrypted PDF');

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`the password prompt for an encrypted PDF mentions no command-line option (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    const plain = app.writeFile('plain.pdf', buildPdf({ pages: [{ lines: ['Annex 4: device forensic summary'] }] }));
    const locked = path.join(app.inputDir, 'annex-4.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    await app.open();
    await importFiles(page, app, [locked]);

    const result = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
    await expect(result).toContainText('Needs password');
    await expect(result).toContainText('annex-4.pdf: this PDF is encrypted and needs a password');
    const field = page.getByLabel('annex-4.pdf is encrypted. Its password:');
    await expect(field).toBeVisible();
    await expect(field).toHaveAccessibleDescription('Used for this import only: the case does not keep it.');
    const panel = page.locator('.import-results');
    // Nothing in the panel tells the reviewer to type an option they have no terminal for.
    await expect(panel).not.toContainText('--');
    await expect(panel).not.toContainText(/command/i);
    await app.snap('password-prompt');

    await field.fill('wrong');
    await page.getByRole('button', { name: 'Retry with password' }).click();
    await expect(result).toContainText('the password is not correct for this encrypted PDF');
    await expect(panel).not.toContainText('--');

    await field.fill('user-pw');
    await page.getByRole('button', { name: 'Retry with password' }).click();
    await expect(result).toContainText('Imported');
    await expect(field).toBeHidden();
    await expect(
      page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: 'annex-4', exact: true }),
    ).toBeVisible();
  });
}
