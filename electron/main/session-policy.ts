/**
 * What a session may load and ask for. The UI comes from app://exhibit and reads nothing
 * else: every request to the network (http, https, ws, wss, ftp…) or the disk (file:) is
 * cancelled before it starts, every permission (camera, notifications, clipboard reading,
 * devices…) is refused, and downloads never start. Pure over the few Session methods used,
 * so tests/unit/electron-security.test.ts drives it with a stand-in.
 */
import { APP_HOST, APP_SCHEME } from './app-url.ts';

export interface RequestContext {
  /** app.isPackaged: only a development build may load the developer tools' own pages. */
  packaged: boolean;
}

/**
 * Whether a request may go ahead: the app's own origin, and the data: and blob: URLs the
 * page makes itself (the CSP still governs which of those it may use); the developer
 * tools' pages in a development build. Everything else is refused.
 */
export function requestAllowed(url: string, context: RequestContext): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return parsed.host === APP_HOST;
    case 'data:':
    case 'blob:':
      return true;
    case 'devtools:':
      return !context.packaged;
    default:
      return false;
  }
}

type RequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** The part of Electron's Session this policy sets. */
export interface SessionLike {
  webRequest: { onBeforeRequest(listener: RequestListener): void };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Apply the request, permission and download rules to a session. */
export function applySessionPolicy(session: SessionLike, context: RequestContext): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url, context) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
