/**
 * Helpers for the viewer and highlight end-to-end tests: open a document, wait for a
 * page's text layer, select a phrase with the mouse, and measure what is on screen.
 * Page-side code is written as strings: tests/ is type-checked as Node code, without DOM types.
 */
import { expect, type Page } from '@playwright/test';
import { fillerLines, seededRandom, type PdfSpec } from '../fixtures/pdf-builder.ts';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The line each page of `transcript` starts with. */
export const transcriptMarker = (n: number): string => `This is page ${n} of the transcript.`;

/** A long hearing transcript (US Letter pages of small print), the same every run. */
export function transcript(pages: number): PdfSpec {
  const rand = seededRandom(800);
  return {
    info: { title: 'Hearing transcript' },
    pages: Array.from({ length: pages }, (_, i) => ({
      lines: [transcriptMarker(i + 1), ...fillerLines(rand, 30, 10)],
      fontSize: 9,
    })),
  };
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

/** A point of a page: its number and where on it, as fractions of the unturned page from its top left. */
export interface PagePoint {
  page: number;
  u: number;
  v: number;
}

/**
 * What lies under the middle of the PDF view, measured from the page boxes on screen; `rotation`
 * is the view's turn, which says how the box on screen relates to the page.
 */
export async function pointAtCentre(page: Page, rotation = 0): Promise<PagePoint | null> {
  const seen = (await page.evaluate(`(() => {
    const c = document.querySelector('.pdf-container');
    if (!c) return null;
    const r = c.getBoundingClientRect();
    const x = r.left + c.clientLeft + c.clientWidth / 2;
    const y = r.top + c.clientTop + c.clientHeight / 2;
    for (const p of c.querySelectorAll('.page')) {
      const b = p.getBoundingClientRect();
      const top = b.top + p.clientTop;
      const left = b.left + p.clientLeft;
      if (y < top || y >= top + p.clientHeight) continue;
      return { page: Number(p.dataset.pageNumber), fx: (x - left) / p.clientWidth, fy: (y - top) / p.clientHeight };
    }
    return null;
  })()`)) as { page: number; fx: number; fy: number } | null;
  if (!seen) return null;
  const { fx, fy } = seen;
  // Clockwise quarter turns: the page's top edge is on the right at 90, the bottom at 180, the left at 270.
  const [u, v] =
    rotation === 90 ? [fy, 1 - fx] : rotation === 180 ? [1 - fx, 1 - fy] : rotation === 270 ? [1 - fy, fx] : [fx, fy];
  return { page: seen.page, u, v };
}

/** How far apart two points of a US Letter page are, in PDF points (1/72 inch); Infinity on different pages. */
export function pointsApart(a: PagePoint, b: PagePoint): number {
  return a.page === b.page ? Math.hypot((a.u - b.u) * 612, (a.v - b.v) * 792) : Infinity;
}

/** Where point (u, v) of a page shown in `box` at `rotation` is on screen. */
export function onScreen(box: Box, rotation: number, u: number, v: number): { x: number; y: number } {
  const [fx, fy] = rotation === 90 ? [1 - v, u] : rotation === 180 ? [1 - u, 1 - v] : rotation === 270 ? [v, 1 - u] : [u, v];
  return { x: box.left + fx * (box.right - box.left), y: box.top + fy * (box.bottom - box.top) };
}

/** The box of the PDF view's scroll area on screen, inside its border and scrollbars. */
export async function pdfViewBox(page: Page): Promise<Box> {
  return (await page.evaluate(`(() => {
    const c = document.querySelector('.pdf-container');
    const r = c.getBoundingClientRect();
    const left = r.left + c.clientLeft;
    const top = r.top + c.clientTop;
    return { left, top, right: left + c.clientWidth, bottom: top + c.clientHeight };
  })()`)) as Box;
}

/** How far the PDF view is scrolled, and how far it could be. */
export async function pdfViewScroll(page: Page): Promise<{ left: number; top: number; maxLeft: number; maxTop: number }> {
  return (await page.evaluate(`(() => {
    const c = document.querySelector('.pdf-container');
    return {
      left: c.scrollLeft,
      top: c.scrollTop,
      maxLeft: c.scrollWidth - c.clientWidth,
      maxTop: c.scrollHeight - c.clientHeight,
    };
  })()`)) as { left: number; top: number; maxLeft: number; maxTop: number };
}

/** The screen box of PDF page `n` (its paper, without pdf.js's frame). */
export async function pageBox(page: Page, n: number): Promise<Box> {
  return (await page.evaluate(`(() => {
    const p = document.querySelector('.pdfViewer .page[data-page-number="${n}"]');
    const b = p.getBoundingClientRect();
    const left = b.left + p.clientLeft;
    const top = b.top + p.clientTop;
    return { left, top, right: left + p.clientWidth, bottom: top + p.clientHeight };
  })()`)) as Box;
}

/** How close the point under the middle must stay, in PDF points: under two millimetres of paper. */
const PLACE_TOLERANCE = 4;

/**
 * Wait until `want` is under the middle of the PDF view at `rotation`, then check the page box
 * names its page. Where the view cannot scroll far enough (a page no wider than the view,
 * or only a little wider), it must be scrolled as far as it goes towards the point.
 */
export async function expectPlaceKept(page: Page, rotation: number, want: PagePoint, step: string): Promise<void> {
  await expect
    .poll(async () => {
      const view = await pdfViewBox(page);
      const scroll = await pdfViewScroll(page);
      const paper = await pageBox(page, want.page);
      const pxPerPoint = (paper.right - paper.left) / (rotation % 180 === 0 ? 612 : 792);
      const tolerance = Math.max(1.5, PLACE_TOLERANCE * pxPerPoint);
      const at = onScreen(paper, rotation, want.u, want.v);
      const off = { across: at.x - (view.left + view.right) / 2, down: at.y - (view.top + view.bottom) / 2 };
      // Off the middle is right only when the view is scrolled to the end on the point's side.
      const held = (offset: number, scrolled: number, max: number) =>
        Math.abs(offset) <= tolerance || (offset > 0 ? scrolled >= max - 1 : scrolled <= 1);
      return held(off.across, scroll.left, scroll.maxLeft) && held(off.down, scroll.top, scroll.maxTop)
        ? 'kept'
        : `${off.across.toFixed(1)} px across and ${off.down.toFixed(1)} px down from the middle (tolerance ${tolerance.toFixed(1)} px), ` +
            `scrolled ${scroll.left}/${scroll.maxLeft} across, ${scroll.top}/${scroll.maxTop} down`;
    }, step)
    .toBe('kept');
  await expect(page.getByRole('textbox', { name: 'Page' }), step).toHaveValue(String(want.page));
}

/** Scroll the PDF view by a few pixels, as the reviewer would, and return the new point under the middle. */
export async function scrollView(page: Page, dx: number, dy: number, rotation = 0): Promise<PagePoint> {
  const before = await pointAtCentre(page, rotation);
  await page.evaluate(`document.querySelector('.pdf-container').scrollBy(${dx}, ${dy})`);
  let moved: PagePoint | null = null;
  await expect
    .poll(async () => {
      moved = await pointAtCentre(page, rotation);
      return moved !== null && before !== null && pointsApart(moved, before) > PLACE_TOLERANCE;
    })
    .toBe(true);
  return moved!;
}

/**
 * pdf.js leaves room for a scrollbar and the page's frame when it fits: a fitted page is
 * that much narrower (or shorter) than the view, and no more.
 */
const FIT_SLACK = 64;

/** Wait until page `n` is fitted to the view as `fit` says: inside it, and filling it across (or, for a whole page, one way). */
export async function expectFitted(page: Page, n: number, fit: 'width' | 'page', step: string): Promise<void> {
  await expect
    .poll(async () => {
      const view = await pdfViewBox(page);
      const paper = await pageBox(page, n);
      const spare = {
        across: view.right - view.left - (paper.right - paper.left),
        down: view.bottom - view.top - (paper.bottom - paper.top),
      };
      const inside = paper.left >= view.left - 0.5 && paper.right <= view.right + 0.5;
      const whole = paper.top >= view.top - 0.5 && paper.bottom <= view.bottom + 0.5;
      const fills = fit === 'width' ? spare.across <= FIT_SLACK : spare.across <= FIT_SLACK || spare.down <= FIT_SLACK;
      if (inside && fills && (fit === 'width' || whole)) return 'fitted';
      return `page ${JSON.stringify(paper)} in view ${JSON.stringify(view)}`;
    }, step)
    .toBe('fitted');
}
