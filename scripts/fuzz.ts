/**
 * `npm run fuzz -- [--cases N] [--seed S] [--only pdf|bundle] [--from I] [--max-seed-kb K] [--no-save]`
 *
 * Mutation fuzzing of PDF import and bundle verify/import through the real engine. Cases
 * are numbered: the same seed and index give the same mutations, so any case can be
 * replayed (`--from I --cases 1`) — byte for byte for PDFs; bundle seeds are exported afresh
 * each run (new ids, times and key), so there the saved file is the exact reproducer.
 * Each failure is saved as a regression fixture under tests/fixtures/fuzz/ (which the unit
 * suite runs every time) and listed at the end.
 *
 * The cases run in a child process watched by this one: if the engine ever takes the whole
 * process down (a native crash, an abort), the input it was working on is saved as a
 * finding and the run carries on with the next case.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSeeds, corpusPdfSeeds, ownPdfSeeds, runCases, type Seed } from '../tests/fuzz/cases.ts';
import { FuzzRig, saveFinding, type FuzzKind } from '../tests/fuzz/harness.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 0x7fffffff) },
    only: { type: 'string' },
    from: { type: 'string', default: '0' },
    'max-seed-kb': { type: 'string', default: '1024' },
    'no-save': { type: 'boolean', default: false },
    'budget-ms': { type: 'string', default: '10000' },
    // Set by the parent for the child process that runs the cases.
    child: { type: 'boolean', default: false },
    'pdf-range': { type: 'string' },
    'bundle-range': { type: 'string' },
  },
});

const seed = Number(values.seed) >>> 0;
const total = Number(values.cases);
const from = Number(values.from);
const only = values.only as FuzzKind | undefined;
if (!Number.isInteger(total) || total < 1 || (only && only !== 'pdf' && only !== 'bundle')) {
  console.error('usage: npm run fuzz -- [--cases N] [--seed S] [--only pdf|bundle] [--from I] [--max-seed-kb K] [--no-save]');
  process.exit(2);
}
// Two PDF cases for every bundle case: extraction is where most of the parsing is.
const pdfCases = only === 'bundle' ? 0 : only === 'pdf' ? total : Math.ceil((total * 2) / 3);
const bundleCases = total - pdfCases;
const current = path.join(os.tmpdir(), `exhibit-fuzz-current-${process.pid}.json`);

type Message =
  | {
      type: 'case';
      kind: FuzzKind;
      index: number;
      label: string;
      problem: string | null;
      seed: string;
      steps: string[];
      saved: string | null;
    }
  | { type: 'done' };

async function child(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-fuzz-'));
  const send = (m: Message) => process.send!(m);
  const rig = new FuzzRig({ dir, budgetMs: Number(values['budget-ms']) });
  try {
    const pdfSeeds: Seed[] = [...ownPdfSeeds(), ...corpusPdfSeeds(Number(values['max-seed-kb']) * 1024)];
    const bSeeds = await bundleSeeds(dir);
    const cur = process.env.EXHIBIT_FUZZ_CURRENT!;
    const range = (r: string | undefined) => {
      const [a, b] = (r ?? '0-0').split('-').map(Number);
      return { from: a!, to: b! };
    };
    await runCases(rig, {
      seed,
      pdf: range(values['pdf-range']),
      bundle: range(values['bundle-range']),
      pdfSeeds,
      bundleSeeds: bSeeds,
      onBeforeCase: (c) =>
        fs.writeFileSync(
          cur,
          JSON.stringify({
            kind: c.kind,
            index: c.index,
            seed: c.seed,
            steps: c.steps,
            bytes: Buffer.from(c.bytes).toString('base64'),
          }),
        ),
      onCase: (c, o) =>
        send({
          type: 'case',
          kind: c.kind,
          index: c.index,
          label: o.label,
          problem: o.problem,
          seed: c.seed,
          steps: c.steps,
          saved: o.problem && !values['no-save'] ? saveFinding(c.kind, c.bytes) : null,
        }),
    });
    send({ type: 'done' });
  } finally {
    await rig.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function parent(): Promise<void> {
  console.log(`fuzz: seed ${seed}, ${pdfCases} PDF + ${bundleCases} bundle cases from index ${from}`);
  console.log(`replay one case with: npm run fuzz -- --seed ${seed} --only <pdf|bundle> --from <index> --cases 1`);
  const started = Date.now();
  const outcomes = new Map<string, number>();
  const findings: string[] = [];
  let done = 0;
  const next = { pdf: from, bundle: from };
  const end = { pdf: from + pdfCases, bundle: from + bundleCases };
  while (next.pdf < end.pdf || next.bundle < end.bundle) {
    const args = [
      '--child',
      '--seed',
      String(seed),
      '--pdf-range',
      `${next.pdf}-${end.pdf}`,
      '--bundle-range',
      `${next.bundle}-${end.bundle}`,
      '--budget-ms',
      String(values['budget-ms']),
      '--max-seed-kb',
      String(values['max-seed-kb']),
    ];
    if (values['no-save']) args.push('--no-save');
    fs.rmSync(current, { force: true });
    const proc = fork(import.meta.filename, args, { env: { ...process.env, EXHIBIT_FUZZ_CURRENT: current }, stdio: 'inherit' });
    let finished = false;
    proc.on('message', (m: Message) => {
      if (m.type === 'done') {
        finished = true;
        return;
      }
      next[m.kind] = m.index + 1;
      done++;
      const key = `${m.kind} ${m.label}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (m.problem) {
        const line = `${m.kind} #${m.index} (${m.seed}; ${m.steps.join(', ')}): ${m.problem}${m.saved ? `\n    saved as ${path.relative(process.cwd(), m.saved)}` : ''}`;
        findings.push(line);
        console.log(`FINDING ${line}`);
      }
      if (done % 100 === 0) {
        const rate = done / ((Date.now() - started) / 1000);
        console.log(`fuzz: ${done}/${total} cases, ${findings.length} findings, ${rate.toFixed(1)} cases/s`);
      }
    });
    const code = await new Promise<number | null>((resolve) => proc.on('exit', (c, signal) => resolve(signal ? -1 : c)));
    if (finished && code === 0) break;
    // The child died mid-case: that input took the process down.
    if (!fs.existsSync(current)) {
      console.error(`fuzz: the worker process exited (${code}) before running a case`);
      process.exit(1);
    }
    const c = JSON.parse(fs.readFileSync(current, 'utf8')) as {
      kind: FuzzKind;
      index: number;
      seed: string;
      steps: string[];
      bytes: string;
    };
    const bytes = new Uint8Array(Buffer.from(c.bytes, 'base64'));
    const saved = values['no-save'] ? null : saveFinding(c.kind, bytes);
    const line = `${c.kind} #${c.index} (${c.seed}; ${c.steps.join(', ')}): the process died (exit ${code})${saved ? `\n    saved as ${path.relative(process.cwd(), saved)}` : ''}`;
    findings.push(line);
    console.log(`FINDING ${line}`);
    next[c.kind] = c.index + 1;
    done++;
  }
  fs.rmSync(current, { force: true });
  const secs = (Date.now() - started) / 1000;
  console.log(`\nfuzz: ${done} cases in ${secs.toFixed(0)} s (seed ${seed})`);
  for (const [k, n] of [...outcomes.entries()].sort()) console.log(`  ${k}: ${n}`);
  console.log(findings.length === 0 ? 'no findings' : `${findings.length} findings:\n${findings.join('\n')}`);
  process.exit(findings.length === 0 ? 0 : 1);
}

await (values.child ? child() : parent());
