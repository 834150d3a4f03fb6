/**
 * A case on a read-only mount opens with a notice under the case bar, and a change (an
 * import) is refused with the engine's clear message. Mounting needs root, as here;
 * elsewhere the test is skipped (tests/unit/read-only.test.ts covers the engine as a
 * plain user).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '../../electron/services/db/open.ts';
import { initCase } from '../../electron/services/case/case.ts';
import { expect, test } from './fixtures.ts';

const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

test('a read-only case shows a notice and refuses an import with a clear message', async ({ page, app }) => {
  test.skip(!canMount, 'needs root and mount to make a read-only mount');
  const source = path.join(app.kase.dir, 'cases', 'archived');
  closeDatabase(initCase(source, 'Archivist').db);
  const mounted = path.join(app.kase.dir, 'mnt', 'archived');
  fs.mkdirSync(mounted, { recursive: true });
  // Root in a container without the right to mount is refused here: skip, as where not root.
  test.skip(spawnSync('mount', ['--bind', source, mounted]).status !== 0, 'bind mount refused here');
  try {
    test.skip(spawnSync('mount', ['-o', 'remount,bind,ro', mounted]).status !== 0, 'read-only remount refused here');
    await app.open();
    await expect(page.getByRole('status').filter({ hasText: 'Read-only' })).toHaveCount(0);
    const caseButton = page.getByRole('button', { name: /^Case/ });
    app.chooseCaseFolder(mounted);
    await caseButton.click();
    await page.getByRole('button', { name: 'Open case…' }).click();
    await expect(caseButton).toContainText('archived');
    await expect(page.getByRole('status').filter({ hasText: 'Read-only.' })).toContainText(
      "This case's folder cannot be written, so nothing can be changed or added.",
    );
    await app.snap('read-only-case');

    app.kase.chooseFiles([app.writeFile('letter.txt', 'Dear Ms Hale')]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByRole('alert')).toContainText(`The case at ${mounted} is open read-only`);
    expect(fs.readdirSync(source).sort()).toEqual(['blobs', 'case.sqlite']);
  } finally {
    // Leave the mount (switch back to the test's own case, which closes the mounted one) before the folder is removed.
    await app.kase.services.router.call('case.open', { path: path.join(app.kase.dir, 'case') });
    await expect.poll(() => spawnSync('umount', [mounted]).status).toBe(0);
  }
});
