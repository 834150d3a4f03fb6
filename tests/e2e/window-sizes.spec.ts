/**
 * The workspace at 1280 × 800 and at 900 × 700. Narrow, the open document keeps most of the
 * window and the side panes are drawers, opened and closed by mouse and keyboard; the top
 * bar keeps every control (what does not fit goes into its overflow menu); long document
 * titles take two lines at most, whole in the tooltip and while the keyboard is on them.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';
import { pageBox, pdfViewBox, transcript, waitForPage } from './viewer-helpers.ts';

const NARROW = { width: 900, height: 700 };
const WIDE = { width: 1280, height: 800 };
const LONG_TITLE =
  'Submission of the Ministry of the Interior to the Working Group on Arbitrary Detention concerning the events at the northern border crossing in the spring of 2023, with annexes';

async function importThree(page: Page, app: AppFixture): Promise<void> {
  const files = [
    app.writePdf('transcript.pdf', transcript(4)),
    app.writePdf('submission.pdf', {
      info: { title: LONG_TITLE },
      pages: [{ lines: ['The Ministry submits the following observations.'] }],
    }),
    app.writePdf('letter.pdf', { info: { title: 'Short letter' }, pages: [{ lines: ['We write about the border crossing.'] }] }),
  ];
  await app.open();
  await importFiles(page, app, files);
}

/** Axe's serious and critical findings, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
}

/** Press Tab until `target` has focus, as a keyboard user would; fails if it never comes. */
async function tabTo(page: Page, target: Locator, most = 25): Promise<void> {
  for (let i = 0; i < most; i++) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The control is on screen, inside the window, and nothing covers it. */
async function expectReachable(page: Page, control: Locator, name: string): Promise<void> {
  await expect(control, name).toBeVisible();
  const box = (await control.boundingBox())!;
  const size = page.viewportSize()!;
  expect(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
    `${name} is inside the window`,
  ).toBe(true);
  // A trial click clicks nothing, but fails if something else would take the click.
  await control.click({ trial: true });
}

test('at 900 × 700 the document keeps most of the window and the side panes are drawers, by mouse and keyboard', async ({
  page,
  app,
}) => {
  test.slow(); // axe looks at the page four times
  await page.setViewportSize(NARROW);
  await importThree(page, app);
  await page.getByRole('button', { name: 'Hearing transcript', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hearing transcript' })).toBeVisible();
  await waitForPage(page, 1);

  // What of page 1 is on screen: most of the window across and down.
  const view = await pdfViewBox(page);
  const paper = await pageBox(page, 1);
  const shown = {
    width: Math.min(paper.right, view.right) - Math.max(paper.left, view.left),
    height: Math.min(paper.bottom, view.bottom) - Math.max(paper.top, view.top),
  };
  expect(shown.width, 'page width on screen').toBeGreaterThanOrEqual(0.8 * NARROW.width);
  expect(shown.height, 'page height on screen').toBeGreaterThanOrEqual(0.78 * NARROW.height);
  await app.snap('narrow-reading');

  // The document list, by mouse: opens over the page, and closes once a document is chosen.
  const docsHandle = page.getByRole('button', { name: 'Documents', exact: true });
  const docs = page.getByRole('table', { name: 'Documents' });
  await expect(docs).toBeHidden();
  await docsHandle.click();
  await expect(docsHandle).toHaveAttribute('aria-expanded', 'true');
  await expect(docs).toBeVisible();
  await expectReachable(page, docs.getByRole('button', { name: 'Short letter', exact: true }), 'Short letter in the drawer');
  await docs.getByRole('button', { name: 'Short letter', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Short letter' })).toBeVisible();
  await expect(docs).toBeHidden();
  await expect(docsHandle).toHaveAttribute('aria-expanded', 'false');

  // By keyboard: Tab reaches the handle, Enter opens with focus inside, Escape closes back to the handle.
  await page.locator('body').focus();
  await tabTo(page, docsHandle);
  await page.keyboard.press('Enter');
  await expect(docs).toBeVisible();
  await expect(page.getByRole('region', { name: 'Documents' }).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(docs).toBeHidden();
  await expect(docsHandle).toBeFocused();
  // Open a document from the keyboard too: the drawer closes and focus waits on its handle.
  await page.keyboard.press('Enter');
  await tabTo(page, docs.getByRole('button', { name: 'Hearing transcript', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Hearing transcript' })).toBeVisible();
  await expect(docs).toBeHidden();
  await expect(docsHandle).toBeFocused();

  // Search and allegations: the shortcut opens the drawer at the search box; a hit opens its page and closes it.
  const sideHandle = page.getByRole('button', { name: 'Search · Allegations' });
  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await page.keyboard.press('Control+Shift+F');
  await expect(sideHandle).toHaveAttribute('aria-expanded', 'true');
  await expect(search).toBeFocused();
  await search.fill('border crossing');
  await search.press('Enter');
  const hit = page.getByRole('list', { name: 'Search results' }).getByRole('button').first();
  await expect(hit).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `search drawer (${colorScheme})`).toEqual([]);
    await app.snap(`narrow-search-drawer-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await hit.click();
  await expect(page.getByRole('heading', { name: 'Short letter' })).toBeVisible();
  await expect(sideHandle).toHaveAttribute('aria-expanded', 'false');
  await expect(search).toBeHidden();

  // The board by its shortcut; a click on the page closes the drawer.
  await page.keyboard.press('Control+Shift+A');
  await expect(sideHandle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('tab', { name: 'Allegations', selected: true })).toBeVisible();
  await page.locator('.pdf-container').click({ position: { x: 40, y: 200 } });
  await expect(sideHandle).toHaveAttribute('aria-expanded', 'false');

  // The handle by mouse, and the list drawer in dark as well.
  await sideHandle.click();
  await expect(page.getByRole('tab', { name: 'Allegations', selected: true })).toBeVisible();
  await sideHandle.click();
  await expect(sideHandle).toHaveAttribute('aria-expanded', 'false');
  await docsHandle.click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `document drawer (${colorScheme})`).toEqual([]);
    await app.snap(`narrow-documents-drawer-${colorScheme}`);
  }
});

for (const size of [WIDE, NARROW]) {
  test(`at ${size.width} × ${size.height} every control of the top bar is reachable`, async ({ page, app }) => {
    await page.setViewportSize(size);
    await importThree(page, app);
    await page.getByRole('button', { name: 'Hearing transcript', exact: true }).click();
    await waitForPage(page, 1);

    const caseButton = page.getByRole('button', { name: /^Case\s/ });
    const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
    const reviewer = page.getByRole('button', { name: /^Reviewer: R\. Okafor/ });
    const more = page.getByRole('button', { name: 'More', exact: true });
    await expectReachable(page, caseButton, 'Case');
    await expectReachable(page, help, 'Keyboard shortcuts');
    if (size === WIDE) {
      await expect(more).toBeHidden();
      await expectReachable(page, reviewer, 'Reviewer');
      await expect(page.getByRole('banner')).toContainText('3 documents · 6 pages');
    } else {
      // Behind the overflow button, by mouse and by keyboard.
      await expect(reviewer).toBeHidden();
      await expectReachable(page, more, 'More');
      await more.click();
      await expect(page.getByRole('group', { name: 'More' })).toContainText('3 documents · 6 pages');
      await expectReachable(page, reviewer, 'Reviewer in the overflow menu');
      await page.keyboard.press('Escape');
      await expect(reviewer).toBeHidden();
      await expect(more).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(reviewer).toBeFocused();
      await app.snap(`top-bar-overflow-${size.width}`);
    }
    await reviewer.click();
    await expect(page.getByRole('dialog', { name: 'Reviewer name' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Reviewer name' })).toBeHidden();

    // Every one of them from the keyboard, in order.
    // From the start of the page: a click on the app's name, then Tab.
    await page.getByRole('heading', { level: 1, name: 'Exhibit' }).click();
    for (const [name, control] of [
      ['Case', caseButton],
      ['Reviewer or More', size === WIDE ? reviewer : more],
      ['Theme', page.getByRole('combobox', { name: 'Theme' })],
      ['Keyboard shortcuts', help],
    ] as const) {
      await tabTo(page, control, 8);
      await expect(control, name).toBeFocused();
    }
    await app.snap(`top-bar-${size.width}`);
  });
}

test('at 1280 × 800 a long title takes two lines, whole in its tooltip and while the keyboard is on it', async ({
  page,
  app,
}) => {
  await page.setViewportSize(WIDE);
  await importThree(page, app);
  const long = page.getByRole('button', { name: LONG_TITLE, exact: true });
  // In lines of its own line height: how many show, and how many the whole title takes.
  const lines = (el: Locator) =>
    el.evaluate((b: { clientHeight: number; scrollHeight: number }) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }).getComputedStyle(b);
      const lineHeight = parseFloat(style.lineHeight);
      return { shown: Math.round(b.clientHeight / lineHeight), whole: Math.round(b.scrollHeight / lineHeight) };
    });

  // The full library, then beside an open document, where the column is narrow.
  for (const where of ['library', 'beside a document'] as const) {
    if (where === 'beside a document') {
      await page.getByRole('button', { name: 'Short letter', exact: true }).click();
      await waitForPage(page, 1);
    }
    await expect(long).toHaveAttribute('title', LONG_TITLE);
    const cut = await lines(long);
    expect(cut.shown, `${where}: lines shown`).toBeLessThanOrEqual(2);
    expect(cut.whole, `${where}: the title is longer than that`).toBeGreaterThan(cut.shown);
    await app.snap(`long-title-${where.replace(/\W+/g, '-')}`);

    // Tab onto it from the row above (sorted by title), as a keyboard user would.
    await page.getByRole('button', { name: 'Short letter', exact: true }).focus();
    await tabTo(page, long, 4);
    await expect.poll(async () => (await lines(long)).shown, `${where}: all of it while focused`).toBe(cut.whole);
    await app.snap(`long-title-focused-${where.replace(/\W+/g, '-')}`);
  }
});
