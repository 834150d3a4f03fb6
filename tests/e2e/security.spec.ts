/**
 * The page runs under the app's CSP and produces no console errors or policy
 * violations through a full import-and-search session.
 */
import { CSP_HEADER, CSP_META } from '../../shared/csp.ts';
import { expect, importFiles, test } from './fixtures.ts';

test('a full session runs under the CSP without console errors or violations', async ({ page, app }) => {
  const pdf = app.writePdf('report.pdf', {
    info: { title: 'Incident report' },
    pages: [{ lines: ['The alarm sounded at 02:14.'] }],
  });
  const response = page.waitForResponse((r) => r.url().endsWith('/'));
  await app.open();
  expect((await response).headers()['content-security-policy']).toBe(CSP_HEADER);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);

  await importFiles(page, app, [pdf, app.writeFile('broken.pdf', '%PDF-1.7 truncated')]);
  const search = page.getByRole('searchbox', { name: 'Search the case' });
  await search.fill('alarm');
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'Search results' }).locator('mark')).toHaveText(['alarm']);

  // The bridge is the only way out: the page holds no Node or Electron handles.
  const globals = await page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return { require: typeof g.require, process: typeof g.process, ipc: typeof g.ipcRenderer, exhibit: typeof g.exhibit };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipc: 'undefined', exhibit: 'object' });
  expect(app.problems).toEqual([]);
});
