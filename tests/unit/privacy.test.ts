/**
 * No network traffic at all. A reviewer's session — import, search, highlight, link,
 * export, verify, import the bundle — runs through the real engine in a child process with
 * a network guard preloaded in every thread (tests/privacy/net-guard.ts), including the
 * pdf.js extraction workers; the guard records any attempt and the test finds none. The
 * guard is first shown to catch deliberate attempts, so this test can fail. Where the
 * machine allows it, the session also runs in an empty network namespace under strace.
 * Then: no telemetry in the code or the dependencies, and a CSP that loads nothing remote.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../shared/csp.ts';
import type { GuardRecord } from '../privacy/net-guard.ts';
import { appSources, networkModuleUsers, phoneHomeLines, TELEMETRY_PACKAGE } from '../privacy/telemetry-scan.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = path.join(ROOT, 'tests', 'privacy', 'net-guard.ts');
const SCENARIO = path.join(ROOT, 'tests', 'privacy', 'scenario.ts');

/** Run the scenario under the guard; its JSON summary and what the guard recorded. */
function underGuard(mode: 'probe' | 'review', wrap: string[] = []) {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-guard-')), 'attempts.jsonl');
  const [cmd, ...args] = [...wrap, process.execPath, '--import', GUARD, SCENARIO, mode];
  const run = spawnSync(cmd!, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, EXHIBIT_NET_GUARD_LOG: log },
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const records = fs.existsSync(log)
    ? fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as GuardRecord)
    : [];
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  return { summary: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>, records, stderr: run.stderr };
}

