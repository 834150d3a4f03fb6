/**
 * Playwright fixtures for the end-to-end tests: one renderer server and bridge script per
 * worker, and per test a fresh case attached to the page, a folder for input files, and
 * a record of every console error, page error and CSP violation the page produced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { isOpenableExternally } from '../../electron/main/contents-policy.ts';
import { readSettings } from '../../electron/services/case/settings.ts';
import type { MenuCommand } from '../../shared/ipc/contract.ts';
import { buildPdf, type PdfSpec } from '../fixtures/pdf-builder.ts';
import { attachCase, bundleBridge, serveRenderer, type ExtraServices, type TestCase } from './host.ts';

export const REVIEWER = 'R. Okafor';
/** The sample documents the app ships, as main.ts passes them to the engine. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../resources/sample', import.meta.url));

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
  /** The folder the next "Open case…" / "New case…" dialog answers with (once). */
  chooseCaseFolder(dir: string): void;
  /** Per-user folders of this test (settings, the sample case), never the real ones. */
  configDir: string;
  dataDir: string;
  /**
   * Drop items from the input folder on the window, as a reviewer drags them from a file
   * manager: the page gets File objects, and the host's stand-in for Electron's
   * webUtils.getPathForFile resolves each name inside the input folder.
   */
  drop(names: string[]): Promise<void>;
  /** Click a native menu item: the host sends its command to the page, as main.ts does. */
  menu(command: MenuCommand): Promise<void>;
  /** The path the next "Export bundle" save dialog answers with (once; later ones are cancelled). */
  saveBundleAs(file: string): void;
  /** The bundle the next "Verify bundle" open dialog answers with (once). */
  chooseBundle(file: string): void;
  /** The file the next "Add language pack…" open dialog answers with (once). */
  chooseLanguagePack(file: string): void;
  /** The names the page suggested to the save dialog, in order. */
  suggestedBundleNames: string[];
  /** URLs the page asked the host to open in the system browser (nothing is opened). */
  openedExternally: string[];
  /** Text the page asked the host to put on the clipboard, in order (the real clipboard is left alone). */
  copied: string[];
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
    let caseFolder: string | null = null;
    const openedExternally: string[] = [];
    const copied: string[] = [];
    // Like the other dialogs, each answer is used once, so a second ask without a new answer is a cancel.
    const fileAnswers = { save: null as string | null, open: null as string | null, pack: null as string | null };
    const takeFile = (key: 'save' | 'open' | 'pack') => {
      const answer = fileAnswers[key];
      fileAnswers[key] = null;
      return Promise.resolve(answer ? [answer] : []);
    };
    const suggestedBundleNames: string[] = [];
    const folders = { configDir: '', dataDir: '' };
    // Settings and the sample case live in the test's temp folder; the reviewer is whatever
    // the settings say, so changing the name in the UI changes what the audit log records.
    const extra: ExtraServices = (dir) => {
      folders.configDir = path.join(dir, 'config');
      folders.dataDir = path.join(dir, 'data');
      return {
        configDir: folders.configDir,
        dataDir: folders.dataDir,
        sampleDir: SAMPLE_DIR,
        actor: () => readSettings(folders.configDir).reviewerName ?? REVIEWER,
        host: {
          'dialog.chooseCaseFolder': async () => {
            const answer = caseFolder;
            caseFolder = null;
            return answer ? [answer] : [];
          },
          'dialog.saveBundle': ({ suggestedName }) => {
            suggestedBundleNames.push(suggestedName);
            return takeFile('save');
          },
          'dialog.saveCourtBundle': () => takeFile('save'),
          'dialog.openBundle': () => takeFile('open'),
          'dialog.openLanguagePack': () => takeFile('pack'),
          // Recorded, never opened; the same rule as Electron's host: only http(s) links.
          'shell.openExternal': async ({ url }) => {
            openedExternally.push(url);
            return { opened: isOpenableExternally(url) };
          },
          'clipboard.writeText': async ({ text }) => {
            copied.push(text);
            return { copied: true };
          },
        },
      };
    };
    const kase = await attachCase(page, server.origin, bridgeScript, REVIEWER, extra);
    const inputs = path.join(kase.dir, 'inputs');
    fs.mkdirSync(inputs);
    // Electron's preload exposes webUtils.getPathForFile as exhibitFiles.pathOf; here a name is a path in the input folder.
    // (Page-side code is a string: tests/ is type-checked as Node code, without DOM types.)
    await page.addInitScript({
      content: `Object.defineProperty(window, 'exhibitFiles', { value: Object.freeze({ pathOf: (file) => ${JSON.stringify(inputs + path.sep)} + file.name }) });`,
    });
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
      chooseCaseFolder: (dir) => void (caseFolder = dir),
      saveBundleAs: (file) => void (fileAnswers.save = file),
      chooseBundle: (file) => void (fileAnswers.open = file),
      chooseLanguagePack: (file) => void (fileAnswers.pack = file),
      suggestedBundleNames,
      openedExternally,
      copied,
      async menu(command) {
        await page.evaluate(`globalThis.__exhibitEmit('menu.command', ${JSON.stringify(command)})`);
      },
      ...folders,
      async drop(names) {
        await page.evaluate(`(() => {
          const data = new DataTransfer();
          for (const name of ${JSON.stringify(names)}) data.items.add(new File([''], name));
          const target = document.querySelector('main') ?? document.body;
          for (const type of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
          }
        })()`);
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

/** In a narrow window the side panes are drawers behind handles: open `pane`'s if it is closed. */
export async function reveal(page: Page, pane: 'Documents' | 'Search · Allegations'): Promise<void> {
  const handle = page.getByRole('button', { name: pane, exact: true });
  if ((await handle.count()) > 0 && (await handle.getAttribute('aria-expanded')) === 'false') await handle.click();
}
