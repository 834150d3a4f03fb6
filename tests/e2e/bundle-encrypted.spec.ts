/**
 * Importing a bundle that holds an encrypted PDF, in the app. A bundle carries its PDFs'
 * pages, so it merges without a word about passwords and its highlight keeps its boxes. A
 * bundle from an earlier Exhibit does not, so the import dialog asks for the PDF's password,
 * naming the document (and no command-line option): Cancel and a wrong password write
 * nothing, the right one imports. The password screens pass axe in light and dark and are
 * photographed into the test's output folder for a look.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { resealBundle } from '../fixtures/reseal.ts';
import { expect, test, type AppFixture } from './fixtures.ts';

const LETTER = fileURLToPath(new URL('../fixtures/geometry/libreoffice.pdf', import.meta.url));
const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;
const QUOTE = 'We categorically reject the suggestion';

test.skip(!hasQpdf, 'needs qpdf to make an encrypted PDF');
test.use({ viewport: { width: 1280, height: 900 } });

async function noSeriousViolations(page: Page, app: AppFixture, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
    expect(serious, `${screen} (${colorScheme})`).toEqual([]);
    await app.snap(`${screen.replace(/\W+/g, '-')}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * The reviewer's own bundle from another case (signed with their key, so no signer question):
 * the letter encrypted, imported there with its password, one passage highlighted and linked.
 * Returns the highlight's boxes there.
 */
async function lockedBundle(app: AppFixture, out: string): Promise<string> {
  // Inside the test's own folder, which goes with it.
  const dir = path.join(app.kase.dir, 'other case');
  const locked = path.join(app.kase.dir, 'letter-locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', LETTER, locked]);
  const s = openServices({
    caseDir: dir,
    create: true,
    pool: { size: 1 },
    actor: () => 'R. Okafor',
    configDir: app.configDir,
    dataDir: path.join(app.kase.dir, 'other data'),
    rememberCase: false,
    backup: false,
  });
  try {
    const [doc] = await callTyped(s.router, 'import.start', { jobId: 'l', paths: [locked], password: 'user-pw' });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: doc!.documentId!,
      targets: [{ page: 1, quote: QUOTE }],
    });
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Staff installed the software' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'denies' });
    await callTyped(s.router, 'bundle.export', { path: out });
    return JSON.stringify(h.targets.map((t) => t.rects));
  } finally {
    await s.close();
  }
}

test('a bundle holding an encrypted PDF imports without asking for its password', async ({ page, app }) => {
  const bundle = path.join(app.inputDir, 'locked.zip');
  const rects = await lockedBundle(app, bundle);
  await app.open();

  await page.keyboard.press('Control+Shift+B');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(importer.getByRole('status').filter({ hasText: 'Merged into this case' })).toContainText('1 new document');
  await expect(importer).not.toContainText(/password/i);
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody th')).toHaveText([/^letter-locked/]);

  const router = app.kase.services.router;
  const [doc] = await callTyped(router, 'documents.list', {});
  const [h] = await callTyped(router, 'highlights.list', { documentId: doc!.documentId });
  expect(h!.targets.map((t) => [t.anchor, t.quote.exact])).toEqual([['ok', QUOTE]]);
  expect(JSON.stringify(h!.targets.map((t) => t.rects))).toBe(rects);
  expect((await callTyped(router, 'search.query', { query: 'categorically' })).total).toBe(1);
});

test('an older bundle’s encrypted PDF is asked for by name: Cancel and a wrong password write nothing, the right one imports', async ({
  page,
  app,
}) => {
  const carrying = path.join(app.inputDir, 'carrying.zip');
  await lockedBundle(app, carrying);
  // As an earlier Exhibit wrote it: no carried pages, so the PDF itself must be opened.
  const bundle = path.join(app.inputDir, 'older.zip');
  await resealBundle(carrying, bundle, reviewerKey(app.configDir), {
    files: (files) => {
      for (const name of [...files.keys()]) if (name.startsWith('data/pages/')) files.delete(name);
    },
  });
  const router = app.kase.services.router;
  const auditRows = (await callTyped(router, 'audit.verify', {})).rows;
  const unchanged = async () => {
    expect(await callTyped(router, 'documents.list', {})).toEqual([]);
    expect(await callTyped(router, 'allegations.list', {})).toEqual([]);
    expect((await callTyped(router, 'audit.verify', {})).rows).toBe(auditRows);
    expect(fs.readdirSync(app.kase.services.store.dir).filter((f) => f.startsWith('.staging-'))).toEqual([]);
  };
  await app.open();

  await page.keyboard.press('Control+Shift+B');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  const asked = importer.getByRole('form', { name: 'Document password' });
  const field = asked.getByLabel('Password for “letter-locked”');
  const submit = importer.getByRole('button', { name: 'Import with password' });
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(asked.getByRole('heading')).toHaveText('“letter-locked” is an encrypted PDF');
  await expect(asked).toContainText('does not carry the text of this document’s pages');
  await expect(asked).toContainText('Nothing has been imported yet.');
  await expect(importer).not.toContainText('--');
  await expect(importer).not.toContainText(/command/i);
  await expect(field).toBeFocused();
  await expect(submit).toBeDisabled();
  await noSeriousViolations(page, app, 'bundle password asked');
  await unchanged();

  // Cancel: nothing written.
  await importer.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(importer.getByRole('status')).toHaveText(
    'The import was cancelled. Nothing was imported; this case is unchanged.',
  );
  await unchanged();

  // A wrong password is said, and asked again.
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Import again…' }).click();
  await field.fill('not-it');
  await field.press('Enter');
  await expect(asked.getByRole('alert')).toHaveText(
    'That password does not open “letter-locked”. Nothing was imported; try again.',
  );
  await expect(field).toHaveValue('');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await noSeriousViolations(page, app, 'bundle password wrong');
  await unchanged();

  // The right one imports the letter with its highlight and link.
  await field.fill('user-pw');
  await submit.click();
  await expect(importer.getByRole('status').filter({ hasText: 'Merged into this case' })).toContainText('1 new document');
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody th')).toHaveText([/^letter-locked/]);
  const [doc] = await callTyped(router, 'documents.list', {});
  const [h] = await callTyped(router, 'highlights.list', { documentId: doc!.documentId });
  expect(h!.targets.map((t) => [t.anchor, t.quote.exact])).toEqual([['ok', QUOTE]]);
  expect(await callTyped(router, 'links.list', { highlightId: h!.highlightId })).toHaveLength(1);
});
