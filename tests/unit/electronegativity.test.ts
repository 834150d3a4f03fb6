/**
 * The Electronegativity step of `npm test` (scripts/electronegativity.ts): it finds what
 * it should in a deliberately unsafe shell, stays offline, and fails the step on HIGH and
 * MEDIUM findings and on files it cannot parse.
 */
import dns from 'node:dns';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { blockingFindings, describeFinding, EXCLUDED_CHECKS, scan } from '../../scripts/electronegativity.ts';
import { tempDir, writeFile } from './helpers.ts';

const unsafe = `import { app, BrowserWindow, shell } from 'electron';
export function open(url: string): void {
  const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, webSecurity: false } });
  void win.loadURL('http://example.org/');
  void shell.openExternal(url);
  app.commandLine.appendSwitch('ignore-certificate-errors');
}
`;

describe('electronegativity', () => {
  it('fails an unsafe shell, naming each finding with its file, line and check', async () => {
    const dir = tempDir();
    writeFile(dir, 'shell/main.ts', unsafe);
    const result = await scan(dir, ['shell']);
    const blocking = blockingFindings(result);
    const where = blocking.map((f) => `${f.file}:${f.line} ${f.check} ${f.severity}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'shell/main.ts:3 CONTEXT_ISOLATION_JS_CHECK HIGH',
        'shell/main.ts:3 SANDBOX_JS_CHECK MEDIUM',
        'shell/main.ts:3 WEB_SECURITY_JS_CHECK MEDIUM',
        'shell/main.ts:4 HTTP_RESOURCES_JS_CHECK MEDIUM',
        'shell/main.ts:5 OPEN_EXTERNAL_JS_CHECK MEDIUM',
        'shell/main.ts:6 CUSTOM_ARGUMENTS_JS_CHECK MEDIUM',
      ]),
    );
    // No will-navigate handler and no permission handler anywhere: the global checks notice.
    expect(blocking.map((f) => f.check)).toEqual(
      expect.arrayContaining(['LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
    expect(describeFinding(blocking.find((f) => f.check === 'CONTEXT_ISOLATION_JS_CHECK')!)).toMatch(
      /^shell\/main\.ts:3 {2}CONTEXT_ISOLATION_JS_CHECK {2}HIGH \(FIRM\) {2}const win = new BrowserWindow/,
    );
  });

  it('runs offline: the check that needs the network is left out, and nothing connects anywhere', async () => {
    expect(EXCLUDED_CHECKS).toEqual(['AvailableSecurityFixesGlobalCheck']);
    const dir = tempDir();
    writeFile(dir, 'shell/main.ts', unsafe);
    const attempts: string[] = [];
    const connect = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket) {
      attempts.push('socket');
      return this;
    });
    const lookup = vi.spyOn(dns, 'lookup').mockImplementation((() => attempts.push('dns')) as unknown as typeof dns.lookup);
    let result: Awaited<ReturnType<typeof scan>>;
    try {
      result = await scan(dir, ['shell']);
    } finally {
      connect.mockRestore();
      lookup.mockRestore();
    }
    expect(attempts).toEqual([]);
    expect(result.findings.map((f) => f.check)).not.toContain('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK');
    expect(result.checks).toBeGreaterThan(30);
  });

  it('honours a reviewed exception only on the line that carries it', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'shell/links.ts',
      `import { shell } from 'electron';
export async function reviewed(url: string) {
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}
export async function unreviewed(url: string) {
  await shell.openExternal(url);
}
`,
    );
    const open = (await scan(dir, ['shell'])).findings.filter((f) => f.check === 'OPEN_EXTERNAL_JS_CHECK');
    expect(open.map((f) => f.line)).toEqual([6]);
  });

  it('reports a file it cannot parse, so the step fails rather than skipping it', async () => {
    const dir = tempDir();
    writeFile(dir, 'shell/broken.ts', 'export const = ;\n');
    const result = await scan(dir, ['shell']);
    expect(result.unparsed.map((u) => u.file)).toEqual(['shell/broken.ts']);
  });
});
