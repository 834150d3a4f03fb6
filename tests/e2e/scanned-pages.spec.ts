/**
 * A PDF whose second and fourth pages are scans: each of those pages carries a note, on
 * the page, saying it has no text layer and what follows (no search or highlighting until
 * its text is read); the typed pages carry none. The note survives a zoom, which redraws
 * every page. At the desktop size and at 900×700.
 */
import { mixedScanPdf } from '../fixtures/scanned-pages.ts';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, waitForPage } from './viewer-helpers.ts';

const NOTE =
  'No text layer on page 2. It is an image, such as a scan. Exhibit reads the text of such pages (OCR) in the background, as the bar under ' +
  'the case name shows; once read, the page can be searched, selected, highlighted and quoted (reopen it to select). ' +
  'A page that stays like this had no words that could be read, or its reading was stopped.';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`scanned pages say on the page that they have no text layer (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    await app.open();
    const file = app.writeFile(
      'correspondence.pdf',
      await mixedScanPdf([
        { lines: ['Dear Sirs,', 'We enclose the signed statement.'] },
        'scan',
        { lines: ['Annex B: the typed transcript of the statement.'] },
        'scan',
      ]),
    );
    await importFiles(page, app, [file]);
    await openDocument(page, 'Correspondence with scanned pages');

    const pageDiv = (n: number) => page.locator(`.pdfViewer .page[data-page-number="${n}"]`);
    await waitForPage(page, 1);
    await expect(pageDiv(1).getByRole('note')).toHaveCount(0);
    // Go to page 2 as a reader would: its top, and so the note, comes into view.
    await page.getByRole('textbox', { name: 'Page', exact: true }).fill('2');
    await page.keyboard.press('Enter');
    const note = pageDiv(2).getByRole('note', { name: 'Page 2: no text layer' });
    await expect(note).toHaveText(NOTE);
    // The note sits on its page, across the top, inside the page's width.
    const [noteBox, pageBox] = [await note.boundingBox(), await pageDiv(2).boundingBox()];
    expect(Math.abs(noteBox!.y - pageBox!.y)).toBeLessThan(12);
    expect(noteBox!.x).toBeGreaterThanOrEqual(pageBox!.x);
    expect(noteBox!.x + noteBox!.width).toBeLessThanOrEqual(pageBox!.x + pageBox!.width + 0.5);
    await expect(note).toBeInViewport();
    await app.snap('scanned-page');

    await pageDiv(3).scrollIntoViewIfNeeded();
    await waitForPage(page, 3);
    await expect(pageDiv(3).getByRole('note')).toHaveCount(0);
    await pageDiv(4).scrollIntoViewIfNeeded();
    await expect(pageDiv(4).getByRole('note', { name: 'Page 4: no text layer' })).toContainText('No text layer on page 4.');

    // A zoom redraws the pages; the notes come back with them, on the same pages only.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await pageDiv(4).scrollIntoViewIfNeeded();
    await expect(pageDiv(4).getByRole('note', { name: 'Page 4: no text layer' })).toBeVisible();
    await pageDiv(3).scrollIntoViewIfNeeded();
    await waitForPage(page, 3);
    await expect(pageDiv(3).getByRole('note')).toHaveCount(0);
    // Whatever pages are drawn now, only the scans carry a note.
    const marked = await page.locator('.pdfViewer .page:has(> .exhibit-scan-note)').all();
    expect(marked.length).toBeGreaterThan(0);
    for (const p of marked) expect(['2', '4']).toContain(await p.getAttribute('data-page-number'));
  });
}
