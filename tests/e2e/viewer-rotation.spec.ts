/** Rotating the view keeps a highlight on its text: at each quarter turn the box covers the text-layer span. */
import { expect, importFiles, test } from './fixtures.ts';
import { highlightBoxes, openDocument, phraseBox, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

const PHRASE = 'the container was resealed at the border post';
const statement = {
  info: { title: 'Witness statement' },
  pages: [
    {
      lines: [
        'Statement of the driver, taken on 9 April 2024.',
        'I saw with my own eyes that',
        PHRASE,
        'before it continued to the port.',
      ],
    },
  ],
};

test('a highlight stays on its text at 90, 180 and 270 degrees', async ({ page, app }) => {
  const pdf = app.writePdf('statement.pdf', statement);
  await app.open();
  await importFiles(page, app, [pdf]);
  await openDocument(page, 'Witness statement');
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, PHRASE);
  await page.keyboard.press('h');
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toContainText(PHRASE);
  await expect.poll(async () => (await highlightBoxes(page, 1)).length).toBe(1);

  const rotate = page.getByRole('button', { name: 'Rotate clockwise' });
  for (const degrees of [90, 180, 270]) {
    await rotate.click();
    await expect(page.locator('.pdfViewer .page[data-page-number="1"] .textLayer')).toHaveAttribute(
      'data-main-rotation',
      String(degrees),
    );
    const quarterTurn = degrees % 180 !== 0;
    // The page is redrawn after a turn; wait for the box and the span to agree, or say how they differ.
    await expect
      .poll(async () => {
        const [box] = await highlightBoxes(page, 1);
        const text = await phraseBox(page, 1, PHRASE, quarterTurn).catch(() => null);
        if (!box || !text) return 'not drawn yet';
        const off = Math.max(...(['left', 'top', 'right', 'bottom'] as const).map((side) => Math.abs(box[side] - text[side])));
        const upright = box.bottom - box.top > box.right - box.left;
        return off <= 2 && upright === quarterTurn ? 'on the text' : JSON.stringify({ degrees, box, text });
      })
      .toBe('on the text');
    await app.snap(`rotated-${degrees}`);
  }
});
