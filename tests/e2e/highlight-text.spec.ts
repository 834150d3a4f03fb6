/** Plain-text documents: the same selection, highlighting and search marks as PDFs. */
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

test('a text document: highlight a selected phrase, reload, and see it on the same words', async ({ page, app }) => {
  const note = app.writeFile(
    'field-note.txt',
    'Field note, 4 March 2024.\nThe courier confirmed the seals were broken on arrival.\nNo photographs were taken.\n\fSecond page: the depot log was not produced.\n',
  );
  await app.open();
  await importFiles(page, app, [note]);
  await openDocument(page, 'field-note');
  await expect(page.locator('.text-body[data-body="2"]')).toContainText('depot log');

  await selectWithMouse(page, 1, 'the seals were broken');
  await page.getByRole('dialog', { name: 'New highlight' }).getByRole('button', { name: 'Highlight Green' }).click();
  const items = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('the seals were broken');

  await page.reload();
  await openDocument(page, 'field-note');
  const painted = page.locator('.text-body[data-body="1"] .text-hl');
  await expect(painted).toHaveText('the seals were broken');
  await expect(painted).toHaveClass(/hl-green/);
  await app.snap('text-highlight');
});
