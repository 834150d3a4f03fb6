/**
 * Opening a case made before glyph geometry: its letter's highlight boxes are cut anew from
 * the glyphs and redrawn, and an encrypted PDF that cannot be re-measured without its
 * password is named under the case bar until dismissed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { ageDocument } from '../fixtures/age-case.ts';
import { expect, test } from './fixtures.ts';
import { highlightBoxes, openDocument, waitForPage } from './viewer-helpers.ts';

const LETTER = fileURLToPath(new URL('../fixtures/geometry/libreoffice.pdf', import.meta.url));
const hasQpdf = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).status === 0;

test.skip(!hasQpdf, 'needs qpdf to make an encrypted PDF');

test('an older case is re-measured when opened: boxes redrawn on the glyphs, an encrypted PDF named', async ({ page, app }) => {
  // The test's own folder: each run starts from a case of its own.
  const dir = path.join(app.inputDir, 'older-case');
  const locked = path.join(app.inputDir, 'annex-locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', LETTER, locked]);
  // A case as an earlier Exhibit left it: a letter and an encrypted annex, each with a highlight.
  const older = openServices({ caseDir: dir, create: true, actor: () => 'Earlier Reviewer', rememberCase: false, backup: false });
  const [letter] = await callTyped(older.router, 'import.start', { jobId: 'a', paths: [LETTER] });
  const [annex] = await callTyped(older.router, 'import.start', { jobId: 'b', paths: [locked], password: 'user-pw' });
  const quote = { page: 1, quote: 'nowledge receipt of your communicati' };
  await callTyped(older.router, 'highlights.create', { documentId: letter!.documentId!, targets: [quote] });
  await callTyped(older.router, 'highlights.create', { documentId: annex!.documentId!, targets: [quote] });
  ageDocument(older.store.db, letter!.documentId!);
  ageDocument(older.store.db, annex!.documentId!);
  const agedRects = older.store.db.prepare('SELECT rects FROM highlight_targets ORDER BY rects').pluck().all();
  await older.close();

  await app.open();
  const caseButton = page.getByRole('button', { name: /^Case/ });
  app.chooseCaseFolder(dir);
  await caseButton.click();
  await page.getByRole('button', { name: 'Open case…' }).click();
  await expect(caseButton).toContainText('older-case');

  const note = page.getByRole('status').filter({ hasText: 'could not be re-measured' });
  await expect(note).toContainText('annex-locked could not be re-measured (this PDF is encrypted and needs a password)');
  await expect(note).toContainText('its highlights keep their earlier boxes');
  await app.kase.services.geometry.idle();
  const db = app.kase.services.store.db;
  const letterRects = db
    .prepare('SELECT rects FROM highlight_targets t JOIN highlights h ON h.id = t.highlight_id WHERE h.document_id = ?')
    .pluck()
    .get(letter!.documentId!);
  const annexRects = db
    .prepare('SELECT rects FROM highlight_targets t JOIN highlights h ON h.id = t.highlight_id WHERE h.document_id = ?')
    .pluck()
    .get(annex!.documentId!);
  // The letter's box is new; the annex's (the same letter, encrypted) is as it was.
  expect(agedRects).toEqual([annexRects, annexRects]);
  expect(letterRects).not.toBe(annexRects);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('.remeasure-status').analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await app.snap('remeasure-note');

  // The letter's highlight is drawn where its words are.
  await openDocument(page, 'libreoffice');
  await waitForPage(page, 1);
  await expect.poll(async () => (await highlightBoxes(page, 1)).length).toBeGreaterThan(0);
  await app.snap('remeasure-letter');

  await note.getByRole('button', { name: 'Dismiss the re-measuring note' }).click();
  await expect(note).toHaveCount(0);
});
