/**
 * Electronegativity (Doyensec's static checker for Electron apps) over the Electron shell,
 * the preload and the UI, as a step of `npm test`: it fails on any HIGH or MEDIUM finding,
 * and on any file it could not parse (a file it skipped is a file nobody checked).
 *
 * Offline and quick: the check that downloads Electron's release list is left out, and the
 * tool's own download of translations is answered locally (its HTTP client is replaced by
 * one that always fails, so nothing is ever sent). A finding that is reviewed and safe is
 * silenced where it occurs with an `eng-disable CHECK_ID` comment saying why.
 *
 * `node scripts/electronegativity.ts [folder…]` scans the given folders instead.
 */
import fs from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Checks left out, by the name Electronegativity gives them (its -x option).
 * AvailableSecurityFixesGlobalCheck downloads Electron's release notes to compare versions:
 * it needs the network, which tests never use. The Electron version is pinned in
 * package.json and upgraded deliberately.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** What is scanned, relative to the repository: the shell, the preload, the UI and its page. */
export const DEFAULT_INPUTS = ['electron/main', 'electron/preload', 'renderer/src', 'dist/renderer/index.html'];

/** Severities that fail the step. */
export const BLOCKING = new Set(['HIGH', 'MEDIUM']);

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the tool could not parse (and so did not check). */
  unparsed: { file: string; message: string }[];
  checks: number;
  files: number;
}

interface RawIssue {
  id: string;
  file: string;
  sample?: string;
  location?: { line?: number };
  severity: { name: string };
  confidence: { name: string };
}
interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const OFFLINE = 'exhibit-offline:got';
let hooked = false;

/** Make Electronegativity's `require('got')` load a client that fails at once without touching the network. */
function keepOffline(): void {
  if (hooked) return;
  hooked = true;
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === 'got' && context.parentURL?.includes('/@doyensec/electronegativity/')) {
        return { url: OFFLINE, format: 'commonjs', shortCircuit: true };
      }
      return next(specifier, context);
    },
    load(url, context, next) {
      if (url !== OFFLINE) return next(url, context);
      const source =
        "module.exports = () => Promise.reject(new Error('offline: Exhibit runs Electronegativity without the network'));";
      return { format: 'commonjs', source, shortCircuit: true };
    },
  });
}

/** Copy the inputs into a fresh folder (same relative paths) with a package.json naming our Electron version. */
function stage(base: string, inputs: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-eng-'));
  for (const input of inputs) {
    const from = path.resolve(base, input);
    if (!fs.existsSync(from)) throw new Error(`electronegativity: ${input} does not exist (run "npm run build" first?)`);
    fs.cpSync(from, path.join(dir, input), { recursive: true });
  }
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'exhibit-scan', devDependencies: { electron: electronVersion() } }),
  );
  return dir;
}

function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies.electron!.replace(/^[^\d]*/, '');
}

/** Run Electronegativity over `inputs` (paths relative to `base`). */
export async function scan(base: string, inputs: readonly string[]): Promise<ScanResult> {
  keepOffline();
  const run = require('@doyensec/electronegativity') as Run;
  const dir = stage(base, inputs);
  // Its messages in English whatever the machine's locale; its console lines (the skipped
  // translation download) are noise here: findings are printed by the caller.
  const lang = process.env.LANG;
  process.env.LANG = 'en-US';
  const log = console.log;
  console.log = () => {};
  let raw: RawResult;
  try {
    raw = await run({
      input: dir,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion(),
    });
  } finally {
    console.log = log;
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
  }
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  fs.rmSync(dir, { recursive: true, force: true });
  const relative = (file: string) => (path.isAbsolute(file) ? path.relative(dir, file) : file).split(path.sep).join('/');
  return {
    findings: raw.issues.map((i) => ({
      check: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: relative(i.file),
      line: i.location?.line ?? 0,
      sample: (i.sample ?? '').trim().slice(0, 160),
    })),
    unparsed: raw.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(e.file), message: e.message })),
    checks: raw.globalChecks + raw.atomicChecks,
    files,
  };
}

/** The findings that fail the step. */
export const blockingFindings = (result: ScanResult): Finding[] => result.findings.filter((f) => BLOCKING.has(f.severity));

/** One line per finding: where, which check, how severe. */
export const describeFinding = (f: Finding): string =>
  `${f.file}:${f.line}  ${f.check}  ${f.severity} (${f.confidence})${f.sample ? `  ${f.sample}` : ''}`;

async function main(): Promise<number> {
  const inputs = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_INPUTS;
  const result = await scan(root, inputs);
  const report = path.join(root, 'node_modules', '.cache', 'exhibit-test-reports', 'electronegativity.json');
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(report, JSON.stringify(result, null, 2));
  const blocking = blockingFindings(result);
  console.log(
    `electronegativity: ${result.checks} checks over ${result.files} files (${inputs.join(', ')}); left out: ${EXCLUDED_CHECKS.join(', ')}`,
  );
  for (const f of result.findings) console.log(`${BLOCKING.has(f.severity) ? 'FAIL' : 'note'}  ${describeFinding(f)}`);
  for (const u of result.unparsed) console.log(`FAIL  ${u.file}: not parsed, so not checked: ${u.message}`);
  if (result.checks === 0 || result.files === 0) {
    console.log('FAIL  electronegativity ran no checks');
    return 1;
  }
  const failed = blocking.length + result.unparsed.length;
  console.log(failed === 0 ? 'electronegativity: no HIGH or MEDIUM findings' : `electronegativity: ${failed} problem(s)`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main();
