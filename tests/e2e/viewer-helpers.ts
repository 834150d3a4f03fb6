/**
 * Helpers for the viewer and highlight end-to-end tests: open a document, wait for a
 * page's text layer, select a phrase with the mouse, and measure what is on screen.
 * Page-side code is written as strings: tests/ is type-checked as Node code, without DOM types.
 */
import { expect, type Page } from '@playwright/test';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Open a document from the documents table and wait for its viewer. */
export async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: title, exact: true }).first().click();
  await expect(page.getByRole('region', { name: 'Open document' })).toBeVisible();
}

/** Wait until page `n` of the open PDF is painted and its text layer holds text. */
export async function waitForPage(page: Page, n: number): Promise<void> {
  const pageDiv = page.locator(`.pdfViewer .page[data-page-number="${n}"]`);
  await expect(pageDiv).toHaveAttribute('data-loaded', 'true');
  // A span under a link is tied to it with aria-owns instead of role="presentation"; any span counts.
  await expect(pageDiv.locator('.textLayer span').first()).toBeAttached();
  await expect(pageDiv.locator('.textLayer .endOfContent')).toBeAttached();
  await expect(pageDiv.locator('.canvasWrapper canvas')).toBeAttached();
}

/**
 * The screen rectangle of `phrase` in the text layer span that holds it on PDF page `n` (or on a text page).
 * `quarterTurn`: the view is rotated by 90 or 270 degrees, so the line runs down the screen.
 */
export async function phraseBox(page: Page, n: number, phrase: string, quarterTurn = false): Promise<Box> {
  const box = await page.evaluate(`(() => {
    const phrase = ${JSON.stringify(phrase)};
    const scope = document.querySelector('.pdfViewer .page[data-page-number="${n}"] .textLayer')
      ?? document.querySelector('.text-body[data-body="${n}"]');
    if (!scope) return null;
    // The phrase may be split over several text nodes (mark.js marks, highlight runs).
    const nodes = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(phrase);
    if (at >= 0) {
      const r = document.createRange();
      let pos = 0;
      for (const node of nodes) {
        const end = pos + node.data.length;
        if (at >= pos && at < end) r.setStart(node, at - pos);
        if (at + phrase.length > pos && at + phrase.length <= end) r.setEnd(node, at + phrase.length - pos);
        pos = end;
      }
      const b = r.getBoundingClientRect();
      // Across: where the characters are. Up and down: the span's own box (the em box pdf.js
      // places from the font's ascent), not the taller glyph box a text range reports.
      const first = r.startContainer.parentElement;
      const line = first && first.closest('span[role="presentation"], span[aria-owns]');
      const v = line ? line.getBoundingClientRect() : b;
      return ${quarterTurn}
        ? { left: v.left, top: b.top, right: v.right, bottom: b.bottom }
        : { left: b.left, top: v.top, right: b.right, bottom: v.bottom };
    }
    return null;
  })()`);
  if (!box) throw new Error(`"${phrase}" is not on page ${n}`);
  return box as Box;
}

/** Select `phrase` on page `n` by dragging the mouse across it, as a reviewer would. */
export async function selectWithMouse(page: Page, n: number, phrase: string): Promise<void> {
  const b = await phraseBox(page, n, phrase);
  const y = (b.top + b.bottom) / 2;
  await page.mouse.move(b.left + 1, y);
  await page.mouse.down();
  await page.mouse.move((b.left + b.right) / 2, y, { steps: 4 });
  await page.mouse.move(b.right - 1, y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate('String(window.getSelection())')).toBe(phrase);
}

/** Screen rectangles of the painted highlight boxes on PDF page `n`. */
export async function highlightBoxes(page: Page, n: number): Promise<Box[]> {
  return (await page.evaluate(`[...document.querySelectorAll('.pdfViewer .page[data-page-number="${n}"] .exhibit-hl')].map((el) => {
    const b = el.getBoundingClientRect();
    return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  })`)) as Box[];
}

/** Expect two rectangles to agree within `tolerance` CSS pixels on every side. */
export function expectSameBox(actual: Box, expected: Box, tolerance = 2): void {
  for (const side of ['left', 'top', 'right', 'bottom'] as const) {
    expect(Math.abs(actual[side] - expected[side]), `${side}: ${actual[side]} vs ${expected[side]}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
}
