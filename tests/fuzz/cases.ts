/**
 * What the fuzzer mutates and how a run goes: seed PDFs (made by the test PDF builder, the
 * sample report, and the pdf.js corpus beside the repo when it is there), seed bundles
 * (exported from a small real case), case generation from (seed, index), and the loop that
 * runs cases through the rig and collects failures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { buildPdf, fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { fuzzKey, mutateEntries, mutateZipHeader, reseal, unzip, zip } from './bundle-mutate.ts';
import type { FuzzKind, FuzzRig, Outcome } from './harness.ts';
import { caseSeed, mutateBytes, Rng } from './mutate.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The pdf.js corpus sits beside the repo in the development workplace only. */
export const CORPUS_DIR = path.resolve(ROOT, '..', 'shared', 'corpus', 'pdfjs');

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** Small PDFs of our own: every feature the builder has (labels, links, rotation, ligatures, info). */
export function ownPdfSeeds(): Seed[] {
  const rand = seededRandom(7);
  const seeds: Seed[] = [
    { name: 'one-line', bytes: buildPdf({ pages: [{ lines: ['Phones of two journalists were infected.'] }] }) },
    {
      name: 'letter',
      bytes: buildPdf({
        pages: [
          { lines: ['Dear Special Rapporteurs,', 'We write in response to your letter.'] },
          { lines: ['The company denies the allegation.'], size: [595, 842], rotate: 90 },
          { lines: ['Yours sincerely, General Counsel \u201Cquoted\u201D \uFB01nal'] },
        ],
        info: { title: 'Response', author: 'Counsel', creationDate: 'D:20240315093000Z' },
        pageLabels: [
          { start: 0, style: 'r' },
          { start: 1, style: 'D', prefix: 'A-' },
        ],
      }),
    },
    {
      name: 'links',
      bytes: buildPdf({
        pages: [
          {
            lines: [{ text: 'Heading', bold: true, size: 18 }, 'See the annex.'],
            links: [{ rect: [72, 700, 200, 720], pageIndex: 1 }],
          },
          { lines: ['Annex'], links: [{ rect: [72, 700, 200, 720], uri: 'https://example.org/' }] },
        ],
      }),
    },
    { name: 'filler', bytes: buildPdf({ pages: [{ lines: fillerLines(rand, 20) }, { lines: fillerLines(rand, 20) }] }) },
  ];
  const sample = path.join(ROOT, 'resources', 'sample');
  if (fs.existsSync(sample))
    for (const f of fs
      .readdirSync(sample)
      .filter((n) => n.endsWith('.pdf'))
      .sort())
      seeds.push({ name: `sample:${f}`, bytes: new Uint8Array(fs.readFileSync(path.join(sample, f))) });
  return seeds;
}

/** The corpus PDFs up to `maxBytes` each (none where the corpus is absent). */
export function corpusPdfSeeds(maxBytes: number): Seed[] {
  const manifest = path.join(CORPUS_DIR, 'manifest.json');
  if (!fs.existsSync(manifest)) return [];
  const files = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { files: { name: string; bytes: number }[] }).files;
  return files
    .filter((f) => f.bytes <= maxBytes)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => ({ name: `corpus:${f.name}`, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, f.name))) }));
}

/** Bundles exported from small real cases: PDF + text letter with a highlight, an allegation and a link; and a text-only one. */
export async function bundleSeeds(dir: string): Promise<Seed[]> {
  const s = openServices({
    caseDir: path.join(dir, 'seed-case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'Seed Reviewer',
    configDir: path.join(dir, 'seed-config'),
    dataDir: path.join(dir, 'seed-data'),
    rememberCase: false,
  });
  try {
    const docs = path.join(dir, 'seed-docs');
    fs.mkdirSync(docs, { recursive: true });
    const pdf = path.join(docs, 'report.pdf');
    fs.writeFileSync(
      pdf,
      buildPdf({ info: { title: 'NGO report' }, pages: [{ lines: ['Phones of two journalists were infected.'] }] }),
    );
    const txt = path.join(docs, 'letter.txt');
    fs.writeFileSync(txt, 'We deny that our product infected journalists.\fPage two of the letter.');
    const [report, letter] = await callTyped(s.router, 'import.start', { jobId: 'seed', paths: [pdf, txt] });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: report!.documentId!,
      targets: [{ page: 1, quote: 'two journalists were infected' }],
      note: 'Key finding',
    });
    const h2 = await callTyped(s.router, 'highlights.create', {
      documentId: letter!.documentId!,
      targets: [{ page: 1, quote: 'We deny' }],
    });
    const [a1, a2] = await callTyped(s.router, 'allegations.import', {
      text: '- Journalists were targeted\n- The product was sold',
    });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
    await callTyped(s.router, 'links.create', { highlightId: h2.highlightId, allegationId: a1!.allegationId, stance: 'denies' });
    const full = path.join(dir, 'seed-full.zip');
    const opts = { reviewer: 'Seed Reviewer', configDir: path.join(dir, 'seed-config') };
    await exportBundle(s.store, { ...opts, out: full });
    const scoped = path.join(dir, 'seed-scoped.zip');
    await exportBundle(s.store, { ...opts, out: scoped, scope: { allegationIds: [a2!.allegationId] } });
    return [
      { name: 'bundle:full', bytes: new Uint8Array(fs.readFileSync(full)) },
      { name: 'bundle:scoped', bytes: new Uint8Array(fs.readFileSync(scoped)) },
    ];
  } finally {
    await s.close();
  }
}

