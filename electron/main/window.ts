/**
 * The main window and the rules every web contents lives under: no navigation away
 * from the app, no new windows, no <webview>, no permissions. Evidence is opened
 * inside the app; nothing a document contains may take the window elsewhere.
 */
import { BrowserWindow, nativeTheme, type WebContents } from 'electron';
import { APP_URL } from './protocol.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

/** Apply the navigation and popup rules to any web contents the app creates. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Deny every permission request (camera, notifications, clipboard-read, …) for the session. */
export function denyPermissions(contents: WebContents): void {
  const session = contents.session;
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Defence in depth under the CSP: the renderer has no business on the network.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/**
 * Create the main window over app://exhibit where the reviewer last left it (state kept in
 * `stateFile`), and show it once painted.
 */
export function createMainWindow(preload: string, stateFile: string): BrowserWindow {
  const state = loadWindowState(stateFile);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 760,
    minHeight: 480,
    title: 'Exhibit',
    show: false,
    // The page's own background for the OS theme, so the window does not flash the other one.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#151719' : '#f4f4f1',
    autoHideMenuBar: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  denyPermissions(win.webContents);
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(APP_URL);
  return win;
}
