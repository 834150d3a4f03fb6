/**
 * Bundle jobs through the UI, on the real engine: an export shows its steps and can be
 * cancelled (the Cancel button or Escape) leaving no file, then runs to the end; a bundle
 * exported from another case is imported through File > Import Bundle… and its documents,
 * allegations and links appear in the library, on the board and in the evidence matrix
 * without a reload; a tampered bundle is shown with its problems and nothing is imported;
 * a large import can be cancelled (the button or Escape) leaving the case unchanged, then
 * runs to the end. Axe checks the dialogs in each state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { callTyped, type Router } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';
import { resealBundle } from '../fixtures/reseal.ts';
import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 1400, height: 900 } });

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`));
    expect(serious, `${screen} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A patrol log of `pages` pages, each line naming a vehicle no other line names. */
const patrolLog = (n: number, pages: number) =>
  buildPdf({
    info: { title: `Patrol log ${n}` },
    pages: Array.from({ length: pages }, (_, p) => ({
      lines: Array.from({ length: 30 }, (_, l) => `Entry ${p}-${l}: the patrol logged vehicle ${n}x${p}x${l} at the north gate.`),
    })),
  });

/**
 * Enough work that an export takes a noticeable while (a few seconds here, so Cancel is
 * clicked while it runs): three 150-page logs with 15 highlighted passages on every page,
 * all of which go into annotated copies.
 */
const PAGES = 150;

async function busyCase(router: Router, dir: string): Promise<void> {
  const files = [1, 2, 3].map((n) => {
    const file = path.join(dir, `patrol-log-${n}.pdf`);
    fs.writeFileSync(file, patrolLog(n, PAGES));
    return file;
  });
  const docs = await callTyped(router, 'import.start', { jobId: 'setup', paths: files });
  for (const [d, doc] of docs.entries()) {
    for (let p = 0; p < PAGES; p++) {
      await callTyped(router, 'highlights.create', {
        documentId: doc.documentId!,
        targets: Array.from({ length: 15 }, (_, l) => ({ page: p + 1, quote: `vehicle ${d + 1}x${p}x${l} at the north gate` })),
      });
    }
  }
}

