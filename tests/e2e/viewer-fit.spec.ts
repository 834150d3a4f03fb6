/**
 * Fit width and fit page follow the space the viewer has: opening and closing the viewer's
 * sidebar, hiding the document list and resizing the window each fit the page again, fully
 * visible, on the page and at the point the reviewer was reading. At 1280 × 800 (three panes)
 * and at 900 × 700 (side panes as drawers).
 */
import { expect, test } from './fixtures.ts';
import { expectFitted, expectPlaceKept, openDocument, scrollView, transcript, waitForPage } from './viewer-helpers.ts';

for (const size of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`at ${size.width} × ${size.height}, fit width and fit page follow the sidebar, the document list and the window`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(size);
    const pdf = app.writePdf('transcript.pdf', transcript(30));
    await app.open();
    app.kase.chooseFiles([pdf]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByRole('list', { name: 'Import results' }).getByRole('listitem')).toHaveCount(1);
    await openDocument(page, 'Hearing transcript');
    await waitForPage(page, 1);

    const pageInput = page.getByRole('textbox', { name: 'Page' });
    await pageInput.fill('12');
    await pageInput.press('Enter');
    await waitForPage(page, 12);
    const zoom = page.getByRole('combobox', { name: 'Zoom' });
    await zoom.selectOption('page-width');
    await expectFitted(page, 12, 'width', 'fit width chosen');
    const want = await scrollView(page, 0, 150);

    const sidebar = page.getByRole('button', { name: 'Sidebar', exact: true });
    const sidebarOpen = (await sidebar.getAttribute('aria-pressed')) === 'true';
    const steps: [string, () => Promise<unknown>][] = [
      [sidebarOpen ? 'sidebar closed' : 'sidebar opened', () => sidebar.click()],
      [sidebarOpen ? 'sidebar open again' : 'sidebar closed again', () => sidebar.click()],
      ['document list hidden (Ctrl+B)', () => page.keyboard.press('Control+b')],
      ['document list shown again (Ctrl+B)', () => page.keyboard.press('Control+b')],
      ['window narrower', () => page.setViewportSize({ width: size.width - 180, height: size.height })],
      ['window wider', () => page.setViewportSize({ width: size.width + 300, height: size.height + 100 })],
      ['window as it was', () => page.setViewportSize(size)],
    ];
    if (!sidebarOpen) steps.push(['sidebar opened for fit page', () => sidebar.click()]);
    for (const [step, act] of steps) {
      await act();
      await expectFitted(page, 12, 'width', step);
      await expectPlaceKept(page, 0, want, step);
    }
    await app.snap('fit-width');

    await zoom.selectOption('page-fit');
    await expectFitted(page, 12, 'page', 'fit page chosen');
    for (const [step, act] of [
      ['sidebar closed', () => sidebar.click()],
      ['window shorter', () => page.setViewportSize({ width: size.width, height: size.height - 150 })],
      ['window as it was', () => page.setViewportSize(size)],
    ] as const) {
      await act();
      await expectFitted(page, 12, 'page', `fit page, ${step}`);
      await expect(pageInput, step).toHaveValue('12');
    }
    await app.snap('fit-page');
  });
}
