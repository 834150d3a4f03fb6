/**
 * `npm test`: exactly what CI runs — lint, type-check, unit tests, build, Electronegativity,
 * end-to-end tests — then one closing line with the counts: "tests: N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Not test-results/: Playwright empties that folder when it starts.
const out = path.join('node_modules', '.cache', 'exhibit-test-reports');
fs.mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, 'vitest.json');
const playwrightJson = path.join(out, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(playwrightJson, { force: true });

const steps: [string, string[], Record<string, string>?][] = [
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['unit', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['build', ['npm', 'run', '--silent', 'build']],
  // Static checks of the Electron shell, preload and UI; fails on HIGH or MEDIUM findings (offline, ~1 s).
  ['electronegativity', ['node', 'scripts/electronegativity.ts']],
  ['e2e', ['npx', 'playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
];

const failedSteps: string[] = [];
for (const [name, [cmd, ...args], env] of steps) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd!, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(name);
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
}
interface PwSuite {
  specs?: { title: string; tests: { status: string; annotations?: { type: string; description?: string }[] }[] }[];
  suites?: PwSuite[];
}
if (fs.existsSync(playwrightJson)) {
  const p = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    suites: PwSuite[];
  };
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
  // Say why each end-to-end test was skipped (the Electron launch test, where there is no Electron binary).
  const walk = (suite: PwSuite): void => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests)
        if (t.status === 'skipped') {
          const why = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          console.log(`skipped: ${spec.title} — ${why}`);
        }
    suite.suites?.forEach(walk);
  };
  p.suites.forEach(walk);
}
console.log('');
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || passed === 0 ? 1 : 0);
