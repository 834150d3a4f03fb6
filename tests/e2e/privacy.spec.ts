/**
 * Nothing leaves the app from the interface: through a whole session — import, open a PDF
 * that links to a web address, search, highlight, follow the link (handed to the host,
 * never fetched), export a bundle — every request the page makes goes to the app's own
 * origin. Here that origin is the test host's http://127.0.0.1:<port> (in Electron it is
 * app://exhibit); the engine is reached through a Playwright binding (in Electron, IPC),
 * which is no network request at all. Anything else is recorded and refused.
 */
import path from 'node:path';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1400, height: 900 } });

const ADDRESS = 'https://example.org/evidence/logs?case=17';
const PHRASE = 'two journalists were infected';

test('a review session makes no request outside the app', async ({ page, context, app, server }) => {
  const requests: string[] = [];
  const refused: string[] = [];
  const sockets: string[] = [];
  // Every request of every page, frame and worker in the context passes here first.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === server.origin) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  // The check can fail: a request that leaves is caught and refused (a navigation, which no CSP stops).
  const probe = await context.newPage();
  await probe.goto('https://example.org/').catch(() => undefined);
  await probe.close();
  expect(refused).toEqual(['https://example.org/']);
  refused.length = 0;

  page.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => sockets.push(ws.url()));
  context.on('serviceworker', (w) => sockets.push(`service worker ${w.url()}`));

  const pdf = app.writePdf('report.pdf', {
    info: { title: 'NGO report' },
    pages: [
      {
        lines: [`Phones of ${PHRASE} with spyware.`, 'The logs are published online.'],
        links: [{ rect: [70, 700, 330, 714], uri: ADDRESS }],
      },
    ],
  });
  await app.open();
  await importFiles(page, app, [pdf]);
  await openDocument(page, 'NGO report');
  await waitForPage(page, 1);

  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill('journalists');
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'Search results' }).locator('mark')).toHaveText(['journalists']);

  await selectWithMouse(page, 1, PHRASE);
  await page.getByRole('dialog', { name: 'New highlight' }).getByRole('button', { name: 'Highlight Yellow' }).click();
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);

  // The link goes to the host (the system browser in Electron), after asking; the page fetches nothing.
  await page.locator(`.pdfViewer .page[data-page-number="1"] .annotationLayer a[href="${ADDRESS}"]`).click();
  const ask = page.getByRole('dialog', { name: 'Open this link outside Exhibit?' });
  await ask.getByRole('button', { name: 'Open in browser' }).click();
  await expect.poll(() => app.openedExternally).toEqual([ADDRESS]);

  const out = path.join(app.inputDir, 'bundle.zip');
  app.saveBundleAs(out);
  await page.keyboard.press('Control+e');
  const exporter = page.getByRole('dialog', { name: 'Export evidence bundle' });
  await exporter.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Bundle exported' })).toContainText(out);

  // The session did load things, all from the app: the page, its scripts, pdf.js and the original.
  expect(requests.some((u) => u.startsWith(`${server.origin}/original/`))).toBe(true);
  const elsewhere = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== server.origin);
  expect({ elsewhere, refused, sockets }).toEqual({ elsewhere: [], refused: [], sockets: [] });
});
