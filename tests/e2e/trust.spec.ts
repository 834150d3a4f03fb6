/**
 * Trusted signers in the interface: the screen with your own key and the case's list (add,
 * grouped fingerprints, remove after asking), and Import Bundle stopping at a bundle from an
 * untrusted key, naming it: Cancel leaves the case as it was, "Import and trust" merges it
 * and the key joins the list. Each new screen passes axe in light and dark and is
 * photographed into /tmp for a look.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { writeSettings } from '../../electron/services/case/settings.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { groupFingerprint } from '../../shared/fingerprint.ts';
import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 1280, height: 860 } });

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
    expect(serious, `${screen} (${colorScheme})`).toEqual([]);
    await page.screenshot({ path: path.join(os.tmpdir(), `exhibit-${screen.replace(/\W+/g, '-')}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A bundle from a colleague whose key this case has never seen; returns their key's fingerprint. */
async function strangerBundle(out: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-stranger-'));
  const configDir = path.join(dir, 'config');
  writeSettings({ reviewerName: 'J. Stranger' }, configDir);
  const s = openServices({
    caseDir: path.join(dir, 'their case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'J. Stranger',
    configDir,
    dataDir: path.join(dir, 'data'),
    rememberCase: false,
  });
  try {
    const letter = path.join(dir, 'field-note.txt');
    fs.writeFileSync(letter, 'The convoy passed the checkpoint at dawn.');
    await callTyped(s.router, 'import.start', { jobId: 'j', paths: [letter] });
    await callTyped(s.router, 'allegations.import', { text: '- The convoy crossed at dawn' });
    await callTyped(s.router, 'bundle.export', { path: out });
    return reviewerKey(configDir).fingerprint;
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the Trusted signers screen shows your key, adds a signer with a grouped fingerprint and removes one after asking', async ({
  page,
  app,
}) => {
  await app.open();
  const mine = reviewerKey(app.configDir).fingerprint;
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Trusted signers');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+K');
  const screen = page.getByRole('dialog', { name: 'Trusted signers' });
  await expect(screen.getByLabel('Your key fingerprint')).toHaveText(groupFingerprint(mine));
  await expect(screen.getByText('No other keys yet.')).toBeVisible();
  await screen.getByRole('button', { name: 'Copy fingerprint' }).click();
  await expect(screen.getByRole('status')).toHaveText('Your fingerprint was copied.');
  expect(app.copied).toEqual([mine]);

  // A fingerprint typed wrong is refused with the reason; nothing is added.
  const fingerprint = screen.getByRole('textbox', { name: 'Fingerprint' });
  await fingerprint.fill('1a2b 3c4d');
  await screen.getByRole('textbox', { name: 'Name' }).fill('Field office');
  await screen.getByRole('button', { name: 'Add trusted signer' }).click();
  await expect(screen.getByText(/"1a2b 3c4d" is not a key fingerprint: it has 8 hexadecimal digits/)).toBeVisible();
  await expect(fingerprint).toHaveAttribute('aria-invalid', 'true');
  expect(await callTyped(app.kase.services.router, 'trust.list', {})).toHaveLength(1);

  // Pasted with colons and in capitals: stored as 64 digits, shown in groups of four.
  const colleague = 'c0ffee00'.repeat(8);
  await fingerprint.fill(colleague.toUpperCase().match(/../g)!.join(':'));
  await screen.getByRole('button', { name: 'Add trusted signer' }).click();
  const list = screen.getByRole('list', { name: 'Trusted signers' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('Field office');
  await expect(list.getByLabel("Field office's key fingerprint")).toHaveText(groupFingerprint(colleague));
  await expect(screen.getByRole('status')).toHaveText('Field office is now a trusted signer.');
  await expect(fingerprint).toHaveValue('');
  await noSeriousViolations(page, 'trusted signers');

  await list.getByRole('button', { name: 'Remove Field office…' }).click();
  const confirm = screen.getByRole('alert').filter({ hasText: 'Stop trusting' });
  await expect(confirm).toContainText('Stop trusting Field office?');
  await expect(confirm.getByRole('button', { name: 'Remove Field office' })).toBeFocused();
  await noSeriousViolations(page, 'trusted signers remove');
  await confirm.getByRole('button', { name: 'Remove Field office' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(screen.getByRole('status')).toHaveText('Field office is no longer trusted.');
  const audit = app.kase.services.store.db
    .prepare(`SELECT action, entity_id FROM audit WHERE entity = 'signer' ORDER BY seq`)
    .all();
  expect(audit).toEqual([
    { action: 'trust.add', entity_id: colleague },
    { action: 'trust.remove', entity_id: colleague },
  ]);
  await screen.getByRole('button', { name: 'Close' }).last().click();
  await expect(screen).toBeHidden();

  // The Case menu item opens the same screen.
  await app.menu('show-trusted-signers');
  await expect(screen).toBeVisible();
});

test('Import Bundle names an untrusted signer: Cancel changes nothing, Import and trust merges and lists the key', async ({
  page,
  app,
}) => {
  const bundle = path.join(app.inputDir, 'stranger.zip');
  const stranger = await strangerBundle(bundle);
  const router = app.kase.services.router;
  const before = { documents: await callTyped(router, 'documents.list', {}), audit: await callTyped(router, 'audit.verify', {}) };
  const staging = () => fs.readdirSync(app.kase.services.store.dir).filter((f) => f.startsWith('.staging-'));
  await app.open();

  // Verify Bundle shows the signer apart from the integrity result.
  await page.keyboard.press('Control+Shift+E');
  const verifier = page.getByRole('dialog', { name: 'Verify evidence bundle' });
  app.chooseBundle(bundle);
  await verifier.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(verifier.getByRole('status')).toContainText('Bundle verified');
  const signer = verifier.getByRole('region', { name: 'Signer' });
  await expect(signer.getByLabel('Key fingerprint')).toHaveText(groupFingerprint(stranger));
  await expect(signer).toContainText('Not a key this case trusts');
  await expect(signer).toContainText('The bundle claims to come from J. Stranger');
  await noSeriousViolations(page, 'verify untrusted signer');
  await verifier.getByRole('button', { name: 'Close' }).last().click();

  await page.keyboard.press('Control+Shift+B');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  const question = importer.getByRole('region', { name: 'Signer' });
  await expect(question).toContainText('Signed by a key this case does not trust');
  await expect(question.getByLabel('Key fingerprint')).toHaveText(groupFingerprint(stranger));
  await expect(question).toContainText('The bundle claims to come from J. Stranger, which anyone making a bundle can write.');
  await expect(importer.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await noSeriousViolations(page, 'import untrusted signer');

  await importer.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(importer.getByRole('status')).toHaveText(
    'The import was cancelled. Nothing was imported; this case is unchanged.',
  );
  expect(await callTyped(router, 'documents.list', {})).toEqual(before.documents);
  expect(await callTyped(router, 'audit.verify', {})).toEqual(before.audit);
  expect(staging()).toEqual([]);

  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Import again…' }).click();
  const name = question.getByRole('textbox', { name: 'Trust this key from now on as' });
  await expect(name).toHaveValue('J. Stranger');
  await name.fill('J. Stranger (fingerprint read out by phone)');
  await importer.getByRole('button', { name: 'Import and trust' }).click();
  await expect(importer.getByRole('status').filter({ hasText: 'Merged into this case' })).toContainText('1 new document');
  await expect(importer).toContainText('J. Stranger (fingerprint read out by phone) is now a trusted signer');
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Documents' }).locator('tbody th')).toHaveText([/^field-note/]);

  await page.keyboard.press('Control+Shift+K');
  const list = page.getByRole('dialog', { name: 'Trusted signers' }).getByRole('list', { name: 'Trusted signers' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('J. Stranger (fingerprint read out by phone)');
  await expect(list.getByLabel(/key fingerprint/)).toHaveText(groupFingerprint(stranger));
});
