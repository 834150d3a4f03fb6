/**
 * The main window and the rules every web contents lives under: no navigation away
 * from the app, no new windows, no <webview>, no permissions. Evidence is opened
 * inside the app; nothing a document contains may take the window elsewhere.
 */
import { BrowserWindow, type WebContents } from 'electron';
import { APP_URL } from './protocol.ts';

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

/** Create the main window over app://exhibit and show it once painted. */
export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 760,
    minHeight: 480,
    title: 'Exhibit',
    show: false,
    backgroundColor: '#f6f6f4',
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
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