test('an export shows its steps, can be cancelled without leaving a file, and then completes', async ({ page, app }) => {
  await busyCase(app.kase.services.router, app.inputDir);
  await app.open();
  const out = path.join(app.inputDir, 'out', 'patrol.zip');
  fs.mkdirSync(path.dirname(out));

  await page.keyboard.press('Control+e');
  const exporter = page.getByRole('dialog', { name: 'Export evidence bundle' });
  const progress = exporter.getByRole('status').filter({ has: page.getByRole('progressbar', { name: 'Export progress' }) });
  const cancelled = exporter.getByRole('status').filter({ hasText: 'The export was cancelled' });

  // Cancelled with the button, while its steps are showing.
  app.saveBundleAs(out);
  await exporter.getByRole('button', { name: 'Export…' }).click();
  await expect(progress).toContainText(/Step [1-6] of 6/);
  await expect(exporter.getByRole('radio', { name: 'The whole case' })).toBeDisabled();
  await app.snap('export-progress');
  // The button holds still while the steps count on: the element marked now is the one clicked after the text changed.
  const cancelButton = exporter.getByRole('button', { name: 'Cancel export' });
  await cancelButton.evaluate((el: object) => void Object.assign(el, { markedBeforeProgress: true }));
  // Taken while the first PDF is drawn, so the change awaited comes with two still to do.
  await expect(progress).toContainText(/1 of 3 PDFs .*highlights drawn/, { timeout: 60_000 });
  const said = await progress.textContent();
  await expect(progress).not.toHaveText(said ?? '', { timeout: 60_000 });
  expect(await cancelButton.evaluate((el: object) => 'markedBeforeProgress' in el)).toBe(true);
  await cancelButton.click();
  await expect(cancelled).toHaveText(`The export was cancelled; nothing was written to ${out}.`);
  await expect(progress).toBeHidden();
  expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  // The dialog's own Close, not the × in its title bar.
  await expect(exporter.locator('.modal-actions').getByRole('button', { name: 'Close' })).toBeFocused();
  await noSeriousViolations(page, 'export cancelled');
  await app.snap('export-cancelled');

  // Cancelled with Escape: the dialog stays to say so.
  app.saveBundleAs(out);
  await exporter.getByRole('button', { name: 'Export again…' }).click();
  await expect(progress).toBeVisible();
  await expect(exporter.getByRole('button', { name: 'Cancel export' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cancelled).toBeVisible();
  expect(fs.readdirSync(path.dirname(out))).toEqual([]);

  // Run to the end: the steps are named as they go, then the result.
  app.saveBundleAs(out);
  await exporter.getByRole('button', { name: 'Export again…' }).click();
  await expect(progress).toContainText(/Step [1-6] of 6/);
  const done = page.getByRole('dialog', { name: 'Bundle exported' });
  await expect(done.getByRole('status')).toContainText(/Exported \d+ evidence files/, { timeout: 30_000 });
  await expect(done.getByRole('button', { name: 'Done' })).toBeFocused();
  expect(fs.readdirSync(path.dirname(out))).toEqual(['patrol.zip']);
  expect(await callTyped(app.kase.services.router, 'bundle.verify', { path: out })).toMatchObject({ ok: true });
});

const FINDING = 'two journalists were infected with spyware';

/** A colleague's case: a report with a passage linked to an allegation, and a letter; exported as a bundle. */
async function colleagueBundle(out: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-colleague-'));
  const s = openServices({
    caseDir: path.join(dir, 'colleague case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'A. Colleague',
    configDir: path.join(dir, 'config'),
    dataDir: path.join(dir, 'data'),
    rememberCase: false,
  });
  try {
    const report = path.join(dir, 'forensic-report.pdf');
    fs.writeFileSync(report, buildPdf({ info: { title: 'Forensic report' }, pages: [{ lines: ['We found that', FINDING] }] }));
    const letter = path.join(dir, 'letter.txt');
    fs.writeFileSync(letter, 'We deny any involvement.');
    const [doc] = await callTyped(s.router, 'import.start', { jobId: 'c', paths: [report, letter] });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: doc!.documentId!,
      targets: [{ page: 1, quote: FINDING }],
    });
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted with spyware' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
    await callTyped(s.router, 'bundle.export', { path: out });
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The reviewer trusts the colleague's key (checked by phone, say), so their bundles import without asking. */
async function trustSignerOf(router: Router, bundle: string): Promise<void> {
  const { signer } = await callTyped(router, 'bundle.verify', { path: bundle });
  await callTyped(router, 'trust.add', { fingerprint: signer!.fingerprint, name: 'A. Colleague' });
}

test('a bundle from another case is verified, merged and shown in the library, board and matrix', async ({ page, app }) => {
  const bundle = path.join(app.inputDir, 'colleague.zip');
  await colleagueBundle(bundle);
  // This case already has its own A1 and the colleague's letter, byte for byte.
  const router = app.kase.services.router;
  await trustSignerOf(router, bundle);
  await callTyped(router, 'allegations.create', { title: 'Export licences were misused', code: 'A1' });
  await callTyped(router, 'import.start', { jobId: 'own', paths: [app.writeFile('letter.txt', 'We deny any involvement.')] });
  await app.open();

  // The board and the matrix are open before the import, so they must update in place.
  await page.keyboard.press('Control+Shift+A');
  const board = page.getByRole('list', { name: 'Allegations' });
  await expect(board.getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+M');
  const library = page.getByRole('table', { name: 'Documents' });
  await expect(library.locator('tbody th')).toHaveText(['letter']);

  await app.menu('import-bundle');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  await expect(importer).toContainText('The bundle is verified first; if any check fails, nothing is imported.');
  await noSeriousViolations(page, 'import bundle, before choosing');
  await app.snap('import-idle');

  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(importer.getByRole('status').filter({ hasText: 'Bundle verified' })).toContainText(
    /Bundle verified: \d+ files, signature and audit chain intact/,
  );
  const merged = importer.getByRole('status').filter({ hasText: 'Merged into this case' });
  await expect(merged).toHaveText('✓ Merged into this case: 1 new document, 1 new allegation, one conflict');
  const counts = importer.getByRole('table', { name: 'What the merge did' });
  const row = (kind: string) => counts.getByRole('row', { name: new RegExp(`^${kind}`) }).getByRole('cell');
  await expect(row('Documents')).toHaveText(['1', '–', '1']);
  await expect(row('Allegations')).toHaveText(['1', '0', '0']);
  await expect(row('Highlights')).toHaveText(['1', '0', '0']);
  await expect(row('Links')).toHaveText(['1', '0', '0']);
  await expect(importer.getByRole('list', { name: 'Conflicts' }).getByRole('listitem')).toHaveText([
    'A1 "Export licences were misused": the bundle\'s older allegation "Journalists were targeted with spyware" is A1 too, so this one is now A1-2',
  ]);
  await expect(importer).toContainText('The merge is recorded in this case’s audit log');
  await expect(importer.getByRole('button', { name: 'Done' })).toBeFocused();
  await noSeriousViolations(page, 'import bundle, merged');
  await app.snap('import-merged');
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(importer).toBeHidden();

  // No reload: the library, the board and the matrix show what came in.
  await expect(library.locator('tbody th')).toHaveText([/^Forensic report/, /^letter/]);
  await expect(board.getByRole('listitem')).toHaveCount(2);
  // The colleague's allegation is the older one, so it keeps A1 and this case's own becomes A1-2.
  await expect(board.getByRole('button', { name: /^A1 .*1 supports/ })).toBeVisible();
  await expect(board.getByRole('button', { name: /^A1-2 .*Export licences were misused/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'A1 in Forensic report: 1 supports' })).toBeVisible();
  const audit = await callTyped(router, 'audit.verify', {});
  expect(audit.ok).toBe(true);
});

test('a tampered bundle shows its problems and nothing is imported', async ({ page, app }) => {
  const bundle = path.join(app.inputDir, 'colleague.zip');
  await colleagueBundle(bundle);
  // PDFs are stored uncompressed: flip one byte of the finding in the original's entry.
  const zip = fs.readFileSync(bundle);
  const at = zip.indexOf(FINDING, zip.indexOf('data/originals/'));
  expect(at).toBeGreaterThan(-1);
  zip.writeUInt8(zip.readUInt8(at) ^ 0x01, at);
  fs.writeFileSync(bundle, zip);
  await app.open();

  await page.keyboard.press('Control+Shift+B');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  const failed = importer.getByRole('alert');
  await expect(failed).toContainText('The bundle failed verification');
  await expect(failed.getByRole('list', { name: 'Problems' }).getByRole('listitem').first()).toContainText(
    /data\/originals\/[^ ]*forensic-report\.pdf/,
  );
  await expect(failed).toContainText('Nothing was imported; this case is unchanged.');
  await expect(importer.getByRole('button', { name: 'Choose another…' })).toBeFocused();
  await noSeriousViolations(page, 'import bundle, failed verification');
  await app.snap('import-rejected');

  const router = app.kase.services.router;
  expect(await callTyped(router, 'documents.list', {})).toEqual([]);
  expect(await callTyped(router, 'allegations.list', {})).toEqual([]);
  await importer.locator('.modal-actions').getByRole('button', { name: 'Close' }).click();
  await expect(importer).toBeHidden();
});

/**
 * Eight 100-page patrol logs exported from another case, as an earlier Exhibit wrote them:
 * without their pages (a bundle now carries them, and its import opens no PDF), so each is
 * extracted again on import and the import's documents step lasts well over a second here
 * (longer on a loaded machine, where the test's own clicks slow down too), leaving ample
 * time to cancel it.
 */
async function patrolBundle(out: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-patrols-'));
  const s = openServices({
    caseDir: path.join(dir, 'patrol case'),
    create: true,
    pool: { size: 2 },
    actor: () => 'A. Colleague',
    configDir: path.join(dir, 'config'),
    dataDir: path.join(dir, 'data'),
    rememberCase: false,
  });
  try {
    const files = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const file = path.join(dir, `patrol-log-${n}.pdf`);
      fs.writeFileSync(file, patrolLog(n, 100));
      return file;
    });
    const [first] = await callTyped(s.router, 'import.start', { jobId: 'p', paths: files });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: first!.documentId!,
      targets: [{ page: 1, quote: 'vehicle 1x0x0 at the north gate' }],
    });
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Vehicles crossed the north gate at night' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
    const carrying = path.join(dir, 'carrying.zip');
    await callTyped(s.router, 'bundle.export', { path: carrying });
    await resealBundle(carrying, out, reviewerKey(path.join(dir, 'config')), {
      files: (files) => {
        for (const name of [...files.keys()]) if (name.startsWith('data/pages/')) files.delete(name);
      },
    });
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a large bundle import can be cancelled, leaving the case unchanged, and then completes', async ({ page, app }) => {
  const bundle = path.join(app.inputDir, 'patrols.zip');
  await patrolBundle(bundle);
  const router = app.kase.services.router;
  await trustSignerOf(router, bundle);
  await callTyped(router, 'import.start', { jobId: 'own', paths: [app.writeFile('memo.txt', 'The gate log was kept by hand.')] });
  const before = {
    documents: await callTyped(router, 'documents.list', {}),
    allegations: await callTyped(router, 'allegations.list', {}),
    audit: await callTyped(router, 'audit.verify', {}),
  };
  const caseFiles = () => fs.readdirSync(app.kase.services.store.dir).filter((f) => f.startsWith('.staging-'));
  await app.open();
  const library = page.getByRole('table', { name: 'Documents' });
  await expect(library.locator('tbody th')).toHaveText([/^memo/]);

  await page.keyboard.press('Control+Shift+B');
  const importer = page.getByRole('dialog', { name: 'Import evidence bundle' });
  const progress = importer.getByRole('status').filter({ has: page.getByRole('progressbar', { name: 'Import progress' }) });
  const cancelled = importer.getByRole('status').filter({ hasText: 'The import was cancelled' });
  const cancelButton = importer.getByRole('button', { name: 'Cancel import' });

  // Cancelled with the button once documents are being extracted.
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Choose bundle…' }).click();
  await expect(progress).toContainText(/Importing documents: \d of 8 documents/, { timeout: 30_000 });
  await expect(progress).toContainText('Step 3 of 4');
  await expect(cancelButton).toBeFocused();
  await app.snap('import-progress');
  await cancelButton.click();
  await expect(cancelled).toHaveText('The import was cancelled. Nothing was imported; this case is unchanged.');
  await expect(progress).toBeHidden();
  // The dialog's own Close, not the × in its title bar.
  await expect(importer.locator('.modal-actions').getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(importer.getByRole('button', { name: 'Import again…' })).toBeVisible();
  await noSeriousViolations(page, 'import cancelled');
  await app.snap('import-cancelled');
  await expect(library.locator('tbody th')).toHaveText([/^memo/]);
  expect(await callTyped(router, 'documents.list', {})).toEqual(before.documents);
  expect(await callTyped(router, 'allegations.list', {})).toEqual(before.allegations);
  expect(await callTyped(router, 'audit.verify', {})).toEqual(before.audit);
  expect(caseFiles()).toEqual([]);

  // Cancelled with Escape: the dialog stays to say so.
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Import again…' }).click();
  await expect(progress).toContainText(/Importing documents: \d of 8 documents/, { timeout: 30_000 });
  await expect(cancelButton).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cancelled).toBeVisible();
  await expect(importer).toBeVisible();
  expect(await callTyped(router, 'documents.list', {})).toEqual(before.documents);
  expect(caseFiles()).toEqual([]);

  // Run to the end.
  app.chooseBundle(bundle);
  await importer.getByRole('button', { name: 'Import again…' }).click();
  const merged = importer.getByRole('status').filter({ hasText: 'Merged into this case' });
  await expect(merged).toContainText('8 new documents', { timeout: 60_000 });
  await expect(importer.getByRole('button', { name: 'Done' })).toBeFocused();
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(library.locator('tbody th')).toHaveCount(9);
  expect((await callTyped(router, 'audit.verify', {})).ok).toBe(true);
  expect(caseFiles()).toEqual([]);
});
