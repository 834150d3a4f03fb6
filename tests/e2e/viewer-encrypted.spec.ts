/**
 * An encrypted PDF in the viewer: its text came in with its password at import, so search
 * and highlights work without it; its pages ask for the password in the viewer, say so when
 * it is wrong, and show the page with its highlight once it is right. The password is not
 * kept: the next time the document opens, it is asked for again.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTyped } from '../../electron/services/router.ts';
import { expect, test } from './fixtures.ts';
import { highlightBoxes, openDocument, waitForPage } from './viewer-helpers.ts';

const LETTER = fileURLToPath(new URL('../fixtures/geometry/libreoffice.pdf', import.meta.url));
const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;
const QUOTE = 'We categorically reject the suggestion';

test.skip(!hasQpdf, 'needs qpdf to make an encrypted PDF');

for (const size of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`${size.width}×${size.height}: an encrypted PDF asks for its password in the viewer, and shows its pages with it`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(size);
    const locked = path.join(app.inputDir, 'letter-locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', LETTER, locked]);
    const router = app.kase.services.router;
    const [doc] = await callTyped(router, 'import.start', { jobId: 'locked', paths: [locked], password: 'user-pw' });
    await callTyped(router, 'highlights.create', { documentId: doc!.documentId!, targets: [{ page: 1, quote: QUOTE }] });
    await app.open();

    await openDocument(page, 'letter-locked');
    const form = page.getByRole('form', { name: 'This PDF is encrypted' });
    await expect(form).toBeVisible();
    const field = form.getByLabel('Password');
    await expect(field).toBeFocused();
    await field.fill('not-it');
    await field.press('Enter');
    await expect(form.getByRole('alert')).toHaveText('That password does not open this PDF. Check it and try again.');
    await app.snap(`viewer-password-wrong-${size.width}`);
    await field.fill('user-pw');
    await form.getByRole('button', { name: 'Open' }).click();
    await expect(form).toBeHidden();
    await waitForPage(page, 1);
    await expect.poll(async () => (await highlightBoxes(page, 1)).length).toBeGreaterThan(0);
    await app.snap(`viewer-password-open-${size.width}`);

    // Not kept: closing and reopening asks again.
    await page.getByRole('button', { name: 'Close document' }).click();
    await openDocument(page, 'letter-locked');
    await expect(page.getByRole('form', { name: 'This PDF is encrypted' })).toBeVisible();
  });
}
