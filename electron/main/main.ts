/**
 * The Electron entry point: open the case, wire IPC, serve the renderer, build the menu,
 * open the window. Everything with behaviour lives in the services; this file only
 * connects. The case is `--case <dir>`, else EXHIBIT_CASE, else the per-user default case.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeTheme, session } from 'electron';
import { ipcEventChannel } from '../../shared/ipc/channels.ts';
import { channelsWhere, type MenuCommand } from '../../shared/ipc/contract.ts';
import { toErrorPayload } from '../../shared/errors.ts';
import { defaultCaseDir, userConfigDir } from '../services/case/paths.ts';
import { reviewerName } from '../services/case/settings.ts';
import type { Router } from '../services/router.ts';
import { openServices, type Services } from '../services/services.ts';
import { hardenContents } from './contents-policy.ts';
import { broadcast, hostDialogs, hostShell, wireIpc } from './ipc.ts';
import { buildMenu, type RecentCase } from './menu.ts';
import { PathGrants, withPathGrants } from './path-grants.ts';
import { denyFileScheme, registerAppScheme, serveRenderer } from './protocol.ts';
import { applySessionPolicy } from './session-policy.ts';
import { caseArgument, claimInstance, handOver } from './single-instance.ts';
import { openWithRecovery, restoreQuestion } from './startup.ts';
import { savedTheme, withThemeSync } from './theme.ts';
import { createMainWindow, windowBackground } from './window.ts';

// dist/node/main.mjs -> dist/preload, dist/renderer
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '..', 'preload', 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
// Packaged: electron-builder's extraResources; from a checkout: the repository's resources/.
const sampleDir = app.isPackaged
  ? path.join(process.resourcesPath, 'sample')
  : path.join(here, '..', '..', 'resources', 'sample');
const windowStateFile = () => path.join(userConfigDir(), 'window-state.json');

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(preloadPath, windowStateFile(), app.isPackaged);
  mainWindow.on('closed', () => (mainWindow = null));
}

const send = (command: MenuCommand) => mainWindow?.webContents.send(ipcEventChannel, 'menu.command', command);

/** Rebuild the menu so File > Recent Cases shows the current list. */
async function refreshMenu(router: Router): Promise<void> {
  const res = await router.call('case.recent', {});
  const recent = res.ok ? (res.value as RecentCase[]) : [];
  Menu.setApplicationMenu(
    buildMenu({
      send,
      recent,
      theme: await savedTheme(router),
      dev: !app.isPackaged,
      openRecent: (dir) => void openRecent(router, dir),
      showAbout: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'About Exhibit',
          message: `Exhibit ${app.getVersion()}`,
          detail: 'An offline workstation for reviewing evidence. Nothing leaves this computer.',
        }),
    }),
  );
}

/** File > Recent Cases: switch in the engine, then tell the UI to reload. */
async function openRecent(router: Router, dir: string): Promise<void> {
  const res = await router.call('case.open', { path: dir });
  if (res.ok) send('case-changed');
  else dialog.showErrorBox('Exhibit cannot open this case', res.error.message);
  await refreshMenu(router);
}

/** The router, with the menu rebuilt after any call that may change the recent cases (the contract's `switchesCase`). */
function withMenuRefresh(router: Router): Router {
  const switching: ReadonlySet<string> = new Set(channelsWhere((spec) => spec.switchesCase === true));
  return {
    async call(channel, args) {
      const res = await router.call(channel, args);
      if (res.ok && switching.has(channel)) void refreshMenu(router);
      return res;
    },
  };
}

async function start(): Promise<void> {
  await app.whenReady();
  // Before anything loads: no network, no file:, no permissions, no downloads.
  applySessionPolicy(session.defaultSession, { packaged: app.isPackaged });
  denyFileScheme();
  const caseDir = caseArgument(process.argv, process.cwd()) ?? defaultCaseDir();
  // A damaged database: offer its latest good backup. A newer schema or a folder that is
  // not a case: say so and stop, having written nothing.
  const opened = await openWithRecovery(
    caseDir,
    () =>
      openServices({
        caseDir,
        create: true,
        emit: broadcast,
        sampleDir,
        host: { ...hostDialogs(() => mainWindow), ...hostShell() },
      }),
    async (offer) => {
      const q = restoreQuestion(offer);
      const answer = await dialog.showMessageBox({
        type: 'warning',
        title: 'Exhibit',
        message: q.message,
        detail: q.detail,
        buttons: q.buttons,
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      return answer.response === 0;
    },
    () => reviewerName(process.env, userConfigDir()),
  );
  if (!opened.ok) {
    dialog.showErrorBox('Exhibit cannot open this case', opened.message);
    app.exit(1);
    return;
  }
  services = opened.value;
  serveRenderer(rendererDir, () => services);
  // The window may name only paths the reviewer chose (dialogs, drops, recent cases).
  const grants = new PathGrants();
  const router = services.router;
  // The saved theme before the window exists, so its first paint is already in that theme.
  nativeTheme.themeSource = await savedTheme(router);
  const themed = withThemeSync(router, nativeTheme, () => {
    for (const win of BrowserWindow.getAllWindows()) win.setBackgroundColor(windowBackground());
    void refreshMenu(router);
  });
  wireIpc(withPathGrants(withMenuRefresh(themed), grants), grants);
  await refreshMenu(router);
  openWindow();
}

// Two app processes on one case would race on the same files; the second hands over to the
// first. claimInstance also sandboxes every renderer (it must run before the app is ready).
if (claimInstance(app)) {
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('session-created', (created) => applySessionPolicy(created, { packaged: app.isPackaged }));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handOver(mainWindow, services !== null, openWindow);
    // `exhibit --case <dir>` while Exhibit runs: this window opens that case.
    const dir = caseArgument(argv, workingDirectory);
    if (dir && services && dir !== services.store.dir) void openRecent(services.router, dir);
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
