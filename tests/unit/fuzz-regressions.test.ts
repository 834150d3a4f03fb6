/**
 * Every input the fuzzer ever failed on (tests/fixtures/fuzz/<kind>-<hash>.pdf|zip) runs
 * again through the same checks: new findings saved by `npm run fuzz` or by the fuzz test
 * are picked up here without any change to this file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { initCase } from '../../electron/services/case/case.ts';
import { WorkerPool } from '../../electron/services/workers/pool.ts';
import { fuzzKey, reseal, unzip, zip, type Entries } from '../fuzz/bundle-mutate.ts';
import { bundleSeeds } from '../fuzz/cases.ts';
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

/** The parts of case.json these tests change. */
interface CaseJson {
  links: { allegationId: string }[];
  allegations: { status?: string }[];
  highlights: { targets: { page: number }[] }[];
}

describe('bundle findings, spelled out', () => {
  let dir: string;
  let pool: WorkerPool;
  let seed: Entries;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-fuzz-bundles-'));
    pool = new WorkerPool({ size: 1 });
    seed = await unzip((await bundleSeeds(dir))[0]!.bytes);
  });
  afterAll(async () => {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The seed bundle with case.json changed by `edit` (and originals by `swap`), re-sealed as anyone could. */
  async function tampered(name: string, edit: (c: CaseJson) => void, swap?: (n: string, b: Uint8Array) => Uint8Array) {
    let entries: Entries = seed.map(([n, b]) => [n, swap?.(n, b) ?? b]);
    const old = new Map(seed.map(([n, b]) => [n, createHash('sha256').update(b).digest('hex')]));
    let json = Buffer.from(seed.find(([n]) => n === 'data/case.json')![1]).toString('utf8');
    // An original that changed keeps case.json pointing at it, so the bundle stays consistent.
    for (const [n, b] of entries) json = json.replaceAll(old.get(n)!, createHash('sha256').update(b).digest('hex'));
    const edited = JSON.parse(json) as CaseJson;
    edit(edited);
    entries = entries.map(([n, b]) => [n, n === 'data/case.json' ? new Uint8Array(Buffer.from(JSON.stringify(edited))) : b]);
    const file = path.join(dir, name);
    fs.writeFileSync(file, await zip(reseal(entries, 'full', fuzzKey(1))));
    return file;
  }

  const counts = (store: ReturnType<typeof initCase>) =>
    ['documents', 'pages', 'highlights', 'allegations', 'links', 'audit'].map(
      (t) => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    );

  it('adds nothing when one of its documents cannot be read, not even the ones that could', async () => {
    const file = await tampered(
      'broken-pdf.zip',
      () => undefined,
      (n, b) => (n.startsWith('data/originals/') && n.endsWith('.pdf') ? b.slice(0, 200) : b),
    );
    const store = initCase(path.join(dir, 'case-a'), 'T');
    try {
      const before = counts(store);
      await expect(importBundle(store, file, { pool, actor: 'T' })).rejects.toMatchObject({
        code: 'invalid-pdf',
        message: expect.stringMatching(/^A document in the bundle could not be imported: "NGO report": /),
      });
      expect(counts(store)).toEqual(before);
      expect(fs.readdirSync(store.dir).filter((f) => f.startsWith('.staging-'))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('refuses, naming the field, a case.json whose links, highlights or allegations do not hold together', async () => {
    const cases: [string, (c: CaseJson) => void, RegExp][] = [
      ['no-links.zip', (c) => delete (c as { links?: unknown }).links, /case\.json links: /],
      [
        'dangling.zip',
        (c) => (c.links[0]!.allegationId = 'nobody'),
        /case\.json links\.0: its allegation nobody is not in the bundle/,
      ],
      ['no-status.zip', (c) => delete c.allegations[0]!.status, /case\.json allegations\.0\.status: /],
      ['bad-page.zip', (c) => (c.highlights[0]!.targets[0]!.page = 0), /case\.json highlights\.0\.targets\.0\.page: /],
    ];
    const store = initCase(path.join(dir, 'case-b'), 'T');
    try {
      const before = counts(store);
      for (const [name, edit, message] of cases) {
        const file = await tampered(name, edit);
        await expect(importBundle(store, file, { pool, actor: 'T' }), name).rejects.toMatchObject({
          code: 'invalid-args',
          message: expect.stringMatching(message),
        });
        expect(counts(store), name).toEqual(before);
      }
      // The same bundle untouched merges whole: the checks refuse only what is wrong.
      await importBundle(store, await tampered('sound.zip', () => undefined), { pool, actor: 'T' });
      expect(counts(store)[0]).toBe(2);
    } finally {
      store.close();
    }
  });
});
