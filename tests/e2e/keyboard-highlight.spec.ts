/**
 * Highlighting without a mouse: the whole session runs on keys alone (a counter in the
 * page proves no pointer, mouse or wheel event ever fired). From a search hit in a PDF,
 * the hit arrives selected and Ctrl+Shift+Right extends it word by word; from the first
 * line in view of a text document, the arrow keys move a caret, Shift+Down and
 * Shift+End select two lines. H saves each with the right quote (and L links one), and
 * after a reload the highlights are there and drawn on the same words. At 1280×800 and
 * 900×700, light and dark.
 */
import type { Page } from '@playwright/test';
import { expect, test, type AppFixture } from './fixtures.ts';
import { highlightBoxes, phraseBox, waitForPage } from './viewer-helpers.ts';

const letter = {
  info: { title: 'Letter from Harlow Logistics' },
  pages: [
    { lines: ['Harlow Logistics Ltd, 14 Quay Road, Bristol', 'To the Special Rapporteur, 3 March 2024'] },
    { lines: ['Page two of the letter.', 'We deny that any shipment was diverted to Rotterdam.', 'Signed for the board.'] },
  ],
};
const NOTE = [
  'Field note, 4 March 2024.',
  'The courier confirmed the seals were broken on arrival.',
  'No photographs were taken at the depot.',
  'The driver left before the police came.',
  'A second visit is planned.',
].join('\n');

const countPointerEvents = `(() => {
  window.__pointerEvents = 0;
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'mousemove', 'wheel', 'dblclick', 'contextmenu']) {
    window.addEventListener(type, (e) => { if (e.isTrusted) window.__pointerEvents++; }, true);
  }
})()`;

/** Press Tab until the focused element matches `selector` (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate(`!!document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Import through Ctrl+O, as a keyboard user does; the host's dialog answers with `paths`. */
async function importByKey(page: Page, app: AppFixture, paths: string[]): Promise<void> {
  app.kase.chooseFiles(paths);
  await page.keyboard.press('Control+o');
  await expect(page.getByRole('list', { name: 'Import results' }).getByRole('listitem')).toHaveCount(paths.length);
}

async function quotes(app: AppFixture): Promise<string[]> {
  const res = await app.kase.services.router.call('highlights.list', {});
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { quote: string }[]).map((h) => h.quote).sort();
}

const selection = (page: Page): Promise<unknown> => page.evaluate('String(window.getSelection())');

