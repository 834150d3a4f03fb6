/**
 * Playwright: `e2e` runs the built renderer in Debian's Chromium against the real engine
 * (tests/e2e/host.ts); `electron` launches the built app when an Electron binary exists.
 * Nothing here starts a web server or reaches the network. Build first (npm run build).
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './tests/e2e/chromium.ts';

export default defineConfig({
  outputDir: 'test-results',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        launchOptions: chromiumLaunch,
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
