/**
 * The options every Exhibit window is created with. The Electron class is passed in, so
 * the unit test (tests/unit/electron-security.test.ts) constructs a window with a stand-in
 * and asserts exactly what Electron would get, and Electronegativity reads the settings
 * in the literal below.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface SecureWindowInput {
  /** The sandboxed preload (dist/preload/preload.cjs). */
  preload: string;
  /** app.isPackaged: an installed app has no developer tools. */
  packaged: boolean;
  bounds: { width: number; height: number; x?: number; y?: number };
  backgroundColor: string;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/** Create a window under the app's rules: sandboxed, isolated, no Node, no webview, no insecure content. */
export function createSecureWindow<W>(BrowserWindow: WindowConstructor<W>, input: SecureWindowInput): W {
  return new BrowserWindow({
    ...input.bounds,
    minWidth: 760,
    minHeight: 480,
    title: 'Exhibit',
    show: false,
    backgroundColor: input.backgroundColor,
    autoHideMenuBar: false,
    webPreferences: {
      // Reviewed: the preload exposes only named methods through contextBridge (no ipcRenderer, process or env).
      preload: input.preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click on a link would otherwise ask for a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: !input.packaged,
      spellcheck: false,
    },
  });
}
