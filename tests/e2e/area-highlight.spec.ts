/**
 * The Area tool end to end, on the real engine: a rectangle dragged over a line of a
 * born-digital PDF becomes a highlight quoting that line's words, drawn as an outlined box
 * where it was dragged and listed in the side panel; Ctrl+Z takes it away; Escape drops a
 * rectangle without creating anything; and with keys alone (A, an arrow key, Shift+arrows,
 * Enter, Enter) a rectangle is placed, resized and highlighted, each step said in the live
 * region. At 1280×800 and 900×700, light and dark, with axe on each state. Then the same
 * on pages without a text layer of their own, read by OCR: a scan whose page has /Rotate 90,
 * zoomed to 150% and turned by the reviewer, and a photographed page imported as an image.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';
import { expectSameBox, openDocument, phraseBox, waitForPage, type Box } from './viewer-helpers.ts';

const PHRASE = 'the blue transit van left the depot at 21:40';
const letter = {
  info: { title: 'Letter from Harlow Logistics' },
  pages: [
    {
      lines: [
        'Harlow Logistics Ltd, 14 Quay Road, Bristol',
        'To the Special Rapporteur, 3 March 2024',
        'Our records show that',
        PHRASE,
        'and returned the next morning with its seals intact.',
      ],
    },
  ],
};

interface Listed {
  quote: string;
  targets: { area: [number, number, number, number] | null }[];
}

async function listed(app: AppFixture): Promise<Listed[]> {
  const res = await app.kase.services.router.call('highlights.list', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.value as Listed[];
}

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
  expect(serious, screen).toEqual([]);
}

/** Screen boxes of the elements matching `selector` on page 1. */
async function boxes(page: Page, selector: string): Promise<Box[]> {
  return (await page.evaluate(`[...document.querySelectorAll('.pdfViewer .page[data-page-number="1"] ${selector}')].map((el) => {
    const b = el.getBoundingClientRect();
    return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  })`)) as Box[];
}

