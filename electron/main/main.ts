/**
 * The Electron entry point: open the case, wire IPC, serve the renderer, open the
 * window. Everything with behaviour lives in the services; this file only connects.
 * The case is `--case <dir>`, else EXHIBIT_CASE, else the per-user default case.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { ipcEventChannel } from '../../shared/ipc/channels.ts';
import { toErrorPayload } from '../../shared/errors.ts';
import { defaultCaseDir } from '../services/case/paths.ts';
import { openServices, type Services } from '../services/services.ts';
import { broadcast, hostDialogs, wireIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createMainWindow, hardenContents } from './window.ts';

// dist/node/main.mjs -> dist/preload, dist/renderer
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '..', 'preload', 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');

/** `--case <dir>` or `--case=<dir>` from the command line, if given. */
function caseArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--case' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (arg.startsWith('--case=')) return path.resolve(arg.slice('--case='.length));
  }
  return null;
}

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(preloadPath);
  mainWindow.on('closed', () => (mainWindow = null));
}

async function start(): Promise<void> {
  await app.whenReady();
  const caseDir = caseArg(process.argv) ?? defaultCaseDir();
  try {
    services = openServices({ caseDir, create: true, emit: broadcast, host: hostDialogs(() => mainWindow) });
  } catch (err) {
    // A newer schema or a folder that is not a case: say so and stop, having written nothing.
    dialog.showErrorBox('Exhibit cannot open this case', toErrorPayload(err).message);
    app.exit(1);
    return;
  }
  serveRenderer(rendererDir, () => services);
  wireIpc(services.router);
  Menu.setApplicationMenu(buildMenu((command) => mainWindow?.webContents.send(ipcEventChannel, 'menu.command', command)));
  openWindow();
}

// Two app processes on one case would race on the same files; the second hands over to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the database and stop the workers before the process goes, so the WAL is checkpointed.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !services) return;
    event.preventDefault();
    const closing = services;
    services = null;
    void closing.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  start().catch((err: unknown) => {
    dialog.showErrorBox('Exhibit failed to start', toErrorPayload(err).message);
    app.exit(1);
  });
}
