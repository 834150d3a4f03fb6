/**
 * The document list: sorting and filtering, provenance at import and later, removing a
 * document with undo and redo, and importing files and folders dropped on the window.
 */
import type { DocumentSummary } from '../../shared/ipc/contract.ts';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';

const pdf = (title: string, pages: number) => ({
  info: { title },
  pages: Array.from({ length: pages }, (_, i) => ({ lines: [`${title}, page ${i + 1}`] })),
});

async function listed(app: AppFixture): Promise<DocumentSummary[]> {
  const res = await app.kase.services.router.call('documents.list', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.value as DocumentSummary[];
}

const auditActions = (app: AppFixture) =>
  (app.kase.services.store.db.prepare('SELECT action FROM audit ORDER BY seq').all() as { action: string }[]).map(
    (r) => r.action,
  );

test('sorts by any column and filters by title or provenance', async ({ page, app }) => {
  const files = [
    app.writePdf('b.pdf', pdf('Exhibit 10: ledger', 4)),
    app.writePdf('a.pdf', pdf('Exhibit 2: invoice', 1)),
    app.writePdf('c.pdf', pdf('Annex on shipping', 9)),
  ];
  await app.open();
  await importFiles(page, app, files);
  const titles = page.getByRole('table', { name: 'Documents' }).locator('tbody th');
  // Numbers in titles sort as a reader expects: 2 before 10.
  await expect(titles).toHaveText([/^Annex/, /^Exhibit 2/, /^Exhibit 10/]);

  const pagesHeader = page.getByRole('columnheader', { name: 'Pages' });
  await pagesHeader.getByRole('button').click();
  await expect(pagesHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(titles).toHaveText([/^Annex/, /^Exhibit 10/, /^Exhibit 2/]);
  await pagesHeader.getByRole('button').click();
  await expect(pagesHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(titles).toHaveText([/^Exhibit 2/, /^Exhibit 10/, /^Annex/]);

  const doc = (await listed(app)).find((d) => d.title.startsWith('Annex'))!;
  await app.kase.services.router.call('documents.setProvenance', {
    documentId: doc.documentId,
    provenance: { source: 'Harbour Authority' },
  });
  await page.reload();
  const filter = page.getByRole('searchbox', { name: 'Filter documents' });
  await filter.fill('harbour');
  await expect(titles).toHaveText([/^Annex/]);
  await expect(page.getByRole('region', { name: 'Documents' }).getByText('1 of 3')).toBeVisible();
  await filter.fill('exhibit invoice');
  await expect(titles).toHaveText([/^Exhibit 2/]);
  await filter.fill('helicopter');
  await expect(page.getByText('No documents match “helicopter”.')).toBeVisible();
  await filter.fill('');
  await expect(titles).toHaveCount(3);
  await app.snap('sorted');
});

test('records provenance for an import, edits it per document, and undoes the edit', async ({ page, app }) => {
  const files = [app.writePdf('r1.pdf', pdf('Report one', 2)), app.writeFile('note.txt', 'A handwritten note, typed up.')];
  await app.open();
  await importFiles(page, app, files);

  await page.getByRole('button', { name: 'Record provenance…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Provenance for 2 imported documents' });
  await dialog.getByLabel('Source').fill('OHCHR communication AL OTH 17/2024');
  await dialog.getByLabel('Obtained from').fill('Office of the High Commissioner');
  await dialog.getByLabel('Obtained on').fill('2024-03-20');
  await dialog.getByLabel('Collected by').fill('R. Okafor');
  await dialog.getByLabel('Notes').fill('Received by email with the cover letter.');
  await app.snap('provenance-batch');
  await dialog.getByRole('button', { name: 'Save provenance' }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(table.getByRole('button', { name: /^OHCHR communication AL OTH 17\/2024 — edit provenance of/ })).toHaveCount(2);
  for (const d of await listed(app)) expect(d.provenance.obtainedAt).toBe('2024-03-20');

  // Later, per document: the source cell opens the form with what is recorded.
  await table.getByRole('button', { name: /^OHCHR.*edit provenance of note$/ }).click();
  const one = page.getByRole('dialog', { name: 'Provenance: note' });
  await expect(one.getByLabel('Collected by')).toHaveValue('R. Okafor');
  await one.getByLabel('Source').fill('Hand delivery');
  await one.getByLabel('Notes').fill('');
  await one.getByRole('button', { name: 'Save provenance' }).click();
  await expect(table.getByRole('row', { name: /note/ })).toContainText('Hand delivery');
  const note = (await listed(app)).find((d) => d.title === 'note')!;
  expect(note.provenance).toEqual({
    source: 'Hand delivery',
    obtainedFrom: 'Office of the High Commissioner',
    obtainedAt: '2024-03-20',
    collectedBy: 'R. Okafor',
  });
  expect(auditActions(app).filter((a) => a === 'document.provenance')).toHaveLength(3);

  await page.keyboard.press('Control+z');
  await expect(table.getByRole('row', { name: /note/ })).toContainText('OHCHR communication');
});

test('removes a document after confirmation, and undo and redo replay it against the engine', async ({ page, app }) => {
  const files = [app.writePdf('keep.pdf', pdf('Kept report', 1)), app.writePdf('drop.pdf', pdf('Draft to remove', 2))];
  await app.open();
  await importFiles(page, app, files);
  const table = page.getByRole('table', { name: 'Documents' });
  await table
    .getByRole('row', { name: /Draft to remove/ })
    .getByRole('cell')
    .first()
    .click();
  await page.getByRole('group', { name: 'Selected document' }).getByRole('button', { name: 'Remove…' }).click();

  const confirm = page.getByRole('alertdialog', { name: 'Remove document from the case?' });
  await expect(confirm).toContainText('Draft to remove');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.snap('remove-confirm');
  await confirm.getByRole('button', { name: 'Remove document' }).click();
  await expect(table.getByRole('row', { name: /Draft to remove/ })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Removed “Draft to remove” from the case.' })).toBeVisible();
  await expect(page.getByText('1 document · 1 page')).toBeVisible();
  await app.snap('removed');

  await page.keyboard.press('Control+z');
  await expect(table.getByRole('row', { name: /Draft to remove/ })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(table.getByRole('row', { name: /Draft to remove/ })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(table.getByRole('row', { name: /Draft to remove/ })).toBeVisible();
  expect(auditActions(app).filter((a) => a.startsWith('document.re'))).toEqual([
    'document.remove',
    'document.restore',
    'document.remove',
    'document.restore',
  ]);

  // The Delete key on a focused row asks the same question; Escape keeps the document.
  await table.getByRole('button', { name: 'Kept report', exact: true }).focus();
  await page.keyboard.press('Delete');
  await expect(confirm).toContainText('Kept report');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(table.locator('tbody tr')).toHaveCount(2);
});

test('imports files and folders dropped on the window', async ({ page, app }) => {
  app.writePdf('dropped.pdf', pdf('Dropped statement', 3));
  app.writeFile('bundle/one.txt', 'First note.');
  app.writePdf('bundle/deeper/two.pdf', pdf('Second bundle item', 1));
  await app.open();

  await app.drop(['dropped.pdf', 'bundle']);
  const results = page.getByRole('list', { name: 'Import results' }).getByRole('listitem');
  await expect(results).toHaveCount(3);
  await expect(page.getByText('3 files imported · 0 already in case · 0 not imported')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody tr')).toHaveCount(3);
  await app.snap('dropped');
});
