/**
 * A court bundle holding an encrypted PDF whose password this session does not hold (it came
 * in a colleague's evidence bundle, which carries its pages but never its password): Build
 * asks for the password by the document's name, says so when one is wrong, and builds with
 * the right one, which the session then holds; the bundle's pages are the PDF's, decrypted
 * and searchable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { DEFAULT_COURT_OPTIONS } from '../../shared/ipc/contract.ts';
import { expect, test } from './fixtures.ts';

const LETTER = fileURLToPath(new URL('../fixtures/geometry/libreoffice.pdf', import.meta.url));
const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;

test.skip(!hasQpdf, 'needs qpdf to make an encrypted PDF');
test.use({ viewport: { width: 1280, height: 800 } });

test('building a court bundle asks for an encrypted PDF’s password by name, and builds with the right one', async ({
  page,
  app,
}) => {
  // A colleague's case: the letter encrypted, imported there with its password, sent as a bundle.
  const locked = path.join(app.kase.dir, 'letter-locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', LETTER, locked]);
  const bundle = path.join(app.inputDir, 'colleague.zip');
  const other = openServices({
    caseDir: path.join(app.kase.dir, 'colleague case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'R. Okafor',
    configDir: app.configDir,
    dataDir: path.join(app.kase.dir, 'colleague data'),
    rememberCase: false,
    backup: false,
  });
  try {
    await callTyped(other.router, 'import.start', { jobId: 'l', paths: [locked], password: 'user-pw' });
    await callTyped(other.router, 'bundle.export', { path: bundle });
  } finally {
    await other.close();
  }
  const router = app.kase.services.router;
  await callTyped(router, 'bundle.import', { path: bundle });
  const [doc] = await callTyped(router, 'documents.list', {});
  await callTyped(router, 'court.savePlan', {
    name: 'Hearing',
    plan: {
      cover: { title: 'Hearing bundle', date: '2026-03-03', preparedBy: 'R. Okafor' },
      sections: [{ title: 'Letters', documentIds: [doc!.documentId] }],
      options: { ...DEFAULT_COURT_OPTIONS, prefix: 'EXH-', digits: 3 },
    },
  });

  await app.open();
  await app.menu('court-bundle');
  const out = path.join(app.inputDir, 'hearing.pdf');
  app.saveBundleAs(out);
  await page.getByRole('button', { name: 'Build bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Build court bundle' });
  const asked = dialog.getByRole('form', { name: 'Document password' });
  await expect(asked.getByRole('heading')).toHaveText('“letter-locked” is an encrypted PDF');
  await expect(asked).toContainText('nothing has been written yet');
  const field = asked.getByLabel('Password for “letter-locked”');
  await expect(field).toBeFocused();

  await field.fill('not-it');
  await dialog.getByRole('button', { name: 'Build with this password' }).click();
  await expect(asked.getByRole('alert')).toHaveText('That password does not open “letter-locked”. Try again.');
  await app.snap('court-password-wrong');

  await field.fill('user-pw');
  await dialog.getByRole('button', { name: 'Build with this password' }).click();
  await expect(dialog.getByText(/^Built: \d+ pages/)).toBeVisible({ timeout: 60_000 });
  await app.snap('court-password-built');
  // The letter's own words, decrypted, on its first bundle page after the cover and index.
  const text = execFileSync('pdftotext', ['-f', '3', '-l', '3', out, '-'], { encoding: 'utf8' });
  expect(text).toContain('We categorically reject the suggestion');
  expect(text).toContain('EXH-003');
  expect(execFileSync('qpdf', ['--show-encryption', out], { encoding: 'utf8' })).toMatch(/not encrypted/);

  // The password that opened it is held for the rest of the session: building again asks nothing.
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  app.saveBundleAs(path.join(app.inputDir, 'hearing-again.pdf'));
  await page.getByRole('button', { name: 'Build bundle…' }).click();
  await expect(dialog.getByText(/^Built: \d+ pages/)).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole('form', { name: 'Document password' })).toHaveCount(0);
});
