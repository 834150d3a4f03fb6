/**
 * Judging an OCR reading, on the real engine: a scan whose lower lines are smudged is
 * imported and read; the library flags it ("Low confidence: 1 page") and the page says so
 * with its mean confidence; "Show recognised text" draws each word read over the image, on
 * the word it was read from, the doubtful ones in a dashed outline with their confidence on
 * hover, and Ctrl+Shift+L takes them off again; Re-run OCR lists the UN working languages,
 * refuses a file that is not a language pack, adds French from a pack the reviewer has, and
 * reads the scan again in English + French, the bar under the case name showing the work
 * and then how it went. At 1280×800 and 900×700, each state light and dark, with axe.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callTyped } from '../../electron/services/router.ts';
import { LOW_CONFIDENCE } from '../../shared/ocr.ts';
import { doubtfulScanPng } from '../fixtures/doubtful-scan.ts';
import { frenchPack } from '../fixtures/language-packs.ts';
import { expect, importFiles, reveal, test, type AppFixture } from './fixtures.ts';
import { expectSameBox, openDocument, phraseBox, waitForPage, type Box } from './viewer-helpers.ts';

// Two readings of a page, and axe twice on each of seven screens.
test.describe.configure({ timeout: 240_000 });

/** No serious or critical axe violation on the whole window, light and dark, each screenshotted. */
async function checkScreen(page: Page, app: AppFixture, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
    expect.soft(serious, `${name} (${colorScheme})`).toEqual([]);
    await app.snap(`${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The screen box of a word drawn over page 1, by its text. */
async function drawnWordBox(page: Page, text: string): Promise<Box> {
  const word = page.locator('.page[data-page-number="1"] svg.exhibit-ocr-layer g.ocr-word', {
    has: page.locator('text', { hasText: new RegExp(`^${text}$`) }),
  });
  const b = (await word.locator('rect').first().boundingBox())!;
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`a doubtful reading is flagged, shown word by word and read again in English + French (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    const size = `${viewport.width}`;
    await page.setViewportSize(viewport);
    await app.open();
    const scan = app.writeFile('smudged-reply.png', await doubtfulScanPng());
    await importFiles(page, app, [scan]);
    await app.kase.services.ocr.idle();
    await expect(page.getByRole('status', { name: 'Reading scanned pages' })).toBeHidden();
    // A passage highlighted on the smudged second line, as it was read: reading it again may move or change it.
    const router = app.kase.services.router;
    const [doc] = await callTyped(router, 'documents.list', {});
    const { text } = await callTyped(router, 'documents.page', { documentId: doc!.documentId, page: 1 });
    const quote = text.split('\n')[1]!.split(' ').slice(3, 5).join(' ');
    await callTyped(router, 'highlights.create', { documentId: doc!.documentId, targets: [{ page: 1, quote }] });

    // The library flags the document, and says in words what the flag means.
    await reveal(page, 'Documents');
    const row = page.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /smudged-reply/ });
    const flag = row.getByText('Low confidence: 1 page');
    await expect(flag).toBeVisible();
    await expect(row.getByText(`Page 1 was read (OCR) with a mean confidence below ${LOW_CONFIDENCE}%`)).toBeVisible();
    await checkScreen(page, app, `${size}-library-flag`);

    // The page says it too, naming its mean confidence and the doubtful words.
    await openDocument(page, 'smudged-reply');
    await waitForPage(page, 1);
    const note = page.getByRole('note', { name: 'Page 1: doubtful reading' });
    await expect(note).toContainText(/mean confidence \d\d%, below 70%; \d+ of \d+ words doubtful \(“.+” \d+%/);
    await expect(note.getByRole('button', { name: 'Show recognised text (Ctrl+Shift+L)' })).toBeVisible();
    // Close enough to judge words by eye, as a reviewer would look: 150%, the top of the page in view.
    await page.getByRole('combobox', { name: 'Zoom' }).selectOption('1.5');
    const zoom = page.getByLabel('Zoom level');
    await expect(zoom).toHaveText('150%');
    await page.evaluate(`document.querySelector('.pdf-container').scrollTo(0, 0)`);
    // Zoomed in, pdf.js adds a second canvas for the part in view, so waitForPage's one-canvas check does not apply.
    const page1 = page.locator('.pdfViewer .page[data-page-number="1"]');
    await expect(page1).toHaveAttribute('data-loaded', 'true');
    await expect(page1.locator('.textLayer .endOfContent')).toBeAttached();
    await checkScreen(page, app, `${size}-viewer-doubtful-page`);

    // The recognised text over the image: each word on the word it was read from, the doubtful ones dashed.
    const toggle = page.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: 'Show recognised text' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const layer = page.locator('.page[data-page-number="1"] svg.exhibit-ocr-layer');
    await expect(layer.locator('g.ocr-word').first()).toBeAttached();
    const doubtful = await layer.locator('g.ocr-word.doubtful').count();
    expect(doubtful).toBeGreaterThanOrEqual(5);
    await expect(layer.locator('g.ocr-word:not(.doubtful) text').first()).toHaveText('Reply');
    // Within 2 pt at 150%: the drawn box is the line's band, the text layer's the word's font box in it.
    expectSameBox(await drawnWordBox(page, 'Rapporteurs'), await phraseBox(page, 1, 'Rapporteurs'), 4);
    // A doubtful word tells how it was read and how sure the engine was, in words.
    const smudged = (await layer.locator('g.ocr-word.doubtful rect').first().boundingBox())!;
    await page.mouse.move(smudged.x + smudged.width / 2, smudged.y + smudged.height / 2);
    await expect(page.getByRole('tooltip')).toContainText(
      new RegExp(`Read as “.+”, \\d+% confidence — doubtful \\(below ${LOW_CONFIDENCE}%\\)`),
    );
    await checkScreen(page, app, `${size}-recognised-text-shown`);
    await page.mouse.move(5, 5);

    // The shortcut takes the words off again, and the shortcuts help lists it.
    await page.getByRole('region', { name: 'Pages' }).focus();
    await page.keyboard.press('Control+Shift+L');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(layer).toHaveCount(0);
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.getByText('Show or hide the recognised text over a scanned page')).toBeVisible();
    await app.snap(`${size}-shortcuts-help`);
    await page.keyboard.press('Escape');

    // Re-run OCR from the toolbar's overflow: the six UN working languages, those without a pack said so.
    const toolbar = page.getByRole('toolbar', { name: 'Document' });
    await toolbar.getByRole('button', { name: 'More document actions' }).click();
    await toolbar.getByRole('button', { name: 'Re-run OCR…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-run OCR' });
    await expect(dialog).toContainText('Last read in English: 1 of 1 page, mean confidence');
    for (const label of ['Arabic', 'Chinese (simplified)', 'English', 'French', 'Russian', 'Spanish'])
      await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} `) })).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /^English/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /^French .*not installed: add a pack/ })).toBeDisabled();
    await expect(dialog.getByRole('checkbox', { name: /^Read pages already read again/ })).toBeChecked();
    await checkScreen(page, app, `${size}-rerun-dialog`);

    // A file that is not a pack is refused, named; a real one is added and ticked.
    const junk = app.writeFile('ara.traineddata', 'this is not Tesseract data');
    app.chooseLanguagePack(junk);
    await dialog.getByRole('button', { name: 'Add language pack…' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`${junk} is not a language pack Exhibit can read`);
    await checkScreen(page, app, `${size}-rerun-pack-refused`);
    app.chooseLanguagePack(frenchPack(app.inputDir, 'fra.traineddata.gz'));
    await dialog.getByRole('button', { name: 'Add language pack…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Added French (fra) from fra.traineddata.gz');
    await expect(dialog.getByRole('checkbox', { name: /^French/ })).toBeChecked();
    await expect(dialog).toContainText('Read in English + French');
    expect(fs.existsSync(`${app.dataDir}/ocr-packs/fra.traineddata.gz`)).toBe(true);
    await checkScreen(page, app, `${size}-rerun-pack-added`);

    // Run it: the bar shows the page being read, then the summary says how it went.
    await dialog.getByRole('button', { name: 'Re-run OCR', exact: true }).click();
    await expect(dialog).toBeHidden();
    const bar = page.getByRole('status', { name: 'Reading scanned pages' });
    await expect(bar).toContainText('of smudged-reply');
    await app.snap(`${size}-rerun-progress`);
    await app.kase.services.ocr.idle();
    await expect(bar).toBeHidden();
    const summary = page.getByRole('status', { name: 'OCR finished' });
    await expect(summary).toContainText(/smudged-reply read again in English \+ French: 1 of 1 page, mean confidence \d+%\./);

    // The viewer shows the new reading where the reviewer was: same page, same zoom.
    const [reread] = await callTyped(router, 'ocr.status', {});
    expect(reread!.languages).toBe('eng+fra');
    const drifted = reread!.driftedHighlights;
    await expect(summary).toContainText(
      drifted === 0
        ? 'No highlight drifted.'
        : `${drifted} highlight moved or changed with the new text: see the Highlights panel.`,
    );
    await expect(page.getByRole('note', { name: 'Page 1: doubtful reading' })).toContainText(
      `mean confidence ${Math.round(reread!.confidence!)}%`,
    );
    await expect(zoom).toHaveText('150%');
    await expect(page1).toHaveAttribute('data-loaded', 'true');
    await checkScreen(page, app, `${size}-rerun-finished`);

    // The app menu's Case > Re-run OCR… opens the same dialog for the document in view.
    await app.menu('rerun-ocr');
    await expect(page.getByRole('dialog', { name: 'Re-run OCR' })).toContainText('Last read in English + French');
    await page.keyboard.press('Escape');
    expect(app.problems).toEqual([]);
  });
}
