/**
 * A folder import meets symbolic links: the one to a PDF in the folder is imported, and
 * the import results list every other link as skipped, with the reason and its name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

test('a folder import lists links it does not follow as skipped, naming each, and imports the rest', async ({ page, app }) => {
  const letters = path.join(app.inputDir, 'letters');
  app.writePdf('letters/.originals/reply.pdf', { info: { title: 'Reply of 4 May' }, pages: [{ lines: ['We reply.'] }] });
  const diary = app.writePdf('private/diary.pdf', { pages: [{ lines: ['Not for the case'] }] });
  fs.symlinkSync('.originals/reply.pdf', path.join(letters, 'reply.pdf'));
  fs.symlinkSync(diary, path.join(letters, 'diary.pdf'));
  fs.symlinkSync('missing.pdf', path.join(letters, 'gone.pdf'));
  await app.open();

  app.kase.chooseFolder([letters]);
  await page.getByRole('button', { name: 'Import folder…' }).click();
  const results = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(results).toHaveCount(3);
  await expect(page.getByText('1 file imported · 0 already in case · 0 not imported · 2 links skipped')).toBeVisible();

  const outside = results.filter({ hasText: 'diary.pdf' });
  await expect(outside).toContainText('Link skipped');
  await expect(outside).toContainText(
    `${path.join(letters, 'diary.pdf')}: a link to ${fs.realpathSync(diary)}, outside the folder being imported; skipped`,
  );
  const dangling = results.filter({ hasText: 'gone.pdf' });
  await expect(dangling).toContainText('Link skipped');
  await expect(dangling).toContainText('a link to missing.pdf, which does not exist');
  await expect(results.filter({ hasText: 'reply.pdf' })).toContainText('Imported');

  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('row', { name: /Reply of 4 May/ })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await app.snap('links-skipped');
});
