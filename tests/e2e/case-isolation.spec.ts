/**
 * Nothing of one case inside another: with every pane of case A filled (an open document
 * with a selection, search hits, the evidence matrix, the board, a library filter, the
 * last import, an undo history), switching to an empty case B shows and reaches nothing
 * of A; going back to A finds its documents, the document it had open and its undo history.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callTyped } from '../../electron/services/router.ts';
import { expect, importFiles, reveal, test } from './fixtures.ts';
import { openDocument, selectWithMouse } from './viewer-helpers.ts';

const SUPPORT = 'drivers were not paid overtime for the night shifts';

/** Keys go to the window, not to a field or a button that had the focus. */
const focusNothing = (page: Page) => page.evaluate('document.activeElement && document.activeElement.blur()');

for (const size of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`${size.width}×${size.height}: switching to an empty case leaves nothing of the last one on screen or in reach`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(size);
    // Case A as a reviewer left it yesterday: a report, a reply, one allegation linked to a passage.
    const router = app.kase.services.router;
    const [report] = await callTyped(router, 'import.start', {
      jobId: 'seed',
      paths: [
        app.writePdf('lanternwatch.pdf', {
          info: { title: 'Lanternwatch report' },
          pages: [{ lines: ['Findings of the Lanternwatch inquiry', `The inquiry found that ${SUPPORT}.`] }],
        }),
      ],
    });
    const [a1] = await callTyped(router, 'allegations.import', { text: '- Drivers were not paid overtime' });
    const passage = await callTyped(router, 'highlights.create', {
      documentId: report!.documentId!,
      targets: [{ page: 1, quote: SUPPORT }],
    });
    await callTyped(router, 'links.create', {
      highlightId: passage.highlightId,
      allegationId: a1!.allegationId,
      stance: 'supports',
    });

    await app.open();
    const caseButton = page.getByRole('button', { name: /^Case/ });
    await expect(caseButton).toContainText('case');
    // Fill every pane: the last import, a filter, search hits, an open document with a new highlight and a selection.
    await importFiles(page, app, [
      app.writeFile('harlow-reply.txt', 'Harlow Logistics replies: overtime was paid in full for the night shifts.\n'),
    ]);
    await reveal(page, 'Documents');
    await expect(page.getByRole('heading', { name: 'Last import' })).toBeVisible();
    await reveal(page, 'Search · Allegations');
    const search = page.getByRole('searchbox', { name: 'Search the case' });
    await search.fill('overtime');
    await search.press('Enter');
    const hits = page.getByRole('list', { name: 'Search results' });
    await expect(hits).toContainText('Lanternwatch report');
    await reveal(page, 'Documents');
    await openDocument(page, 'harlow-reply');
    await selectWithMouse(page, 1, 'overtime was paid in full');
    await page.keyboard.press('h');
    await expect(page.locator('.text-body[data-body="1"] .text-hl')).toHaveText('overtime was paid in full');
    await selectWithMouse(page, 1, 'night shifts');
    const filter = page.getByPlaceholder('Filter by title, file or provenance');
    await reveal(page, 'Documents');
    await filter.fill('harlow');
    await page.keyboard.press('Control+Shift+M');
    await expect(page.getByRole('button', { name: 'A1 in Lanternwatch report: 1 supports' })).toBeVisible();
    await app.snap(`case-a-filled-${size.width}`);

    // Case B, new and empty.
    app.chooseCaseFolder(path.join(app.kase.dir, 'cases', 'empty'));
    await caseButton.click();
    await page.getByRole('group', { name: 'Switch case' }).getByRole('button', { name: 'New case…' }).click();
    await expect(caseButton).toContainText('empty');
    await reveal(page, 'Documents');
    await expect(page.getByText('No documents in this case yet')).toBeVisible();

    // Nothing of A is shown…
    const body = page.locator('body');
    for (const trace of ['Lanternwatch', 'harlow', 'Harlow', 'overtime', 'Last import', 'Drivers were not paid'])
      await expect(body).not.toContainText(trace);
    await expect(page.getByRole('region', { name: 'Open document' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Allegation ledger' })).toHaveCount(0);
    // An empty case has no list to filter.
    await expect(filter).toHaveCount(0);
    expect(await page.evaluate('String(window.getSelection())')).toBe('');
    await reveal(page, 'Search · Allegations');
    await expect(search).toHaveValue('');
    await expect(hits).toHaveCount(0);
    await page.getByRole('tab', { name: 'Allegations' }).click();
    await expect(page.getByRole('list', { name: 'Allegations' }).getByRole('listitem')).toHaveCount(0);
    await app.snap(`case-b-empty-${size.width}`);
    // …or reachable: the matrix lists no allegation, and undo has nothing of A to undo.
    await page.keyboard.press('Control+Shift+M');
    await expect(page.getByRole('region', { name: 'Allegation ledger' })).toBeVisible();
    await expect(body).not.toContainText('A1');
    await focusNothing(page);
    await page.keyboard.press('Control+z');
    await expect(page.getByText('Nothing to undo.')).toBeVisible();
    const highlightsOfA = () =>
      callTyped(router, 'highlights.list', { documentId: report!.documentId! }).catch(() => 'case closed' as const);
    expect(app.kase.services.store.dir).toBe(path.join(app.kase.dir, 'cases', 'empty'));

    // Back to A: its documents, the reply it had open, and its own undo history.
    await caseButton.click();
    await page.getByRole('list', { name: 'Recent cases' }).getByRole('button', { name: 'Open case case' }).click();
    await expect(caseButton).toContainText('case');
    await reveal(page, 'Documents');
    await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody tr')).toHaveCount(2);
    await expect(filter).toHaveValue('');
    await expect(page.getByRole('region', { name: 'Open document' })).toContainText('harlow-reply');
    await expect(page.locator('.text-body[data-body="1"] .text-hl')).toHaveText('overtime was paid in full');
    await focusNothing(page);
    await page.keyboard.press('Control+z');
    await expect(page.getByText('Undone: Create highlight')).toBeVisible();
    await expect(page.locator('.text-body[data-body="1"] .text-hl')).toHaveCount(0);
    expect(await highlightsOfA()).toHaveLength(1);
  });
}
