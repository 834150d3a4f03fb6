/**
 * A source scan for anything that would phone home: Electron's crash reporter or
 * auto-updater, telemetry and error-reporting packages, Electron's net module, and
 * fetch/WebSocket/EventSource/sendBeacon aimed at a literal remote address.
 */
import fs from 'node:fs';
import path from 'node:path';

const RULES: [RegExp, string][] = [
  [/\bcrashReporter\b/, "Electron's crash reporter (uploads crash dumps)"],
  [/\bautoUpdater\b/, 'an auto-updater (asks a server for updates)'],
  [
    /['"](electron-updater|update-electron-app|@sentry\/[\w-]+|@bugsnag\/[\w-]+|posthog-[\w-]+|mixpanel[\w-]*|@segment\/[\w-]+|applicationinsights|newrelic|dd-trace|@datadog\/[\w-]+|raven[\w-]*|universal-analytics|electron-google-analytics|nucleus-nodejs|@aptabase\/[\w-]+|@vercel\/analytics)['"]/,
    'a telemetry, update or error-reporting package',
  ],
  [/\bnet\.(request|fetch)\s*\(/, "Electron's net module (requests from the main process)"],
  [/\b(fetch|WebSocket|EventSource|sendBeacon)\s*\(\s*['"`](https?|wss?):/, 'a request to a remote address'],
];

/** Telemetry and update packages, for the dependency check. */
export const TELEMETRY_PACKAGE =
  /^(electron-updater|update-electron-app|@sentry\/|@bugsnag\/|posthog-|mixpanel|@segment\/|applicationinsights$|newrelic$|dd-trace$|@datadog\/|raven|universal-analytics$|electron-google-analytics$|nucleus-nodejs$|@aptabase\/|@vercel\/analytics$)/;

/** "file:line: what" for each line of `text` that would phone home. */
export function phoneHomeLines(text: string, file: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [re, what] of RULES) if (re.test(line)) out.push(`${file}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
  });
  return out;
}

/** The app's own source files (shell, preload, engine, CLI, interface, shared), relative to `root`. */
export function appSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mjs|js|html)$/.test(e.name)) out.push(rel);
    }
  };
  for (const dir of ['electron', 'renderer', 'shared']) walk(dir);
  return out.sort();
}

/** Files of an installed package that load Node's network modules. */
export function networkModuleUsers(packageDir: string): string[] {
  const re = /(require\(\s*|from\s+|import\(\s*)['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]/;
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(full);
      } else if (/\.(c|m)?js$/.test(e.name) && re.test(fs.readFileSync(full, 'utf8'))) out.push(full);
    }
  };
  walk(packageDir);
  return out;
}
