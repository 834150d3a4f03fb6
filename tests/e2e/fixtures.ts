/**
 * Playwright fixtures for the end-to-end tests: one renderer server and bridge script per
 * worker, and per test a fresh case attached to the page, a folder for input files, and
 * a record of every console error, page error and CSP violation the page produced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { buildPdf, type PdfSpec } from '../fixtures/pdf-builder.ts';
import { attachCase, bundleBridge, serveRenderer, type TestCase } from './host.ts';

export const REVIEWER = 'R. Okafor';

export interface AppFixture {
  /** The case under test and the host's dialog answers. */
  kase: TestCase;
  /** Console errors, uncaught page errors and CSP violations, in order. */
  problems: string[];
  /** The test's own folder for input files (outside the case). */
  inputDir: string;
  /** Write a PDF into the test's input folder and return its path. */
  writePdf(name: string, spec: PdfSpec): string;
  /** Write any bytes into the test's input folder and return its path. */
  writeFile(name: string, data: string | Uint8Array): string;
  /** Load the app and wait until the case header shows. */
  open(): Promise<void>;
  /** Screenshot into the test's output folder (test-results/…). */
  snap(name: string): Promise<string>;
}

interface WorkerFixtures {
  server: { origin: string };
  bridgeScript: string;
}

export const test = base.extend<{ app: AppFixture }, WorkerFixtures>({
  server: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  bridgeScript: [async ({}, use) => use(await bundleBridge()), { scope: 'worker' }],

  app: async ({ page, server, bridgeScript }, use, testInfo) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const kase = await attachCase(page, server.origin, bridgeScript, REVIEWER);
    const inputs = path.join(kase.dir, 'inputs');
    fs.mkdirSync(inputs);
    const writeFile = (name: string, data: string | Uint8Array) => {
      const file = path.join(inputs, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
      return file;
    };
    await use({
      kase,
      problems,
      inputDir: inputs,
      writeFile,
      writePdf: (name, spec) => writeFile(name, buildPdf(spec)),
      async open() {
        await page.goto(`${server.origin}/`);
        await expect(page.getByLabel('Open case')).toContainText('case');
      },
      async snap(name) {
        const file = testInfo.outputPath(`${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
    });
    await page.close();
    await kase.close();
    // Every test, not just the CSP test, must leave the console clean.
    expect(problems, 'the page logged errors or CSP violations').toEqual([]);
  },
});

export { expect };

/** Import files through the UI: the host dialog answers with `paths`, then wait for the results. */
export async function importFiles(page: Page, app: AppFixture, paths: string[]): Promise<void> {
  // Clear the previous import's results first, so the wait below sees this import's list.
  const results = page.getByRole('list', { name: 'Import results' });
  if (await results.isVisible()) {
    await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(results).toBeHidden();
  }
  app.kase.chooseFiles(paths);
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(results.getByRole('listitem')).toHaveCount(paths.length);
}
