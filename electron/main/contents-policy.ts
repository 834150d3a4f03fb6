/**
 * The rules every web contents lives under: it never navigates away from the app (a link,
 * a redirect, a dropped file or a script), never opens a window, never attaches a
 * <webview>. Evidence is read inside the app; nothing a document holds may take the
 * window elsewhere. Pure over the few WebContents methods used, so the unit test
 * (tests/unit/electron-security.test.ts) drives it with a stand-in.
 */

interface Preventable {
  preventDefault(): void;
}

/** The part of Electron's WebContents these rules use. */
export interface ContentsLike {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: Preventable) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Events whose default is a navigation or a webview; each is cancelled. */
export const DENIED_CONTENTS_EVENTS = ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'] as const;

/** Apply the navigation, popup and webview rules to a web contents. */
export function hardenContents(contents: ContentsLike): void {
  for (const name of DENIED_CONTENTS_EVENTS) contents.on(name, (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The only schemes a link may be opened with outside the app: the web, in the system browser. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:']);

/**
 * True when `url` may be handed to the system browser: http or https only (no file:, no
 * mail or custom handlers, no credentials in the address). The UI asks the reviewer first;
 * the host checks again here, since the renderer is never trusted to have done so.
 */
export function isOpenableExternally(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return EXTERNAL_SCHEMES.has(parsed.protocol) && parsed.hostname !== '' && !parsed.username && !parsed.password;
}
