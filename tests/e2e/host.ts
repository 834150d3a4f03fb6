/**
 * The test host: the second of "one router, two hosts". It serves dist/renderer over
 * http://127.0.0.1 with the app's CSP header, and gives each test a real case (real
 * SQLite, real pdf.js workers) whose router the page reaches through a Playwright
 * binding installed with the same `window.exhibit` shape the preload exposes.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { CSP_HEADER } from '../../shared/csp.ts';
import type { Envelope, EventName, EventOf } from '../../shared/ipc/contract.ts';
import { viewable } from '../../electron/services/documents/viewable.ts';
import { openServices, type Services, type ServicesOptions } from '../../electron/services/services.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const rendererDir = path.join(root, 'dist', 'renderer');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface RendererServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * The case the page talks to now. Tests in one Playwright worker run one at a time, so
 * the worker's server serves originals from whichever case the running test attached.
 */
let activeCase: Services | null = null;

/** Stream a document's original, as app://exhibit/original/<id> does in Electron. */
async function serveOriginal(res: http.ServerResponse, encodedId: string): Promise<void> {
  const headers = { 'Content-Security-Policy': CSP_HEADER, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  try {
    if (!activeCase) throw new Error('no case attached');
    const found = await viewable(activeCase.store.dir, activeCase.store.db, decodeURIComponent(encodedId));
    const size = found.kind === 'file' ? found.size : found.bytes.length;
    res.writeHead(200, { ...headers, 'Content-Type': found.type, 'Content-Length': String(size) });
    if (found.kind === 'file') fs.createReadStream(found.path).pipe(res);
    else res.end(found.bytes);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
  }
}

/** Serve the built renderer on a random local port, every response carrying the CSP header. */
export async function serveRenderer(dir = rendererDir): Promise<RendererServer> {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run "npm run build" before the end-to-end tests`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const original = /^\/original\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && original) {
      void serveOriginal(res, original[1]!);
      return;
    }
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(dir, `.${rel}`);
    if (req.method !== 'GET' || !file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bundle bridge-page.ts (and the shared api shape it uses) into one init script. */
export async function bundleBridge(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(root, 'tests', 'e2e', 'bridge-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

// Mirrors the preload/ipc pairing: CSP problems become console errors the tests collect.
const reportCspViolations = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`;

/** One test's engine: a temp case and what the host's file dialogs will answer next. */
export interface TestCase {
  dir: string;
  services: Services;
  /** The paths the next "Import files…" dialog returns (once; later dialogs are cancelled). */
  chooseFiles(paths: string[]): void;
  /** The paths the next "Import folder…" dialog returns (once). */
  chooseFolder(paths: string[]): void;
  close(): Promise<void>;
}

/** What a test adds to the services it runs on: per-user folders, the sample, more host answers. */
export type ExtraServices = (dir: string) => Partial<Omit<ServicesOptions, 'caseDir' | 'emit'>>;

/** Open a fresh case in a temp folder and connect `page` to its router. */
export async function attachCase(
  page: Page,
  origin: string,
  bridgeScript: string,
  reviewer: string,
  extra: ExtraServices = () => ({}),
): Promise<TestCase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-e2e-'));
  const more = extra(dir);
  const replies = { files: [] as string[], folder: [] as string[] };
  const take = (key: 'files' | 'folder') => {
    const paths = replies[key];
    replies[key] = [];
    return Promise.resolve(paths);
  };
  const emit = <E extends EventName>(event: E, payload: EventOf<E>) => {
    // The page may be navigating or closed; an event lost then is an event nobody can see.
    page
      .evaluate(
        ([name, body]) => (globalThis as { __exhibitEmit?: (n: string, b: unknown) => void }).__exhibitEmit?.(name, body),
        [event, payload] as const,
      )
      .catch(() => undefined);
  };
  const services = openServices({
    caseDir: path.join(dir, 'case'),
    create: true,
    pool: { size: 2 },
    actor: () => reviewer,
    // Never the real per-user folders, whatever the test adds.
    configDir: path.join(dir, 'user', 'config'),
    dataDir: path.join(dir, 'user', 'data'),
    ...more,
    emit,
    host: { 'dialog.openFiles': () => take('files'), 'dialog.openFolder': () => take('folder'), ...more.host },
  });

  // The same checks ipc.ts makes in Electron: only the main frame of our own origin may call.
  await page.exposeBinding('__exhibitInvoke', async (source, channel: unknown, args: unknown): Promise<Envelope<unknown>> => {
    const trusted = source.frame === page.mainFrame() && new URL(source.frame.url()).origin === origin;
    if (!trusted || typeof channel !== 'string') {
      return { ok: false, error: { code: 'forbidden', message: 'not called from the Exhibit page', subject: String(channel) } };
    }
    return services.router.call(channel, args);
  });
  activeCase = services;
  await page.addInitScript({ content: reportCspViolations });
  await page.addInitScript({ content: bridgeScript });

  return {
    dir,
    services,
    chooseFiles: (paths) => void (replies.files = paths),
    chooseFolder: (paths) => void (replies.folder = paths),
    async close() {
      if (activeCase === services) activeCase = null;
      await services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