for (const [viewport, colorScheme] of [
  [{ width: 1280, height: 800 }, 'light'],
  [{ width: 1280, height: 800 }, 'dark'],
  [{ width: 900, height: 700 }, 'light'],
  [{ width: 900, height: 700 }, 'dark'],
] as const) {
  test.describe(`${viewport.width}×${viewport.height}, ${colorScheme}`, () => {
    test.use({ viewport, colorScheme });

    test('a PDF passage highlighted from a search hit with keys alone, kept after a reload', async ({ page, app }) => {
      await page.addInitScript({ content: countPointerEvents });
      await app.kase.services.router.call('allegations.create', { title: 'Shipments were diverted' });
      const pdf = app.writePdf('harlow-letter.pdf', letter);
      await app.open();
      await importByKey(page, app, [pdf]);

      await page.keyboard.press('/');
      await expect(page.getByRole('searchbox', { name: 'Search the case' })).toBeFocused();
      await page.keyboard.type('shipment');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem')).toHaveCount(1);
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: /p\. 2/ })).toBeFocused();
      await page.keyboard.press('Enter');

      // The hit arrives selected, with the keyboard in the pages.
      await waitForPage(page, 2);
      await expect(page.getByRole('region', { name: 'Pages' })).toBeFocused();
      await expect.poll(() => selection(page)).toBe('shipment');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await expect.poll(() => selection(page)).toBe('shipment was diverted');
      await expect(page.locator('.caret-status')).toHaveText('Selected: shipment was diverted');
      await app.snap(`pdf-keyboard-selection-${viewport.width}-${colorScheme}`);
      await page.keyboard.press('h');
      await expect.poll(() => quotes(app)).toEqual(['shipment was diverted']);
      await expect.poll(async () => (await highlightBoxes(page, 2)).length).toBe(1);

      // From the end of that passage the caret carries on: Shift+Down takes in the next line.
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+End');
      await expect
        .poll(() => selection(page))
        .toBe('We deny that any shipment was diverted to Rotterdam.\nSigned for the board.');
      // Back up a line: the selection ends on line 2 level with where line 3 ended.
      const lineEnd = (await phraseBox(page, 2, 'Signed for the board.')).right;
      await page.keyboard.press('Shift+ArrowUp');
      await expect.poll(() => selection(page)).toMatch(/^We deny that any [^\n]+$/);
      const end = (await page.evaluate(
        '(() => { const s = getSelection(); const r = document.createRange(); r.setStart(s.focusNode, s.focusOffset); return r.getBoundingClientRect().left; })()',
      )) as number;
      expect(Math.abs(end - lineEnd)).toBeLessThanOrEqual(8);
      await page.keyboard.press('Escape');
      await expect.poll(() => selection(page)).toBe('');

      // L on a keyboard selection: highlighted and linked, the stance picked by its key.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await expect.poll(() => selection(page)).toBe('Signed for the board.');
      await page.keyboard.press('l');
      await expect(page.getByRole('dialog', { name: 'Link to an allegation' })).toBeVisible();
      await page.keyboard.type('A1');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: /^Stance on A1/ })).toBeVisible();
      await page.keyboard.press('s');
      await expect(page.getByRole('dialog', { name: /^Stance on/ })).toBeHidden();
      const links = await app.kase.services.router.call('links.list', {});
      expect(links.ok && (links.value as { stance: string }[]).map((l) => l.stance)).toEqual(['supports']);
      expect(await quotes(app)).toEqual(['Signed for the board.', 'shipment was diverted']);

      await page.reload();
      await page.keyboard.press('/');
      await page.keyboard.type('shipment');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForPage(page, 2);
      await expect.poll(async () => (await highlightBoxes(page, 2)).length).toBe(2);
      // Each box sits on its own words.
      const boxes = (await highlightBoxes(page, 2)).sort((a, b) => a.top - b.top);
      for (const [box, phrase] of [
        [boxes[0]!, 'shipment was diverted'],
        [boxes[1]!, 'Signed for the board.'],
      ] as const) {
        const words = await phraseBox(page, 2, phrase);
        expect(Math.abs(box.left - words.left), phrase).toBeLessThanOrEqual(2);
        expect(Math.abs(box.right - words.right), phrase).toBeLessThanOrEqual(2);
      }
      expect(await quotes(app)).toEqual(['Signed for the board.', 'shipment was diverted']);
      expect(await page.evaluate('window.__pointerEvents')).toBe(0);
    });

    test('a text passage highlighted from the first line in view with keys alone, kept after a reload', async ({ page, app }) => {
      await page.addInitScript({ content: countPointerEvents });
      await app.open();
      // The keys are listed in the shortcut panel.
      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Viewer' });
      await expect(help.getByRole('term')).toContainText([
        'Move the text caret in the pages',
        'Select from the caret, by character or line',
        'Select by word',
        'Highlight the selected text',
      ]);
      await app.snap(`shortcut-panel-${viewport.width}-${colorScheme}`);
      await page.keyboard.press('Escape');
      await importByKey(page, app, [app.writeFile('field-note.txt', NOTE)]);

      await tabTo(page, '.doc-table .title-button');
      await page.keyboard.press('Enter');
      await expect(page.locator('.text-body[data-body="1"]')).toContainText('A second visit');
      await tabTo(page, '.text-scroller');

      // The first arrow key shows the caret at the first line; then it moves by line and word.
      await page.keyboard.press('ArrowDown');
      await expect(page.locator('.text-caret')).toBeVisible();
      await app.snap(`text-caret-${viewport.width}-${colorScheme}`);
      await expect(page.locator('.caret-status')).toContainText('Text caret at the first line in view');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Control+ArrowRight');
      await page.keyboard.press('Control+ArrowRight');
      await expect(page.locator('.caret-status')).toHaveText('photographs');
      await page.keyboard.press('Control+ArrowLeft');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+End');
      await expect
        .poll(() => selection(page))
        .toBe('photographs were taken at the depot.\nThe driver left before the police came.');
      await page.keyboard.press('Shift+ArrowLeft');
      await expect
        .poll(() => selection(page))
        .toBe('photographs were taken at the depot.\nThe driver left before the police came');
      await app.snap(`text-keyboard-selection-${viewport.width}-${colorScheme}`);
      await page.keyboard.press('h');
      await expect
        .poll(() => quotes(app))
        .toEqual(['photographs were taken at the depot.\nThe driver left before the police came']);
      await expect(page.locator('.text-body[data-body="1"] .text-hl')).toHaveText(
        'photographs were taken at the depot.\nThe driver left before the police came',
      );

      // The place in the document is saved a moment after it changes; the reload reopens it.
      await expect
        .poll(async () => {
          const settings = await app.kase.services.router.call('settings.get', {});
          return settings.ok && (settings.value as { lastDocument: unknown }).lastDocument !== null;
        })
        .toBe(true);
      await page.reload();
      await expect(page.locator('.text-body[data-body="1"] .text-hl')).toHaveText(
        'photographs were taken at the depot.\nThe driver left before the police came',
      );
      expect(await page.evaluate('window.__pointerEvents')).toBe(0);
    });
  });
}
