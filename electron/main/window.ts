/**
 * The main window: created under the app's rules (secure-window.ts), where the reviewer
 * last left it, over app://exhibit. The navigation, popup, permission and request rules
 * are applied app-wide in main.ts (contents-policy.ts, session-policy.ts).
 */
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_URL } from './app-url.ts';
import { createSecureWindow } from './secure-window.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

/** The page's background (styles.css --bg) in the theme nativeTheme resolves to now. */
export const windowBackground = (): string => (nativeTheme.shouldUseDarkColors ? '#151719' : '#f4f4f1');

/**
 * Create the main window over app://exhibit where the reviewer last left it (state kept in
 * `stateFile`), and show it once painted. `packaged` is app.isPackaged (no developer tools).
 */
export function createMainWindow(preload: string, stateFile: string, packaged: boolean): BrowserWindow {
  const state = loadWindowState(stateFile);
  const win = createSecureWindow(BrowserWindow, {
    preload,
    packaged,
    bounds: state.bounds,
    // The page's own background for the theme, so the window does not flash the other one.
    backgroundColor: windowBackground(),
  });
  trackWindowState(win, stateFile);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(APP_URL);
  return win;
}
