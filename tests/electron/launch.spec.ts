/**
 * Launches the built app in real Electron against a temp case. The Electron binary is
 * not downloadable everywhere (ELECTRON_SKIP_BINARY_DOWNLOAD), so the test looks for
 * it first and skips, saying why, when it is absent.
 */
import { spawn } from 'node:child_process';
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
const SKIP_REASON = 'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); launch test skipped';
const mainScript = () => path.join(root, 'dist', 'node', 'main.mjs');
const sandboxArgs = process.platform === 'linux' ? ['--no-sandbox'] : [];

/** Environment for one app run: its own settings folder (and so its own single-instance lock) and case. */
function appEnv(dir: string, caseDir: string): Record<string, string> {
  const inherited = Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined);
  return {
    ...Object.fromEntries(inherited),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    EXHIBIT_CASE: caseDir,
    EXHIBIT_REVIEWER: 'Launch Test',
  };
}

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

/** Where the main process keeps the outcome of the page's attempt to navigate away. */
interface NavigationProbe {
  navigationTried?: Promise<{ url: string; prevented: boolean }>;
}

test('the page has no Node.js, only the bridge, is served from app://, and cannot reach the network or navigate away', async () => {
  test.skip(executablePath === null, SKIP_REASON);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-electron-'));
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [mainScript(), ...sandboxArgs],
    env: appEnv(dir, path.join(dir, 'case')),
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Documents' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/exhibit\//);
    // No Node.js in the page; only the bridge.
    expect(
      await window.evaluate(() => [
        typeof (globalThis as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await window.evaluate(() => typeof (globalThis as { exhibit?: unknown }).exhibit)).toBe('object');
    // Remote loads fail (CSP and the session both refuse them).
    const fetched = await window.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    // Navigation away is cancelled: the app stays on app://exhibit. The main process reports
    // the attempt (will-navigate, after the app's own handler has answered it), so the test
    // waits for that event rather than for a guessed time.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as NavigationProbe).navigationTried = new Promise((resolve) =>
        contents.once('will-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented })),
      );
    });
    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    const tried = await app.evaluate(() => (globalThis as NavigationProbe).navigationTried);
    expect(tried).toEqual({ url: 'https://example.com/', prevented: true });
    expect(window.url()).toMatch(/^app:\/\/exhibit\//);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a second start hands over to the running app, which opens the case it names', async () => {
  test.skip(executablePath === null, SKIP_REASON);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-electron-'));
  const env = appEnv(dir, path.join(dir, 'first'));
  const app = await electron.launch({ executablePath: executablePath!, args: [mainScript(), ...sandboxArgs], env });
  try {
    const window = await app.firstWindow();
    await expect(window.getByLabel('Open case')).toContainText('first');
    const second = spawn(executablePath!, [mainScript(), ...sandboxArgs, '--case', path.join(dir, 'second')], {
      env,
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect(window.getByLabel('Open case')).toContainText('second', { timeout: 15_000 });
    expect(app.windows()).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'second', 'case.sqlite'))).toBe(true);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a saved theme is in force before the page paints: the window, the page and the shell start dark', async () => {
  test.skip(executablePath === null, SKIP_REASON);
  // appEnv moves the settings with XDG_CONFIG_HOME, which only Linux reads.
  test.skip(process.platform !== 'linux', 'the settings folder is moved with XDG_CONFIG_HOME, which only Linux reads');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-electron-'));
  const env = appEnv(dir, path.join(dir, 'case'));
  fs.mkdirSync(path.join(dir, 'config', 'exhibit'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'config', 'exhibit', 'settings.json'), JSON.stringify({ theme: 'dark' }));
  const app = await electron.launch({ executablePath: executablePath!, args: [mainScript(), ...sandboxArgs], env });
  try {
    const window = await app.firstWindow();
    // Asked as soon as the window exists, before the page has read the settings itself.
    // (Page-side code as a string: tests/ is type-checked without DOM types.)
    expect(await window.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(true);
    expect(
      await app.evaluate(({ BrowserWindow, nativeTheme }) => [
        nativeTheme.themeSource,
        BrowserWindow.getAllWindows()[0]!.getBackgroundColor().toLowerCase(),
      ]),
    ).toEqual(['dark', '#151719']);
    await expect(window.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