/** Drag the mouse from one corner to the other, as a reviewer draws a rectangle. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

for (const [viewport, colorScheme] of [
  [{ width: 1280, height: 800 }, 'light'],
  [{ width: 1280, height: 800 }, 'dark'],
  [{ width: 900, height: 700 }, 'light'],
  [{ width: 900, height: 700 }, 'dark'],
] as const) {
  test.describe(`${viewport.width}×${viewport.height}, ${colorScheme}`, () => {
    test.use({ viewport, colorScheme });
    // axe runs on four states.
    test.describe.configure({ timeout: 120_000 });

    test('an area dragged over a line quotes its words; undo, Escape and the keyboard route', async ({ page, app }) => {
      const tag = `${viewport.width}-${colorScheme}`;
      await app.open();
      // The keys are listed in the shortcut panel.
      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Viewer' });
      await expect(help.getByRole('term')).toContainText([
        'Area tool on or off: drag a rectangle on a page to highlight it',
        'Area tool: place the rectangle and move it; with Shift resize it (add Ctrl for single points)',
        'Area tool: highlight the rectangle (colour, note, link)',
        'Area tool: drop the rectangle',
      ]);
      await app.snap(`area-shortcuts-${tag}`);
      await page.keyboard.press('Escape');
      await importFiles(page, app, [app.writePdf('harlow-letter.pdf', letter)]);
      await openDocument(page, 'Letter from Harlow Logistics');
      await waitForPage(page, 1);
      const sidebar = page.getByRole('button', { name: 'Sidebar' });
      if ((await sidebar.getAttribute('aria-pressed')) === 'false') await sidebar.click();
      const items = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
      const newHighlight = page.getByRole('dialog', { name: 'New highlight' });
      const draft = page.locator('.exhibit-area-draft');
      const live = page.locator('.area-status');

      // The tool: a toggle in the toolbar, named with its key.
      const tool = page.getByRole('button', { name: 'Area', exact: true });
      await expect(tool).toHaveAttribute('aria-pressed', 'false');
      await expect(tool).toHaveAttribute('title', /\(A\)/);
      await tool.click();
      await expect(tool).toHaveAttribute('aria-pressed', 'true');
      await expect(live).toContainText('Area tool on');
      await expect(page.locator('.pdfViewer .page[data-page-number="1"]')).toHaveCSS('cursor', 'crosshair');

      // Drag a rectangle round the phrase's line: the outline follows, then the popup offers colours.
      const words = await phraseBox(page, 1, PHRASE);
      const from = { x: words.left - 6, y: words.top - 3 };
      const to = { x: words.right + 6, y: words.bottom + 3 };
      await drag(page, from, to);
      await expect(newHighlight).toBeVisible();
      await expect(draft).toHaveCount(1);
      expectSameBox((await boxes(page, '.exhibit-area-draft'))[0]!, { left: from.x, top: from.y, right: to.x, bottom: to.y });
      // No text was selected by the drag.
      expect(await page.evaluate('String(window.getSelection())')).toBe('');
      await app.snap(`area-drawn-${tag}`);
      await noSeriousViolations(page, `area drawn, popup open (${tag})`);

      await newHighlight.getByRole('button', { name: 'Highlight Green' }).click();
      await expect(newHighlight).toBeHidden();
      await expect(items).toHaveCount(1);
      await expect(items.first()).toContainText(PHRASE);
      await expect(items.first()).toContainText('Area');
      const made = await listed(app);
      expect(made.map((h) => h.quote)).toEqual([PHRASE]);
      expect(made[0]!.targets[0]!.area).not.toBeNull();
      // Drawn as an outlined box where it was dragged; the live outline is gone.
      await expect(draft).toHaveCount(0);
      await expect.poll(async () => (await boxes(page, '.exhibit-hl.area')).length).toBe(1);
      expectSameBox((await boxes(page, '.exhibit-hl.area'))[0]!, { left: from.x, top: from.y, right: to.x, bottom: to.y });
      await app.snap(`area-highlight-${tag}`);
      await noSeriousViolations(page, `area highlight listed (${tag})`);

      // A click on it selects it like any highlight: its edit popup opens.
      await page.mouse.click((from.x + to.x) / 2, (from.y + to.y) / 2);
      await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeVisible();
      await app.snap(`area-selected-${tag}`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeHidden();

      // Undo takes it away, as for a text highlight.
      await page.keyboard.press('Control+z');
      await expect(items).toHaveCount(0);
      await expect.poll(async () => (await boxes(page, '.exhibit-hl')).length).toBe(0);
      expect(await listed(app)).toEqual([]);
      await app.snap(`area-undone-${tag}`);

      // Escape drops a drawn rectangle: the popup closes, nothing is created.
      await drag(page, { x: from.x, y: from.y - 40 }, { x: to.x - 80, y: to.y });
      await expect(newHighlight).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(newHighlight).toBeHidden();
      await expect(draft).toHaveCount(0);
      expect(await listed(app)).toEqual([]);
      await expect(items).toHaveCount(0);
      await app.snap(`area-escaped-${tag}`);

      // Keys alone: A turns the tool off and on again, with the keyboard in the pages.
      await expect(page.getByRole('region', { name: 'Pages' })).toBeFocused();
      await page.keyboard.press('a');
      await expect(tool).toHaveAttribute('aria-pressed', 'false');
      await expect(live).toHaveText('Area tool off.');
      await page.keyboard.press('a');
      await expect(tool).toHaveAttribute('aria-pressed', 'true');
      // An arrow key places a rectangle in the middle of the view; Escape drops it.
      await page.keyboard.press('ArrowDown');
      await expect(draft).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect(draft).toHaveCount(0);
      await expect(live).toHaveText('Area dropped.');
      expect(await listed(app)).toEqual([]);
      // Placed again, Shift+arrows resize it and arrows move it.
      await page.keyboard.press('ArrowDown');
      await expect(draft).toHaveCount(1);
      await expect(live).toContainText(/Area on page 1: 216 by 72 points, .* Enter highlights it/);
      const placed = (await boxes(page, '.exhibit-area-draft'))[0]!;
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('ArrowUp');
      await expect(live).toContainText(/Area on page 1: 226 by 82 points/);
      const moved = (await boxes(page, '.exhibit-area-draft'))[0]!;
      expect(moved.right - moved.left).toBeGreaterThan(placed.right - placed.left);
      expect(moved.top).toBeLessThan(placed.top);
      await app.snap(`area-keyboard-${tag}`);
      await noSeriousViolations(page, `keyboard rectangle (${tag})`);
      // Enter takes it: the popup opens with the keyboard on its first colour; Enter again highlights.
      await page.keyboard.press('Enter');
      await expect(newHighlight).toBeVisible();
      await expect(newHighlight.getByRole('button', { name: 'Highlight Yellow' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(newHighlight).toBeHidden();
      await expect(items).toHaveCount(1);
      const [keyed] = await listed(app);
      expect(keyed!.targets[0]!.area).not.toBeNull();
      // Whatever lay under the middle of the view: its words, or where it is when it covers none.
      await expect(items.first()).toContainText(keyed!.quote || 'Area on page 1');
      await app.snap(`area-keyboard-listed-${tag}`);
      await expect.poll(async () => (await boxes(page, '.exhibit-hl.area')).length).toBe(1);
      expectSameBox((await boxes(page, '.exhibit-hl.area'))[0]!, moved);
      // The keyboard is back in the pages for the next rectangle.
      await expect(page.getByRole('region', { name: 'Pages' })).toBeFocused();
      await app.snap(`area-keyboard-highlight-${tag}`);
    });
  });
}

const SCANNED = [
  'Reply of the Company to the Special Rapporteurs',
  'The Company has never sold its product to the',
  'Ministry and denies any role in the operation.',
];

test.describe('scans and images, zoomed and turned', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  // Two pages read by OCR before anything can be quoted.
  test.describe.configure({ timeout: 180_000 });

  test('an area over OCR words quotes them on a scan with /Rotate 90 in a turned, zoomed view, and on an image', async ({
    page,
    app,
  }) => {
    const dir = path.join(app.inputDir, 'scan-work');
    fs.mkdirSync(dir, { recursive: true });
    const scan = await scanPdf(dir, { lines: SCANNED, rotate: 90 });
    const scanFile = app.writeFile('company-reply.pdf', scan.pdf);
    // The typed page as a picture, imported as an image document.
    const imageFile = app.writeFile('company-reply-photo.png', fs.readFileSync(path.join(dir, 'typed.png')));
    await app.open();
    await importFiles(page, app, [scanFile, imageFile]);
    await app.kase.services.ocr.idle();
    const tool = page.getByRole('button', { name: 'Area', exact: true });
    const newHighlight = page.getByRole('dialog', { name: 'New highlight' });

    /** Drag round `phrase` on page 1 and highlight it; the engine must quote it. */
    const areaRound = async (phrase: string, quarterTurn: boolean, name: string) => {
      // Zoomed and turned, the line may be out of view: bring its first word to the middle.
      await page
        .locator('.pdfViewer .page[data-page-number="1"] .textLayer span', { hasText: phrase.split(' ')[0] })
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
      const words = await phraseBox(page, 1, phrase, quarterTurn);
      const from = { x: words.left - 3, y: words.top - 3 };
      const to = { x: words.right + 3, y: words.bottom + 3 };
      await drag(page, from, to);
      await expect(newHighlight).toBeVisible();
      await page.keyboard.press('h');
      await expect(newHighlight).toBeHidden();
      await expect.poll(async () => (await listed(app)).map((h) => h.quote)).toContain(phrase);
      await expect.poll(async () => (await boxes(page, '.exhibit-hl.area')).length).toBe(1);
      expectSameBox((await boxes(page, '.exhibit-hl.area'))[0]!, { left: from.x, top: from.y, right: to.x, bottom: to.y });
      await app.snap(name);
    };

    // The scan, at 150% and turned a quarter by the reviewer: the line runs down the screen.
    await openDocument(page, 'company-reply');
    await waitForPage(page, 1);
    await page.getByRole('combobox', { name: 'Zoom' }).selectOption('1.5');
    await page.getByRole('button', { name: 'Rotate clockwise' }).click();
    await waitForPage(page, 1);
    await tool.click();
    await areaRound('denies any role', true, 'area-scan-turned');

    // The image, at its automatic zoom.
    await openDocument(page, 'company-reply-photo');
    await waitForPage(page, 1);
    await expect(tool).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('a');
    await expect(tool).toHaveAttribute('aria-pressed', 'true');
    // A whole line, so no neighbouring word lies within a few pixels of the rectangle at this small zoom.
    await areaRound(SCANNED[2]!, false, 'area-image');
  });
});
