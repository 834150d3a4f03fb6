/**
 * Mutation fuzzing in the suite: 2,000 mutants of small PDFs (our own, the sample report,
 * and the pdf.js corpus files up to 64 KB when the corpus is beside the repo) and of
 * exported bundles, through the real import, verify and merge (tests/fuzz/). The seed is
 * fixed, so a failure here fails the same way again; each failing input is saved under
 * tests/fixtures/fuzz/, where fuzz-regressions.test.ts keeps running it. `npm run fuzz`
 * runs more cases with other seeds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSeeds, corpusPdfSeeds, ownPdfSeeds, runCases, type Finding, type Seed } from '../fuzz/cases.ts';
import { FuzzRig, saveFinding } from '../fuzz/harness.ts';

const SEED = 20_240_601;
const PDF_CASES = 1300;
const BUNDLE_CASES = 700;

/** One line per failure, with what it takes to replay it. */
function report(findings: Finding[]): string[] {
  return findings.map((f) => {
    const saved = saveFinding(f.kind, f.bytes);
    return `${f.kind} #${f.index} (${f.seed}; ${f.steps.join(', ')}): ${f.problem} — saved as ${path.relative(process.cwd(), saved)}; replay: npm run fuzz -- --seed ${SEED} --only ${f.kind} --from ${f.index} --cases 1`;
  });
}

describe(`mutation fuzzing (seed ${SEED})`, () => {
  let dir: string;
  let rig: FuzzRig;
  let pdfSeeds: Seed[];
  let bundles: Seed[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-fuzz-'));
    rig = new FuzzRig({ dir });
    pdfSeeds = [...ownPdfSeeds(), ...corpusPdfSeeds(64 * 1024)];
    bundles = await bundleSeeds(dir);
  });
  afterAll(async () => {
    await rig.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`imports or clearly refuses ${PDF_CASES} PDF mutants, within budget, leaving nothing half-stored`, async () => {
    const { findings, outcomes } = await runCases(rig, {
      seed: SEED,
      pdf: { from: 0, to: PDF_CASES },
      bundle: { from: 0, to: 0 },
      pdfSeeds,
      bundleSeeds: bundles,
    });
    console.log(`fuzz seed ${SEED}, ${pdfSeeds.length} PDF seeds:`, Object.fromEntries(outcomes));
    expect(report(findings)).toEqual([]);
    // The mutants reach both ends: some still import, some are refused.
    expect(outcomes.get('pdf imported') ?? 0).toBeGreaterThan(PDF_CASES / 10);
    expect(outcomes.get('pdf failed:invalid-pdf') ?? 0).toBeGreaterThan(PDF_CASES / 10);
  }, 600_000);

  it(`verifies and merges or clearly refuses ${BUNDLE_CASES} bundle mutants, all or nothing`, async () => {
    const { findings, outcomes } = await runCases(rig, {
      seed: SEED,
      pdf: { from: 0, to: 0 },
      bundle: { from: 0, to: BUNDLE_CASES },
      pdfSeeds,
      bundleSeeds: bundles,
    });
    console.log(`fuzz seed ${SEED}, bundles:`, Object.fromEntries(outcomes));
    expect(report(findings)).toEqual([]);
    // Re-sealed mutants get past verification into the merge, and some of those are refused there.
    expect(outcomes.get('bundle merged') ?? 0).toBeGreaterThan(BUNDLE_CASES / 10);
    expect(outcomes.get('bundle refused:invalid-args') ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
