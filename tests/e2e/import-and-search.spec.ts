/**
 * The path a reviewer takes on day one, end to end through the real engine: import a
 * PDF, see it listed, search it, and get a clear account when a file is not a PDF.
 */
import path from 'node:path';
import type { DocumentSummary } from '../../shared/ipc/contract.ts';
import { expect, importFiles, test, REVIEWER } from './fixtures.ts';

const statement = {
  info: { title: 'Witness statement of D. Mercer' },
  pages: [
    { lines: ['Statement of Daniel Mercer', 'Taken at Harbour Road police station.'] },
    { lines: ['At about nine I saw a blue transit van parked outside number 14.', 'The driver wore a grey hood.'] },
    { lines: ['I did not see the driver again that evening.'] },
  ],
};

test('imports a PDF through the Import files button and lists it with its page count', async ({ page, app }) => {
  const pdf = app.writePdf('mercer-statement.pdf', statement);
  await app.open();
  await expect(page.getByText(REVIEWER)).toBeVisible();
  await expect(page.getByText('No documents in this case yet')).toBeVisible();

  await importFiles(page, app, [pdf]);

  const result = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(result).toContainText('Imported');
  await expect(result).toContainText('mercer-statement.pdf');
  const row = page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /Witness statement of D\. Mercer/ });
  await expect(row).toBeVisible();
  // Cells after the row header: Kind, Pages, Imported, Source.
  await expect(row.getByRole('cell').nth(0)).toHaveText('PDF');
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');
  await expect(row).not.toContainText('no text layer');
  await expect(page.getByLabel('Open case')).toBeVisible();
  await expect(page.getByText('1 document · 3 pages')).toBeVisible();
  await app.snap('imported');
});

test('finds a phrase and shows the page number and the marked hit', async ({ page, app }) => {
  const pdf = app.writePdf('mercer-statement.pdf', statement);
  await app.open();
  await importFiles(page, app, [pdf]);

  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill('"blue transit van"');
  await search.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'matching page' })).toHaveText('1 matching page');
  const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Witness statement of D. Mercer');
  await expect(hits.first()).toContainText('p. 2');
  const marks = hits.first().locator('mark');
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).join(' ').toLowerCase()).toMatch(/blue.*transit.*van/);
  await app.snap('search');

  await search.fill('helicopter');
  await search.press('Enter');
  await expect(page.getByText('No matches for “helicopter”')).toBeVisible();
});

test('a non-PDF named .pdf fails with a message naming the file and adds nothing', async ({ page, app }) => {
  const good = app.writePdf('mercer-statement.pdf', statement);
  const bad = app.writeFile('invoice-scan.pdf', 'This is a plain note, saved with the wrong extension.\n');
  await app.open();
  await importFiles(page, app, [good]);
  const rows = page.getByRole('table', { name: 'Documents' }).getByRole('row');
  await expect(rows).toHaveCount(2); // header + one document

  await importFiles(page, app, [bad]);

  const result = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(result).toContainText('Failed');
  await expect(result).toContainText(bad);
  await expect(page.getByText('0 files imported · 0 already in case · 1 not imported')).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('1 document · 3 pages')).toBeVisible();
  await app.snap('failed-import');
});

test('imports a folder, and a second import of the same file is reported as already in the case', async ({ page, app }) => {
  app.writePdf('letters/2019-03-02 letter.pdf', {
    info: { title: 'Letter of 2 March 2019' },
    pages: [{ lines: ['Dear Ms Hale,'] }],
  });
  const again = app.writePdf('letters/2019-04-11 reply.pdf', {
    pages: [{ lines: ['Reply, page one'] }, { lines: ['Reply, page two'] }],
  });
  app.writeFile('letters/notes/call-log.txt', 'Call with Ms Hale, 3 March.\fSecond page of notes.');
  app.writePdf('letters/scan.pdf', { info: { title: 'Scanned envelope' }, pages: [{ lines: [] }] });
  await app.open();

  app.kase.chooseFolder([path.join(app.inputDir, 'letters')]);
  await page.getByRole('button', { name: 'Import folder…' }).click();
  const results = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(results).toHaveCount(4);
  await expect(page.getByText('4 files imported · 0 already in case · 0 not imported')).toBeVisible();
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('row', { name: /Scanned envelope/ })).toContainText('no text layer');
  await expect(
    table
      .getByRole('row', { name: /call-log/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('2');

  // Ctrl+O opens the same import as the button.
  app.kase.chooseFiles([again]);
  await page.keyboard.press('Control+o');
  await expect(page.getByText('0 files imported · 1 already in case · 0 not imported')).toBeVisible();
  await expect(results.first()).toContainText('Already in case');

  // Provenance recorded elsewhere (CLI, a later editor) shows in the Source column.
  const listed = await app.kase.services.router.call('documents.list', {});
  const letter = (listed.ok ? (listed.value as DocumentSummary[]) : []).find((d) => d.title === 'Letter of 2 March 2019');
  expect(letter).toMatchObject({ title: 'Letter of 2 March 2019', kind: 'pdf' });
  const saved = await app.kase.services.router.call('documents.setProvenance', {
    documentId: letter!.documentId,
    provenance: { source: 'Hale family solicitors' },
  });
  expect(saved.ok).toBe(true);
  await page.reload();
  await expect(table.getByRole('row', { name: /Letter of 2 March 2019/ })).toContainText('Hale family solicitors');
  await app.snap('folder-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.snap('folder-dark');
});
