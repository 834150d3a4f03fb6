/**
 * The viewer keeps the reviewer's place: on page 300 of a 1,000-page transcript, each quarter
 * turn and each zoom step or preset leaves page 300 current and the same point of it under
 * the middle of the view (pdf.js alone jumps to about page 360 on the first turn); fit page
 * shows page 300 whole.
 */
import { expect, test } from './fixtures.ts';
import {
  expectFitted,
  expectPlaceKept,
  openDocument,
  scrollView,
  transcript,
  transcriptMarker,
  waitForPage,
} from './viewer-helpers.ts';

test.use({ viewport: { width: 1280, height: 800 } });

test('turning and zooming on page 300 of 1,000 keeps page 300 and the point under the middle', async ({ page, app }) => {
  test.slow(); // importing a thousand pages takes a few seconds of the budget
  const pdf = app.writePdf('transcript.pdf', transcript(1000));
  await app.open();
  // importFiles, with room for a thousand pages on a busy machine.
  app.kase.chooseFiles([pdf]);
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('list', { name: 'Import results' }).getByRole('listitem')).toHaveCount(1, { timeout: 60_000 });
  await openDocument(page, 'Hearing transcript');
  await waitForPage(page, 1);

  const pageInput = page.getByRole('textbox', { name: 'Page' });
  await pageInput.fill('300');
  await pageInput.press('Enter');
  await waitForPage(page, 300);
  await expect(page.locator('.pdfViewer .page[data-page-number="300"] .textLayer')).toContainText(transcriptMarker(300));
  // Somewhere inside the page rather than the spot "go to page" leaves, which a wrong answer could also hit.
  let want = await scrollView(page, 0, 240, 0);
  expect(want.page).toBe(300);

  const rotate = page.getByRole('button', { name: 'Rotate clockwise' });
  // Turned once pdf.js has drawn a page at the new angle.
  const turned = (degrees: number) => page.locator(`.pdfViewer .textLayer[data-main-rotation="${degrees}"]`).first();
  for (const degrees of [90, 180, 270]) {
    await rotate.click();
    await expect(turned(degrees)).toBeAttached();
    await expectPlaceKept(page, degrees, want, `turned to ${degrees}°`);
  }
  await app.snap('turned-270');

  const zoomValue = page.getByRole('status', { name: 'Zoom level' });
  const zoom = async (button: 'Zoom in' | 'Zoom out', rotationNow: number) => {
    const before = await zoomValue.textContent();
    await page.getByRole('button', { name: button }).click();
    await expect(zoomValue).not.toHaveText(before ?? '');
    await expectPlaceKept(page, rotationNow, want, `${button} to ${await zoomValue.textContent()} at ${rotationNow}°`);
  };
  await zoom('Zoom in', 270);
  await zoom('Zoom in', 270);

  // Zoomed in, the page is wider than the view: move across it too, then turn back upright.
  want = await scrollView(page, 120, -60, 270);
  await rotate.click();
  await expect(turned(0)).toBeAttached();
  await expectPlaceKept(page, 0, want, 'turned back to 0°');
  await app.snap('zoomed-in-upright');

  for (let i = 0; i < 4; i++) await zoom('Zoom out', 0);
  await app.snap('zoomed-out');

  // Fit page shows page 300 whole; the zooms after it come back to the point.
  const preset = page.getByRole('combobox', { name: 'Zoom' });
  for (const [value, label] of [
    ['page-fit', 'Fit page'],
    ['page-width', 'Fit width'],
    ['1.5', '150%'],
    ['auto', 'Automatic'],
  ] as const) {
    const before = await zoomValue.textContent();
    await preset.selectOption(value);
    await expect(zoomValue).not.toHaveText(before ?? '');
    if (value === 'page-fit') {
      await expectFitted(page, 300, 'page', label);
      await expect(page.getByRole('textbox', { name: 'Page' })).toHaveValue('300');
    } else await expectPlaceKept(page, 0, want, label);
  }
});
