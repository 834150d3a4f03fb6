/**
 * Stance counts read as words wherever they appear — the board, an allegation's detail,
 * the evidence matrix — never as two-letter codes ("1 Cx / 1 De"), with a tooltip saying
 * what is counted and an accessible name in the same words. At the desktop size and at
 * 900×700, where the board sits below the library and the matrix has less room.
 */
import type { Page } from '@playwright/test';
import { callTyped } from '../../electron/services/router.ts';
import type { Stance } from '../../shared/ipc/contract.ts';
import { expect, importFiles, test, type AppFixture } from './fixtures.ts';

const LINES = [
  'The phones of three journalists were infected.',
  'Our lab confirmed the infection on two devices.',
  'The company sells only to governments.',
  'The company denies any involvement.',
  'The company admits it held a licence.',
  'Another lab found no trace of the spyware.',
];

/** One document, six highlights, and links taking every stance on A1 (two supporting) and one on A2. */
async function seed(page: Page, app: AppFixture): Promise<void> {
  const file = app.writePdf('report.pdf', { info: { title: 'Report and reply' }, pages: [{ lines: LINES }] });
  await importFiles(page, app, [file]);
  const router = app.kase.services.router;
  const [doc] = await callTyped(router, 'documents.list', {});
  await callTyped(router, 'allegations.import', { text: '- Journalists were infected\n- The company held a licence' });
  const link = async (line: string, allegationId: string, stance: Stance) => {
    const h = await callTyped(router, 'highlights.create', {
      documentId: doc!.documentId,
      targets: [{ page: 1, quote: line.slice(0, -1) }],
    });
    await callTyped(router, 'links.create', { highlightId: h.highlightId, allegationId, stance });
  };
  await link(LINES[0]!, 'A1', 'supports');
  await link(LINES[1]!, 'A1', 'supports');
  await link(LINES[2]!, 'A1', 'context');
  await link(LINES[3]!, 'A1', 'denies');
  await link(LINES[5]!, 'A1', 'contradicts');
  await link(LINES[4]!, 'A2', 'admits');
  // The board learns of changes made outside the window when it is next shown.
  await page.reload();
  await expect(page.getByLabel('Open case')).toContainText('case');
}

const A1_WORDS = '2 supports, 1 contradicts, 1 context, 1 denies';
const A1_CHIPS = ['2 supports', '1 contradicts', '1 context', '1 denies'];

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`stance counts are words with a tooltip and an accessible name (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    await app.open();
    await seed(page, app);

    await page.keyboard.press('Control+Shift+A');
    const board = page.getByRole('list', { name: 'Allegations' });
    const a1 = board.getByRole('button', { name: new RegExp(`^A1 .*${A1_WORDS}`) });
    await expect(a1).toBeVisible();
    await expect(board.getByRole('button', { name: /^A2 .*1 admits/ })).toBeVisible();
    const counts = a1.locator('.counts');
    // What the eye sees: a word per stance, never a code to learn.
    await expect(counts.locator('.cnt')).toHaveText(A1_CHIPS);
    await expect(counts).toHaveAttribute('title', `Linked passages by stance: ${A1_WORDS}`);
    await expect(board).not.toContainText(/\b\d+ ?(Su|Co|Cx|Ad|De)\b/);
    // The chips stay inside the board's row, however narrow the column.
    const row = await a1.boundingBox();
    for (const chip of await counts.locator('.cnt').all()) {
      const box = (await chip.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(row!.x + row!.width + 0.5);
    }
    await app.snap('board');

    await a1.click();
    const detail = page.getByRole('article', { name: 'Allegation A1' });
    await expect(detail.locator('.alg-facts .counts .cnt')).toHaveText(A1_CHIPS);

    await page.getByRole('tab', { name: 'Evidence matrix' }).click();
    const cell = page.getByRole('button', { name: `A1 in Report and reply: ${A1_WORDS}`, exact: true });
    await expect(cell).toBeVisible();
    await expect(cell.locator('.counts .cnt')).toHaveText(A1_CHIPS);
    await expect(cell.locator('.counts')).toHaveAttribute('title', `Linked passages by stance: ${A1_WORDS}`);
    await expect(page.getByRole('button', { name: 'A2 in Report and reply: 1 admits', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: /Evidence matrix/ })).not.toContainText(/\b\d+ ?(Su|Co|Cx|Ad|De)\b/);
    await app.snap('matrix');
  });
}
