/**
 * PDFs that need pdf.js's character maps (CJK fonts) and standard font data render and
 * expose their text in the viewer, loading those files from the app's own origin.
 * Uses the pdf.js corpus beside the repo; skipped with a message where it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1600, height: 1000 } });

const corpus = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const cases = [
  { file: 'issue16538.pdf', phrase: 'ボラティリティ' },
  { file: 'issue12823.pdf', phrase: '描述团队的共同目标' },
];

for (const { file, phrase } of cases) {
  test(`${file}: CJK text is painted and selectable`, async ({ page, app }) => {
    test.skip(
      !fs.existsSync(path.join(corpus, file)),
      `${corpus} not found: the pdf.js corpus sits beside the repo in the development workplace only`,
    );
    const copy = app.writeFile(file, fs.readFileSync(path.join(corpus, file)));
    await app.open();
    await importFiles(page, app, [copy]);
    await openDocument(page, path.basename(file, '.pdf'));
    await waitForPage(page, 1);
    const layer = page.locator('.pdfViewer .page[data-page-number="1"] .textLayer');
    await expect.poll(async () => (await layer.innerText()).replace(/\s+/g, '')).toContain(phrase);
  });
}
