/**
 * Launches the built app in real Electron against a temp case. The Electron binary is
 * not downloadable everywhere (ELECTRON_SKIP_BINARY_DOWNLOAD), so the test looks for
 * it first and skips, saying why, when it is absent.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable, or null. Requiring 'electron' without path.txt would start a download, so check that first. */
function electronBinary(): string | null {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  if (!fs.existsSync(path.join(pkgDir, 'path.txt'))) return null;
  try {
    const exe = require('electron') as unknown;
    return typeof exe === 'string' && fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const executablePath = electronBinary();

test('the built app opens a window on the case and lists its documents', async () => {
  test.skip(executablePath === null, 'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); launch test skipped');
  const main = path.join(root, 'dist', 'node', 'main.mjs');
  expect(fs.existsSync(main), 'dist/node/main.mjs is missing: run "npm run build" first').toBe(true);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-electron-'));
  const caseDir = path.join(dir, 'case');
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [main, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, EXHIBIT_CASE: caseDir, EXHIBIT_REVIEWER: 'Launch Test' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByLabel('Open case')).toContainText('case');
    await expect(window).toHaveTitle(/Exhibit/);
    await expect(window.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(window.getByText('No documents in this case yet')).toBeVisible();
    // The case the app created is a real one on disk.
    expect(fs.existsSync(path.join(caseDir, 'case.sqlite'))).toBe(true);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
