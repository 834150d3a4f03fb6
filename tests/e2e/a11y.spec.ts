/**
 * Accessibility: axe-core on the main screens, in light and dark, with no serious or
 * critical violations. Each failure names the rule, the element and what axe says.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
}

async function check(page: Page, screen: string, snap: (name: string) => Promise<string>): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `${screen} (${colorScheme})`).toEqual([]);
    await snap(`${screen.replace(/\W+/g, '-')}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the main screens have no serious or critical axe violations', async ({ page, app }) => {
  const report = app.writePdf('report.pdf', {
    info: { title: 'Incident report' },
    pages: [{ lines: ['The alarm sounded at 02:14.'] }, { lines: ['Second page.'] }],
  });
  const scan = app.writePdf('scan.pdf', { info: { title: 'Scanned envelope' }, pages: [{ lines: [] }] });
  const note = app.writeFile('call-note.txt', 'Call with the harbour master about the alarm.');

  await app.open();
  await expect(page.getByRole('region', { name: 'New to Exhibit?' })).toBeVisible();
  await check(page, 'empty case with the sample offer', app.snap);

  await importFiles(page, app, [report, scan, note]);
  await page
    .getByRole('table', { name: 'Documents' })
    .getByRole('row', { name: /Scanned envelope/ })
    .getByRole('cell')
    .first()
    .click();
  await expect(page.getByRole('group', { name: 'Selected document' })).toBeVisible();
  await check(page, 'library with documents and import results', app.snap);

  await page.getByRole('button', { name: 'Incident report', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Open document' }).getByRole('heading', { name: 'Incident report' }),
  ).toBeVisible();
  await check(page, 'a document open', app.snap);

  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await check(page, 'the shortcut panel', app.snap);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Case/ }).click();
  await expect(page.getByRole('group', { name: 'Switch case' })).toBeVisible();
  await check(page, 'the case switcher', app.snap);
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: 'Selected document' }).getByRole('button', { name: 'Provenance…' }).click();
  await expect(page.getByRole('dialog', { name: /^Provenance/ })).toBeVisible();
  await check(page, 'the provenance form', app.snap);
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: 'Selected document' }).getByRole('button', { name: 'Remove…' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Remove document from the case?' })).toBeVisible();
  await check(page, 'the remove confirmation', app.snap);
});
