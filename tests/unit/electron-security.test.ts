/**
 * The Electron shell's security rules, each through the pure function or small module
 * that main.ts wires in (there is no Electron binary in CI, so Electron's objects are
 * replaced by stand-ins that record what they were given).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../shared/csp.ts';
import { hardenContents, isOpenableExternally, DENIED_CONTENTS_EVENTS } from '../../electron/main/contents-policy.ts';
import { guardedCall, isTrustedFrame } from '../../electron/main/ipc-guard.ts';
import { applySessionPolicy, requestAllowed, type SessionLike } from '../../electron/main/session-policy.ts';
import { createSecureWindow } from '../../electron/main/secure-window.ts';
import { claimInstance, handOver, handOverSteps, type WindowLike } from '../../electron/main/single-instance.ts';
import type { Router } from '../../electron/services/router.ts';

/** Stands in for BrowserWindow: keeps the options it was constructed with. */
class FakeWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}

const input = { preload: '/app/dist/preload/preload.cjs', bounds: { width: 1280, height: 840 }, backgroundColor: '#151719' };

describe('windows', () => {
  it('are created sandboxed, isolated, without Node, webviews or insecure content', () => {
    const win = createSecureWindow(FakeWindow, { ...input, packaged: true });
    expect(win.options.webPreferences).toEqual({
      preload: '/app/dist/preload/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      spellcheck: false,
    });
    expect(win.options).toMatchObject({ width: 1280, height: 840, show: false });
  });

  it('have developer tools only when the app is not packaged', () => {
    expect(createSecureWindow(FakeWindow, { ...input, packaged: true }).options.webPreferences?.devTools).toBe(false);
    expect(createSecureWindow(FakeWindow, { ...input, packaged: false }).options.webPreferences?.devTools).toBe(true);
  });

  it('are all made by createSecureWindow: no other BrowserWindow in the shell', () => {
    const dir = path.resolve('electron/main');
    const constructing = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && /new BrowserWindow\(/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(constructing).toEqual(['secure-window.ts']);
    expect(fs.readFileSync(path.join(dir, 'window.ts'), 'utf8')).toContain('createSecureWindow(BrowserWindow,');
  });
});

/** A web contents stand-in: real events, and the window-open handler it was given. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

describe('web contents', () => {
  it('never navigate, redirect or attach a webview: each event is cancelled', () => {
    const contents = new FakeContents();
    hardenContents(contents);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'] as const) {
      const event = { preventDefault: vi.fn() };
      // A dropped file arrives as a will-navigate to its file:// URL.
      contents.emit(name, event, name === 'will-navigate' ? 'file:///home/reviewer/evidence.pdf' : 'https://example.org/');
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(DENIED_CONTENTS_EVENTS).toHaveLength(4);
  });

  it('never open a window, whatever the address', () => {
    const contents = new FakeContents();
    hardenContents(contents);
    for (const url of [
      'https://example.org/',
      'app://exhibit/index.html',
      'file:///etc/passwd',
      'about:blank',
      'javascript:alert(1)',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('hand only http(s) links to the system browser', () => {
    expect(isOpenableExternally('https://example.org/report?x=1#p2')).toBe(true);
    expect(isOpenableExternally('http://example.org/')).toBe(true);
    for (const url of [
      'mailto:someone@example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://exhibit/index.html',
      'smb://server/share',
      'ms-settings:privacy',
      'https://user:secret@example.org/',
      '//example.org/',
      'not a url',
      '',
    ]) {
      expect(isOpenableExternally(url), url).toBe(false);
    }
  });
});

describe('sessions', () => {
  it('let through only the app itself, and data:/blob: it makes; devtools only unpackaged', () => {
    const packaged = { packaged: true };
    expect(requestAllowed('app://exhibit/index.html', packaged)).toBe(true);
    expect(requestAllowed('app://exhibit/original/abc', packaged)).toBe(true);
    expect(requestAllowed('data:image/png;base64,AAAA', packaged)).toBe(true);
    expect(requestAllowed('blob:app://exhibit/0b7c-11', packaged)).toBe(true);
    for (const url of [
      'http://example.org/',
      'https://example.org/',
      'ws://127.0.0.1:9222/',
      'wss://example.org/socket',
      'ftp://example.org/file',
      'file:///etc/passwd',
      'file:///C:/Windows/win.ini',
      'app://elsewhere/index.html',
      'chrome://gpu',
      'devtools://devtools/bundled/devtools_app.html',
      'not a url',
    ]) {
      expect(requestAllowed(url, packaged), url).toBe(false);
    }
    expect(requestAllowed('devtools://devtools/bundled/devtools_app.html', { packaged: false })).toBe(true);
    expect(requestAllowed('https://example.org/', { packaged: false })).toBe(false);
  });

  it('cancel network and file requests, refuse every permission and every download', () => {
    let onRequest: Parameters<SessionLike['webRequest']['onBeforeRequest']>[0] | null = null;
    let onPermission: Parameters<SessionLike['setPermissionRequestHandler']>[0] | null = null;
    let onCheck: (() => boolean) | null = null;
    let onDevice: (() => boolean) | null = null;
    const events = new EventEmitter();
    const session: SessionLike = {
      webRequest: { onBeforeRequest: (listener) => void (onRequest = listener) },
      setPermissionRequestHandler: (handler) => void (onPermission = handler),
      setPermissionCheckHandler: (handler) => void (onCheck = handler),
      setDevicePermissionHandler: (handler) => void (onDevice = handler),
      on: (name, listener) => events.on(name, listener),
    };
    applySessionPolicy(session, { packaged: true });

    const decide = (url: string) => {
      let answer: { cancel: boolean } | null = null;
      onRequest!({ url }, (response) => (answer = response));
      return answer;
    };
    expect(decide('app://exhibit/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://example.org/track.gif')).toEqual({ cancel: true });
    expect(decide('wss://example.org/')).toEqual({ cancel: true });
    expect(decide('file:///home/reviewer/.ssh/id_ed25519')).toEqual({ cancel: true });

    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      onPermission!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    expect(onCheck!()).toBe(false);
    expect(onDevice!()).toBe(false);
    const download = { preventDefault: vi.fn() };
    events.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('the Content Security Policy', () => {
  it('names no source but the app itself (and data:/blob: it makes)', () => {
    for (const policy of [CSP_HEADER, CSP_META]) {
      for (const directive of policy.split('; ')) {
        const [name, ...sources] = directive.split(' ');
        for (const source of sources) expect(["'self'", "'none'", 'data:', 'blob:'], `${name} ${source}`).toContain(source);
      }
    }
    expect(CSP_HEADER).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(CSP_HEADER).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(CSP_HEADER).toMatch(/(^|; )connect-src 'self'(;|$)/);
  });
});

describe('IPC senders', () => {
  const top = (url: string) => ({ url, parent: null });

  it('trust only the top frame of app://exhibit', () => {
    expect(isTrustedFrame(top('app://exhibit/index.html'))).toBe(true);
    expect(isTrustedFrame(top('app://exhibit/'))).toBe(true);
    // A subframe of our own page, another origin, or a frame that is gone.
    expect(isTrustedFrame({ url: 'app://exhibit/index.html', parent: top('app://exhibit/index.html') })).toBe(false);
    for (const url of [
      'https://example.org/',
      'http://localhost:5173/',
      'file:///home/reviewer/page.html',
      'app://exhibit.example.org/',
      'app://other/index.html',
      'app://user@exhibit/index.html',
      'app://exhibit:8080/',
      'devtools://devtools/bundled/devtools_app.html',
      'about:blank',
      '',
    ]) {
      expect(isTrustedFrame(top(url)), url).toBe(false);
    }
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });

  it('refuse an untrusted sender without the router running; pass a trusted one through', async () => {
    const call = vi.fn<Router['call']>(async () => ({ ok: true, value: 'ran' }));
    const router: Router = { call };
    const refused = await guardedCall(router, { url: 'https://example.org/', parent: null }, 'case.info', {});
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '"case.info" may only be called by the Exhibit window', subject: 'case.info' },
    });
    expect(await guardedCall(router, null, 'documents.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(call).not.toHaveBeenCalled();
    expect(await guardedCall(router, { url: 'app://exhibit/index.html', parent: null }, 'case.info', {})).toEqual({
      ok: true,
      value: 'ran',
    });
    expect(call).toHaveBeenCalledWith('case.info', {});
  });
});

describe('a single instance', () => {
  const fakeApp = (lock: boolean, ready = false) => ({
    isReady: vi.fn(() => ready),
    requestSingleInstanceLock: vi.fn(() => lock),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
  });

  it('the first claims the lock and sandboxes every renderer; a second quits', () => {
    const first = fakeApp(true);
    expect(claimInstance(first)).toBe(true);
    expect(first.enableSandbox).toHaveBeenCalledOnce();
    expect(first.quit).not.toHaveBeenCalled();

    const second = fakeApp(false);
    expect(claimInstance(second)).toBe(false);
    expect(second.quit).toHaveBeenCalledOnce();
  });

  it('must claim before the app is ready (the sandbox cannot be turned on later)', () => {
    expect(() => claimInstance(fakeApp(true, true))).toThrow(/before the app is ready/);
  });

  const fakeWindow = (state: { minimized?: boolean; visible?: boolean; destroyed?: boolean }) => {
    const calls: string[] = [];
    const win: WindowLike = {
      isDestroyed: () => state.destroyed ?? false,
      isMinimized: () => state.minimized ?? false,
      isVisible: () => state.visible ?? true,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    };
    return { win, calls };
  };

  it('the first brings its window back when a second starts', () => {
    const minimized = fakeWindow({ minimized: true, visible: false });
    handOver(minimized.win, true, () => expect.unreachable('a window exists'));
    expect(minimized.calls).toEqual(['restore', 'show', 'focus']);

    const behind = fakeWindow({});
    handOver(behind.win, true, () => expect.unreachable('a window exists'));
    expect(behind.calls).toEqual(['focus']);

    const open = vi.fn();
    handOver(null, true, open);
    handOver(fakeWindow({ destroyed: true }).win, true, open);
    expect(open).toHaveBeenCalledTimes(2);
    // Still starting: the window is on its way.
    expect(handOverSteps(null, false)).toEqual([]);
  });
});

describe('the shell wires each rule', () => {
  // main.ts needs Electron to run; this keeps its wiring from being dropped unnoticed.
  const main = fs.readFileSync(path.resolve('electron/main/main.ts'), 'utf8');

  it('claims the instance and sandboxes before anything else, at load time', () => {
    expect(main).toMatch(/^if \(claimInstance\(app\)\) \{$/m);
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => hardenContents(contents));");
    expect(main).toMatch(/app\.on\('second-instance', \(_event, argv, workingDirectory\) => \{\n\s+handOver\(/);
    expect(main).toContain('caseArgument(argv, workingDirectory)');
  });

  it('applies the session policy and the file: refusal before the window opens', () => {
    const start = main.slice(main.indexOf('async function start()'));
    const policy = start.indexOf('applySessionPolicy(session.defaultSession');
    const file = start.indexOf('denyFileScheme()');
    const window = start.indexOf('openWindow()');
    expect(policy).toBeGreaterThan(0);
    expect(file).toBeGreaterThan(0);
    expect(window).toBeGreaterThan(Math.max(policy, file));
    expect(main).toContain("app.on('session-created', (created) => applySessionPolicy(created");
  });

  it('routes IPC through the path grants', () => {
    expect(main).toMatch(/wireIpc\(withPathGrants\(.*, grants\), grants\)/);
  });
});
