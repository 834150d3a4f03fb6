/**
 * Evidence bundles through the UI: build a small case (an imported PDF, a highlight made
 * with the mouse, an allegation linked to it), export the whole case through the dialog,
 * verify it on the Verify screen, then flip one byte of the original PDF inside the ZIP and
 * see verification name that file. Also axe on the export dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, importFiles, test } from './fixtures.ts';
import { openDocument, selectWithMouse, waitForPage } from './viewer-helpers.ts';

test.use({ viewport: { width: 1400, height: 900 } });

const PHRASE = 'the convoy reached the border post at dawn';
// Only in the PDF's content stream: not highlighted, so case.json and the reports do not repeat it.
const UNQUOTED = 'The guards logged every vehicle by hand.';

test('export the case through the dialog, verify it, and see a flipped byte named', async ({ page, app }) => {
  const pdf = app.writePdf('border-report.pdf', {
    info: { title: 'Border post report' },
    pages: [{ lines: ['Monitoring report, 4 May 2024', 'Our observers saw that', PHRASE, UNQUOTED] }],
  });
  await app.open();
  await importFiles(page, app, [pdf]);
  await openDocument(page, 'Border post report');
  await waitForPage(page, 1);
  await selectWithMouse(page, 1, PHRASE);
  await page.getByRole('dialog', { name: 'New highlight' }).getByRole('button', { name: 'Highlight Yellow' }).click();
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);

  // The ledger through the router: the allegation UI has its own tests.
  const router = app.kase.services.router;
  const unwrap = async <T>(channel: string, args: unknown): Promise<T> => {
    const env = await router.call(channel, args);
    if (!env.ok) throw new Error(env.error.message);
    return env.value as T;
  };
  const allegation = await unwrap<{ allegationId: string }>('allegations.create', {
    title: 'The convoy crossed without inspection',
  });
  const [highlight] = await unwrap<{ highlightId: string }[]>('highlights.list', {});
  await unwrap('links.create', {
    highlightId: highlight!.highlightId,
    allegationId: allegation.allegationId,
    stance: 'supports',
  });

  // The scope choices, and axe on them, before exporting the whole case.
  await page.keyboard.press('Control+e');
  const exporter = page.getByRole('dialog', { name: 'Export evidence bundle' });
  await expect(exporter).toBeVisible();
  await exporter.getByRole('radio', { name: /Only the allegations and documents/ }).check();
  await expect(exporter.getByRole('checkbox', { name: /The convoy crossed without inspection/ })).toBeVisible();
  await expect(exporter.getByRole('button', { name: 'Export…' })).toBeDisabled();
  await exporter.getByRole('checkbox', { name: 'Border post report' }).check();
  await expect(exporter.getByRole('button', { name: 'Export…' })).toBeEnabled();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious, `export dialog (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await app.snap('export-dialog-selection');

  // A cancelled save dialog leaves the choices as they were.
  await exporter.getByRole('radio', { name: 'The whole case' }).check();
  await exporter.getByRole('button', { name: 'Export…' }).click();
  await expect(exporter.getByRole('radio', { name: 'The whole case' })).toBeChecked();

  const out = path.join(app.inputDir, 'handover.zip');
  app.saveBundleAs(out);
  await exporter.getByRole('button', { name: 'Export…' }).click();
  const done = page.getByRole('dialog', { name: 'Bundle exported' });
  await expect(done).toContainText(out);
  await expect(done.getByRole('status')).toContainText(/Exported \d+ evidence files, [\d.]+ (KB|MB) in all/);
  expect(fs.existsSync(out)).toBe(true);
  expect(app.suggestedBundleNames.at(-1)).toMatch(/ bundle \d{4}-\d{2}-\d{2}\.zip$/);
  await app.snap('export-done');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(done).toBeHidden();

  // Verify from the File menu.
  await app.menu('verify-bundle');
  const verifier = page.getByRole('dialog', { name: 'Verify evidence bundle' });
  app.chooseBundle(out);
  await verifier.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(verifier.getByRole('status')).toHaveText(/Bundle verified: \d+ files, signature and audit chain intact/);
  await app.snap('verify-ok');

  // PDFs are stored uncompressed: flip one byte of a sentence in the original's own entry.
  const zip = fs.readFileSync(out);
  const entry = zip.indexOf('data/originals/');
  const at = zip.indexOf(UNQUOTED, entry);
  expect(entry).toBeGreaterThan(-1);
  expect(at).toBeGreaterThan(entry);
  zip.writeUInt8(zip.readUInt8(at) ^ 0x01, at);
  fs.writeFileSync(out, zip);

  app.chooseBundle(out);
  await verifier.getByRole('button', { name: 'Verify another…' }).click();
  const problems = verifier.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await expect(problems.first()).toBeVisible();
  await expect(problems.filter({ hasText: /data\/originals\/[^ ]*border-report\.pdf/ })).not.toHaveCount(0);
  await expect(verifier.getByRole('alert')).toContainText('failed verification');
  await app.snap('verify-failed');
});

test("the export dialog says when a letter's rendition cannot draw some of its characters", async ({ page, app }) => {
  await app.open();
  await importFiles(page, app, [app.writeFile('beijing.txt', 'Reply from the \u5317\u4eac office: we deny it.\n')]);
  const router = app.kase.services.router;
  const env = await router.call('documents.list', {});
  if (!env.ok) throw new Error(env.error.message);
  const [letter] = env.value as { documentId: string }[];
  const made = await router.call('highlights.create', {
    documentId: letter!.documentId,
    targets: [{ page: 1, quote: 'we deny it' }],
  });
  expect(made.ok).toBe(true);

  await page.keyboard.press('Control+e');
  const out = path.join(app.inputDir, 'letter-bundle.zip');
  app.saveBundleAs(out);
  await page.getByRole('dialog', { name: 'Export evidence bundle' }).getByRole('button', { name: 'Export…' }).click();
  const done = page.getByRole('dialog', { name: 'Bundle exported' });
  await expect(done.getByRole('list', { name: 'Warnings' }).getByRole('listitem')).toHaveText([
    /^beijing\.txt: its typeset rendition \(data\/annotated\/\w{12}-beijing\.txt\.rendition\.pdf\) shows 2 character\(s\) its fonts lack/,
  ]);
  await app.snap('export-warning');
});
