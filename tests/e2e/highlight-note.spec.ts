/**
 * The note typed while creating a highlight is saved with it: opening the note field takes
 * the focus (and the page's selection) away, and the highlight must still be made of the
 * passage that was selected, in a PDF and in a text document.
 */
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1280, height: 800 } });

const PHRASE = 'the blue transit van left the depot at 21:40';

/** The document's highlight list, in the viewer's sidebar (closed by default in a window this size). */
async function highlightList(page: Page) {
  const toggle = page.getByRole('button', { name: /Sidebar/ });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  return page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
}

for (const kind of ['pdf', 'text'] as const) {
  test(`${kind}: Note… then Highlight saves the selected passage with the typed note`, async ({ page, app }) => {
    const file =
      kind === 'pdf'
        ? app.writePdf('harlow-letter.pdf', {
            info: { title: 'Letter from Harlow Logistics' },
            pages: [{ lines: ['Our records show that', PHRASE, 'and returned the next morning.'] }],
          })
        : app.writeFile('harlow-letter.txt', `Our records show that\n${PHRASE}\nand returned the next morning.\n`);
    await app.open();
    await importFiles(page, app, [file]);
    await openDocument(page, kind === 'pdf' ? 'Letter from Harlow Logistics' : 'harlow-letter');
    if (kind === 'pdf') await waitForPage(page, 1);

    await selectWithMouse(page, 1, PHRASE);
    const popup = page.getByRole('dialog', { name: 'New highlight' });
    await popup.getByRole('button', { name: 'Note…' }).click();
    const note = popup.getByRole('textbox', { name: 'Note' });
    await expect(note).toBeFocused();
    // The page's selection is gone once the note field has the focus; the popup keeps the passage.
    expect(await page.evaluate('String(window.getSelection())')).toBe('');
    await note.fill('Contradicts the driver’s statement of 22:15');
    await popup.getByRole('button', { name: 'Highlight', exact: true }).click();

    await expect(popup).toBeHidden();
    const items = await highlightList(page);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(PHRASE);
    await expect(items.first()).toContainText('Contradicts the driver’s statement of 22:15');
    await app.snap(`highlight-note-${kind}`);

    // Stored by the engine, not only shown: a reload finds the note on the same passage.
    await page.reload();
    await openDocument(page, kind === 'pdf' ? 'Letter from Harlow Logistics' : 'harlow-letter');
    if (kind === 'pdf') await waitForPage(page, 1);
    const again = await highlightList(page);
    await expect(again).toHaveCount(1);
    await expect(again.first()).toContainText('Contradicts the driver’s statement of 22:15');
  });
}

test('the popup’s Link… after Note… still highlights the selected passage and offers the allegations', async ({ page, app }) => {
  const file = app.writeFile('harlow-letter.txt', `Our records show that\n${PHRASE}\nand returned the next morning.\n`);
  await app.open();
  await importFiles(page, app, [file]);
  await openDocument(page, 'harlow-letter');
  await selectWithMouse(page, 1, PHRASE);
  const popup = page.getByRole('dialog', { name: 'New highlight' });
  await popup.getByRole('button', { name: 'Note…' }).click();
  await expect(popup.getByRole('textbox', { name: 'Note' })).toBeFocused();
  await popup.getByRole('button', { name: 'Link…' }).click();
  await expect(page.getByRole('dialog', { name: 'Link to an allegation' })).toBeVisible();
  await expect(await highlightList(page)).toContainText(PHRASE);
});
