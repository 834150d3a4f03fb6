/**
 * Viewer latency in Debian's Chromium: the built renderer (dist/renderer) served by the
 * end-to-end test host with the real engine bridged in, on a case holding a generated
 * 1,000-page PDF. Measures what a reviewer waits for: from a click on the document in the
 * list to page 1 painted, and from Enter in the page box (800) to page 800 painted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { readSettings } from '../../electron/services/case/settings.ts';
import { callTyped } from '../../electron/services/router.ts';
import { attachCase, bundleBridge, rendererDir, serveRenderer } from '../../tests/e2e/host.ts';
import { best, median } from '../lib/stats.ts';
import { armProbe, probeDone, probeRead, type ProbeResult } from './probe.ts';
import { chromiumLaunch } from '../../tests/e2e/chromium.ts';

export const JUMP_TO = 800;

export interface ViewerRow {
  name: string;
  /** Action to painted, per run (ms). */
  runsMs: number[];
  median: number;
  best: number;
  /** Action to the next frame after painted (ms), median. */
  medianToFrame: number;
  /** Action to the original's bytes received (ms), median; null when the action fetched nothing. */
  medianFetched: number | null;
}

export interface ViewerSummary {
  pages: number;
  fileMb: number;
  browser: string;
  rows: ViewerRow[];
  /** Console errors and failed checks seen while measuring. */
  problems: string[];
}

const TIMEOUT = 30_000;

/** Refuse a renderer build older than its sources: the numbers would describe other code. */
function checkBuild(repoRoot: string): void {
  const built = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run "npm run build" before the viewer benchmark`);
  const builtAt = fs.statSync(built).mtimeMs;
  const newer = fs
    .readdirSync(path.join(repoRoot, 'renderer', 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && fs.statSync(path.join(e.parentPath, e.name)).mtimeMs > builtAt)
    .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)));
  if (newer.length > 0)
    console.error(`viewer: warning, dist/renderer is older than ${newer.slice(0, 3).join(', ')}; run "npm run build" first`);
}

/** Run `action`, which must start with the probe's trigger, and return the page's stamps. */
async function measure(page: Page, pageNumber: number, trigger: 'click' | 'enter', action: () => Promise<void>) {
  await page.evaluate(armProbe(pageNumber, trigger));
  await action();
  await page.waitForFunction(probeDone, null, { timeout: TIMEOUT });
  return (await page.evaluate(probeRead)) as ProbeResult;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`viewer bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Measure `file` (a PDF of `pages` pages, titled `title`) over `rounds` fresh page loads.
 * Each round opens the document once with pdf.js cold (module and worker start with the
 * first document), then twice more with the worker warm, jumping to page 800 after each open.
 */
export async function benchViewer(repoRoot: string, file: string, title: string, rounds: number): Promise<ViewerSummary> {
  checkBuild(repoRoot);
  const server = await serveRenderer();
  const browser = await chromium.launch(chromiumLaunch);
  const problems: string[] = [];
  const samples = { cold: [] as ProbeResult[], warm: [] as ProbeResult[], jump: [] as ProbeResult[] };
  let kase: Awaited<ReturnType<typeof attachCase>> | null = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    let configDir = '';
    kase = await attachCase(page, server.origin, await bundleBridge(), 'bench', (dir) => {
      configDir = path.join(dir, 'config');
      return { configDir, dataDir: path.join(dir, 'data') };
    });
    const [imported] = await callTyped(kase.services.router, 'import.start', { jobId: 'viewer-bench', paths: [file] });
    if (imported?.status !== 'imported') throw new Error(`viewer bench: importing ${file} failed: ${imported?.error}`);

    const docButton = page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: title, exact: true });
    const viewer = page.getByRole('region', { name: 'Open document' });
    const pageBox = page.getByRole('textbox', { name: 'Page' });
    const open = () => measure(page, 1, 'click', () => docButton.click());
    const jump = async () => {
      const r = await measure(page, JUMP_TO, 'enter', async () => {
        await pageBox.fill(String(JUMP_TO));
        await pageBox.press('Enter');
      });
      const shown = await pageBox.inputValue();
      if (shown !== String(JUMP_TO)) problems.push(`after the jump the page box shows ${shown}, not ${JUMP_TO}`);
      return r;
    };
    const close = async () => {
      await page.getByRole('button', { name: 'Close document' }).click();
      await viewer.waitFor({ state: 'hidden' });
    };

    for (let round = 0; round < rounds; round++) {
      await page.goto(`${server.origin}/`);
      await docButton.waitFor();
      if (await viewer.isVisible()) throw new Error('viewer bench: the app reopened the last document by itself');
      samples.cold.push(await open());
      const count = await page.locator('.page-count').textContent();
      if (!count?.includes(String(imported.pages))) problems.push(`the viewer shows "${count}", not ${imported.pages} pages`);
      samples.jump.push(await jump());
      for (let i = 0; i < 2; i++) {
        await close();
        samples.warm.push(await open());
        samples.jump.push(await jump());
      }
      await close();
      // The app saves "no document open" after a short delay; a reload before that would reopen it.
      await until(() => !readSettings(configDir).lastDocument, 'the app to forget the open document');
    }
    const row = (name: string, rs: ProbeResult[]): ViewerRow => {
      const ms = rs.map((r) => r.painted - r.start);
      const fetched = rs.filter((r) => r.fetched !== null).map((r) => r.fetched! - r.start);
      return {
        name,
        runsMs: ms,
        median: median(ms),
        best: best(ms),
        medianToFrame: median(rs.map((r) => r.frame - r.start)),
        medianFetched: fetched.length ? median(fetched) : null,
      };
    };
    return {
      pages: imported.pages ?? 0,
      fileMb: fs.statSync(file).size / 2 ** 20,
      browser: `Chromium ${browser.version()}`,
      rows: [
        row('open -> page 1 painted, first document after start', samples.cold),
        row('open -> page 1 painted, pdf.js worker warm', samples.warm),
        row(`go to page ${JUMP_TO} -> painted`, samples.jump),
      ],
      problems,
    };
  } finally {
    await browser.close();
    await kase?.close();
    await server.close();
  }
}