export interface FuzzCase {
  kind: FuzzKind;
  index: number;
  seed: string;
  steps: string[];
  bytes: Uint8Array;
}

/** Case `index` of a run: the same (seed, index) always gives the same bytes. */
export async function makeCase(kind: FuzzKind, runSeed: number, index: number, seeds: Seed[]): Promise<FuzzCase> {
  const rng = new Rng(caseSeed(runSeed, index));
  const base = rng.pick(seeds);
  const other = rng.pick(seeds);
  if (kind === 'pdf') {
    const m = mutateBytes(base.bytes, other.bytes, rng, { pdfAware: true });
    return { kind, index, seed: base.name, steps: m.steps, bytes: m.bytes };
  }
  const roll = rng.int(10);
  if (roll < 2) {
    const m = mutateBytes(base.bytes, other.bytes, rng, { pdfAware: false });
    return { kind, index, seed: base.name, steps: m.steps, bytes: m.bytes };
  }
  if (roll < 4) {
    const m = mutateZipHeader(base.bytes, rng);
    return { kind, index, seed: base.name, steps: [m.step], bytes: m.bytes };
  }
  let entries = await unzip(base.bytes);
  const steps: string[] = [];
  let seal: 'full' | 'tags' | 'none' = 'none';
  for (let n = rng.chance(0.8) ? 1 : 2; n > 0; n--) {
    const m = mutateEntries(entries, rng);
    entries = m.entries;
    steps.push(m.step);
    if (m.seal === 'full' || (m.seal === 'tags' && seal === 'none')) seal = m.seal;
  }
  if (seal !== 'none') {
    entries = reseal(entries, seal, fuzzKey(runSeed));
    steps.push(`reseal:${seal}`);
  }
  return { kind, index, seed: base.name, steps, bytes: await zip(entries, { compress: rng.chance(0.7) }) };
}

export interface Finding {
  kind: FuzzKind;
  index: number;
  seed: string;
  steps: string[];
  problem: string;
  bytes: Uint8Array;
}

export interface RunOptions {
  seed: number;
  /** Case indexes [from, to) of each kind. */
  pdf: { from: number; to: number };
  bundle: { from: number; to: number };
  pdfSeeds: Seed[];
  bundleSeeds: Seed[];
  /** Called with each case before it runs (a supervising process keeps it in case the run dies). */
  onBeforeCase?(c: FuzzCase): void;
  onCase?(c: FuzzCase, o: Outcome): void;
}

/** Run the cases; returns every failure and a count of outcomes by label. */
export async function runCases(rig: FuzzRig, opts: RunOptions): Promise<{ findings: Finding[]; outcomes: Map<string, number> }> {
  const findings: Finding[] = [];
  const outcomes = new Map<string, number>();
  const plan: [FuzzKind, number][] = [];
  // PDF and bundle cases alternate, so a shortened run still covers both.
  const pdfCount = opts.pdf.to - opts.pdf.from;
  const bundleCount = opts.bundle.to - opts.bundle.from;
  for (let i = 0; i < Math.max(pdfCount, bundleCount); i++) {
    if (i < pdfCount) plan.push(['pdf', opts.pdf.from + i]);
    if (i < bundleCount) plan.push(['bundle', opts.bundle.from + i]);
  }
  let next = 0;
  const lane = async (l: number) => {
    while (next < plan.length) {
      const [kind, index] = plan[next++]!;
      const c = await makeCase(kind, opts.seed, index, kind === 'pdf' ? opts.pdfSeeds : opts.bundleSeeds);
      opts.onBeforeCase?.(c);
      const o = await rig.run(kind, c.bytes, `${kind}-${index}.${kind === 'pdf' ? 'pdf' : 'zip'}`, l);
      const key = `${kind} ${o.label}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (o.problem) findings.push({ kind, index, seed: c.seed, steps: c.steps, problem: o.problem, bytes: c.bytes });
      opts.onCase?.(c, o);
    }
  };
  await Promise.all(Array.from({ length: rig.lanes }, (_, l) => lane(l)));
  findings.sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
  return { findings, outcomes };
}
