/**
 * Every input the fuzzer ever failed on (tests/fixtures/fuzz/<kind>-<hash>.pdf|zip) runs
 * again through the same checks: new findings saved by `npm run fuzz` or by the fuzz test
 * are picked up here without any change to this file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuzzRig, savedFindings } from '../fuzz/harness.ts';

const fixtures = savedFindings();

describe('fuzz regressions', () => {
  let dir: string;
  let rig: FuzzRig;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-fuzz-regressions-'));
    rig = new FuzzRig({ dir });
  });
  afterAll(async () => {
    await rig.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has saved fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map(([kind, file]) => [path.basename(file), kind, file] as const))(
    '%s passes (imports, or fails clearly leaving the case as it was)',
    async (_name, kind, file) => {
      const outcome = await rig.run(kind, new Uint8Array(fs.readFileSync(file)), path.basename(file));
      expect(outcome.problem, `${outcome.label}`).toBeNull();
    },
    120_000,
  );
});