describe('no network traffic', () => {
  it('the guard records and refuses every kind of attempt, in the main thread and in worker threads', () => {
    const { summary, records } = underGuard('probe');
    const attempts = records.filter((r) => r.kind === 'attempt');
    expect(attempts.filter((r) => r.main).map((r) => r.api)).toEqual([
      'net.connect',
      'tls.connect',
      'http.get',
      'fetch',
      'dns.lookup',
      'dns.promises.resolve4',
      'dgram.createSocket',
      'WebSocket',
    ]);
    expect(attempts.filter((r) => !r.main).map((r) => r.api)).toEqual(['net.connect', 'fetch']);
    expect(summary).toEqual({
      refused: [
        'net.connect',
        'tls.connect',
        'http.get',
        'fetch',
        'dns.lookup',
        'dns.promises.resolve4',
        'dgram.createSocket',
        'WebSocket',
      ],
      fromWorker: '2 of 2 refused',
    });
  });

  it('a whole review session makes no connection attempt, in the engine or its extraction workers', () => {
    const { summary, records } = underGuard('review');
    // The session really ran: documents in, found, highlighted, exported, verified, merged.
    expect(summary).toMatchObject({ failed: [], verified: true });
    expect(summary.imported).toBeGreaterThanOrEqual(4);
    expect(summary.hits).toBeGreaterThan(0);
    expect(summary.merged).toBe(summary.imported);
    // The guard was in place in the main thread and in every extraction worker (two pools of two).
    const loaded = records.filter((r) => r.kind === 'loaded');
    expect(loaded.filter((r) => r.main)).toHaveLength(1);
    expect(loaded.filter((r) => !r.main).length).toBeGreaterThanOrEqual(2);
    expect(records.filter((r) => r.kind === 'attempt')).toEqual([]);
  });

  const strace = spawnSync('strace', ['-V']).status === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
  if (!strace) console.warn('Skipped the network-namespace check: it needs strace and "unshare -n" (root) on this machine.');
  /** The socket calls of a command run in an empty network namespace, other than glibc's name-service cache. */
  function networkCalls(command: string[], env: Record<string, string> = {}): string[] {
    const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-strace-')), 'trace');
    const run = spawnSync(
      'unshare',
      ['-n', 'strace', '-f', '-qq', '-o', trace, '-e', 'trace=socket,connect,bind,sendto,sendmsg', ...command],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const calls = fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    fs.rmSync(path.dirname(trace), { recursive: true, force: true });
    // glibc looks the user up (for the reviewer's login name) through its name-service cache
    // socket when one exists: a local Unix socket, not the network. Anything else counts.
    return calls.filter(
      (c) =>
        /AF_INET|AF_INET6|AF_PACKET|AF_NETLINK/.test(c) ||
        (/\b(connect|sendto|sendmsg)\(/.test(c) && !/sun_path="\/(var\/)?run\/nscd\/socket"/.test(c)),
    );
  }

  it.skipIf(!strace)(
    'in an empty network namespace, under strace and without the guard, the session opens no network socket',
    () => {
      // The check can fail: a plain connection attempt (no guard) shows up.
      const attempt = "require('node:net').connect(443, '192.0.2.1').on('error', () => {})";
      expect(networkCalls([process.execPath, '-e', attempt]).join('\n')).toMatch(/connect\(\d+, \{sa_family=AF_INET/);
      // Without the guard this time: whatever the engine, pdf.js or a native library would try reaches the kernel.
      expect(networkCalls([process.execPath, SCENARIO, 'review'])).toEqual([]);
    },
  );
});

describe('no telemetry', () => {
  it('the scan finds crash reporters, updaters, telemetry packages and remote requests (so it can fail)', () => {
    const planted = [
      "crashReporter.start({ submitURL: 'https://crash.example' });",
      "import { autoUpdater } from 'electron';",
      "import * as Sentry from '@sentry/electron';",
      "const r = net.request('https://example.org');",
      "await fetch('https://telemetry.example/v1');",
      "new WebSocket('wss://example.org/live');",
    ];
    expect(planted.map((line) => phoneHomeLines(line, 'x.ts').length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(phoneHomeLines('const res = await fetch(originalPath(id)); // app://exhibit/original/…', 'x.ts')).toEqual([]);
  });

  it('the shell, preload, engine, CLI and interface never start a crash reporter or updater, nor call out', () => {
    const files = appSources(ROOT);
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((f) => phoneHomeLines(fs.readFileSync(path.join(ROOT, f), 'utf8'), f));
    expect(hits).toEqual([]);
  });

  it('no telemetry or update package is a dependency, packaging configures no update feed, and the shipped libraries load no network module', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
    expect(names.filter((n) => TELEMETRY_PACKAGE.test(n))).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')).not.toMatch(/^\s*publish\s*:/m);
    // pdf.js can fetch a document by URL, and the canvas it draws scanned pages on for OCR can
    // load an image by URL (loadImage); Exhibit always hands them bytes, never calls loadImage, and
    // the guarded sessions (above, and ocr-privacy.test.ts for reading scans) show neither reaches
    // out. Every other shipped library has no way to.
    const shipped = Object.keys(pkg.dependencies ?? {}).filter((n) => n !== 'pdfjs-dist' && n !== '@napi-rs/canvas');
    const users = shipped.flatMap((n) => networkModuleUsers(path.join(ROOT, 'node_modules', n)));
    expect(users.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe('the Content Security Policy', () => {
  it('lets the page load and connect to nothing remote', () => {
    const fetchDirectives = [
      'default-src',
      'connect-src',
      'img-src',
      'font-src',
      'media-src',
      'script-src',
      'style-src',
      'worker-src',
      'frame-src',
      'object-src',
    ];
    for (const policy of [CSP_HEADER, CSP_META]) {
      const directives = new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...sources]) => [name!, sources]),
      );
      // A directive left out falls back to default-src, which must then be 'none'.
      expect(directives.get('default-src')).toEqual(["'none'"]);
      for (const name of fetchDirectives) {
        const sources = directives.get(name) ?? directives.get('default-src')!;
        const remote = sources.filter((s) => /^(\*|https?:|wss?:|ftp:)/.test(s) || /^[\w*.-]+\.[a-z]{2,}(:\d+)?(\/|$)/i.test(s));
        expect(remote, `${name} ${sources.join(' ')}`).toEqual([]);
      }
    }
  });
});
