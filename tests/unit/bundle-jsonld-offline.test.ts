/**
 * data/annotations.jsonld read as Linked Data with the network off. The bag carries
 * Exhibit's own context for the W3C address (data/context/anno.jsonld, listed in the
 * manifest); jsonld.js, its document loader serving only that copy, expands a real bundle's
 * file under the network guard to the Web Annotation IRIs. README.txt's jsonld.js and pyld
 * commands, run as written in the unzipped bag, give the same graph.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { GuardRecord } from '../privacy/net-guard.ts';
import { commandBlocks } from '../fixtures/readme-blocks.ts';
import { readAll, writeAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = path.join(ROOT, 'tests', 'privacy', 'net-guard.ts');
const EXPAND = path.join(ROOT, 'tests', 'privacy', 'expand-jsonld.ts');
const COPY = 'data/context/anno.jsonld';

const OA = 'http://www.w3.org/ns/oa#';
const AS = 'http://www.w3.org/ns/activitystreams#';
const DC = 'http://purl.org/dc/elements/1.1/';
const DCTERMS = 'http://purl.org/dc/terms/';
const RDF_VALUE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const FOAF = 'http://xmlns.com/foaf/0.1/';

type Node = Record<string, unknown>;
const nodes = (n: Node, p: string) => (n[p] ?? []) as Node[];
const ids = (n: Node, p: string) => nodes(n, p).map((x) => x['@id']);
const values = (n: Node, p: string) => nodes(n, p).map((x) => x['@value']);
const byType = (list: Node[], type: string) => list.find((x) => (x['@type'] as string[]).includes(type))!;

const LETTER = 'Dear Rapporteurs,\nWe write about the report of May.\n\fWe deny that our product infected journalists.\n';

/** A reviewed case exported and unzipped: a PDF passage across a page break with a note, a letter's denial linked to A1. */
async function exportedBag() {
  const s = newCase();
  const dir = tempDir();
  const [report, letter] = await importFiles(s, [
    writePdf(dir, 'NGO report.pdf', {
      pages: [{ lines: ['Phones of two journalists were infected.', 'The spyware'] }, { lines: ['was sold in 2021.'] }],
    }),
    writeFile(dir, 'letter.txt', LETTER),
  ]);
  const across = await callTyped(s.router, 'highlights.create', {
    documentId: report!.documentId!,
    targets: [
      { page: 1, quote: 'The spyware' },
      { page: 2, quote: 'was sold in 2021.' },
    ],
    note: 'Sale confirmed',
  });
  const denial = await callTyped(s.router, 'highlights.create', {
    documentId: letter!.documentId!,
    targets: [{ page: 2, quote: 'We deny that our product infected journalists' }],
  });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
  await callTyped(s.router, 'links.create', {
    highlightId: denial.highlightId,
    allegationId: a1!.allegationId,
    stance: 'denies',
    rationale: 'The company rejects the finding',
  });
  // Kept for the whole file (tempDir's folders go after each test), under its real path so
  // that file: URLs made inside it match those made from a process working in it.
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-jsonld-')));
  const zip = path.join(work, 'bundle.zip');
  await callTyped(s.router, 'bundle.export', { path: zip });
  const bag = path.join(work, 'bag');
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', zip, bag], { encoding: 'utf8' });
  expect(unzip.status, unzip.stderr).toBe(0);
  return { work, zip, bag, report: report!, across, denial, a1: a1! };
}

/** The guard's records for one run, from its log file. */
function guardRecords(log: string): GuardRecord[] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GuardRecord);
}

interface Expansion {
  ok: boolean;
  loaded: string[];
  expanded?: Node[];
  error?: string;
}

/** Expand the bag's annotations.jsonld with jsonld.js in a child process under the network guard. */
function expandUnderGuard(bag: string): { result: Expansion; records: GuardRecord[] } {
  const log = path.join(tempDir(), 'attempts.jsonl');
  const run = spawnSync(process.execPath, ['--import', GUARD, EXPAND, bag], {
    encoding: 'utf8',
    env: { ...process.env, EXHIBIT_NET_GUARD_LOG: log },
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return { result: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Expansion, records: guardRecords(log) };
}

function flipByte(file: string): void {
  const b = fs.readFileSync(file);
  b[Math.floor(b.length / 2)]! ^= 1;
  fs.writeFileSync(file, b);
}

/** The path of a Python 3 that can import pyld (Debian's python3-pyld sits with /usr/bin/python3), or null. */
function pythonWithPyld(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import pyld, sys; print(sys.executable)'], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
  }
  return null;
}

/** The annotations in the expanded graph: the items list of the collection's first page. */
const annotations = (expanded: Node[]): Node[] =>
  (nodes(nodes(expanded[0]!, `${AS}first`)[0]!, `${AS}items`)[0]! as { '@list': Node[] })['@list'];

describe('annotations.jsonld offline', () => {
  let bundle: Awaited<ReturnType<typeof exportedBag>>;
  let jsonldJs: { result: Expansion; records: GuardRecord[] };
  beforeAll(async () => {
    bundle = await exportedBag();
    jsonldJs = expandUnderGuard(bundle.bag);
  });
  afterAll(() => fs.rmSync(bundle.work, { recursive: true, force: true }));

  it("ships Exhibit's context in the bag, listed in the manifest, byte for byte as resources/jsonld holds it", async () => {
    const { zip, bag } = bundle;
    const shipped = fs.readFileSync(path.join(ROOT, 'resources', 'jsonld', 'annotation-context.jsonld'));
    const copy = fs.readFileSync(path.join(bag, COPY));
    expect(copy.equals(shipped)).toBe(true);
    const manifest = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain(`${createHash('sha256').update(copy).digest('hex')}  ${COPY}\n`);
    const ld = JSON.parse(fs.readFileSync(path.join(bag, 'data', 'annotations.jsonld'), 'utf8'));
    expect(ld['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(await verifyBundle(zip)).toMatchObject({ ok: true, problems: [] });
    // The copy is a payload file like any other: one byte changed, verify names it.
    const files = await readAll(zip);
    const changed = Buffer.from(files.get(COPY)!);
    changed[changed.length >> 1]! ^= 1;
    const forged = path.join(tempDir(), 'forged.zip');
    await writeAll(
      forged,
      [...files.entries()].map(([n, b]) => [n, n === COPY ? changed : b] as [string, Buffer]),
    );
    const verdict = await verifyBundle(forged);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join('\n')).toContain(COPY);
  });

  it('expands with jsonld.js, the W3C address served from the bag, and makes no network attempt', () => {
    const { result, records } = jsonldJs;
    expect(result.error).toBeUndefined();
    expect(result.loaded).toEqual(['http://www.w3.org/ns/anno.jsonld']);
    expect(records.filter((r) => r.kind === 'loaded' && r.main)).toHaveLength(1);
    expect(records.filter((r) => r.kind === 'attempt')).toEqual([]);

    const [collection] = result.expanded!;
    expect(collection!['@type']).toEqual([`${AS}OrderedCollection`]);
    expect(collection![`${AS}totalItems`]).toEqual([{ '@value': 3, '@type': `${XSD}nonNegativeInteger` }]);
    const page = nodes(collection!, `${AS}first`)[0]!;
    expect(page['@type']).toEqual([`${AS}OrderedCollectionPage`]);
    expect(ids(page, `${AS}partOf`)).toEqual([collection!['@id']]);
    expect(values(page, `${AS}startIndex`)).toEqual([0]);
    const items = annotations(result.expanded!);
    expect(items).toHaveLength(3);
    for (const a of items) expect(a['@type']).toEqual([`${OA}Annotation`]);
  });

  it('gives the cross-page highlight as one annotation with two targets, its note a commenting TextualBody', () => {
    const { bag, report, across } = bundle;
    const items = annotations(jsonldJs.result.expanded!);
    const a = items.find((x) => x['@id'] === `urn:uuid:${across.highlightId}`)!;
    expect(ids(a, `${OA}motivatedBy`)).toEqual([`${OA}highlighting`]);
    expect(a[`${DCTERMS}created`]).toEqual([{ '@value': expect.any(String), '@type': `${XSD}dateTime` }]);
    const creator = nodes(a, `${DCTERMS}creator`)[0]!;
    expect(creator['@type']).toEqual([`${FOAF}Person`]);
    expect(values(creator, `${FOAF}name`)).toEqual([expect.any(String)]);
    const [note, ...more] = nodes(a, `${OA}hasBody`);
    expect(more).toEqual([]);
    expect(note!['@type']).toEqual([`${OA}TextualBody`]);
    expect(ids(note!, `${OA}hasPurpose`)).toEqual([`${OA}commenting`]);
    expect(values(note!, RDF_VALUE)).toEqual(['Sale confirmed']);
    expect(values(note!, `${DC}format`)).toEqual(['text/plain']);

    const targets = nodes(a, `${OA}hasTarget`);
    expect(targets).toHaveLength(2);
    targets.forEach((t, i) => {
      expect(t['@type']).toEqual([`${OA}SpecificResource`]);
      const selector = nodes(t, `${OA}hasSelector`)[0]!;
      expect(selector['@type']).toEqual([`${OA}FragmentSelector`]);
      expect(ids(selector, `${DCTERMS}conformsTo`)).toEqual(['http://tools.ietf.org/rfc/rfc3778']);
      expect(values(selector, RDF_VALUE)).toEqual([`page=${i + 1}`]);
      const refined = nodes(selector, `${OA}refinedBy`);
      expect(values(byType(refined, `${OA}TextQuoteSelector`), `${OA}exact`)).toEqual([['The spyware', 'was sold in 2021.'][i]]);
      const position = byType(refined, `${OA}TextPositionSelector`);
      for (const p of ['start', 'end'])
        expect(position[`${OA}${p}`]).toEqual([{ '@value': expect.any(Number), '@type': `${XSD}nonNegativeInteger` }]);

      // The source: the original by its hash, its url resolved to the file in the bag.
      const source = nodes(t, `${OA}hasSource`)[0]!;
      expect(source['@id']).toBe(`urn:sha256:${report.sha256}`);
      expect(source['@type']).toEqual(['http://purl.org/dc/dcmitype/Text']);
      expect(values(source, `${DC}format`)).toEqual(['application/pdf']);
      const [url] = ids(source, 'http://schema.org/url') as string[];
      const file = fileURLToPath(url!);
      expect(path.relative(bag, file)).toMatch(/^data\/originals\/[0-9a-f]{12}-NGO report\.pdf$/);
      expect(`urn:sha256:${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`).toBe(source['@id']);
    });
  });

  it("selects the text letter's page by a char= fragment, and keeps the stance link with its three bodies", () => {
    const { denial, a1 } = bundle;
    const items = annotations(jsonldJs.result.expanded!);
    const d = items.find((x) => x['@id'] === `urn:uuid:${denial.highlightId}`)!;
    const [target] = nodes(d, `${OA}hasTarget`);
    const selector = nodes(target!, `${OA}hasSelector`)[0]!;
    expect(ids(selector, `${DCTERMS}conformsTo`)).toEqual(['http://tools.ietf.org/rfc/rfc5147']);
    // Page 2 starts after page 1 and its form feed, counted in characters of the whole file.
    const [page1, page2] = LETTER.split('\f');
    const from = [...page1!].length + 1;
    expect(values(selector, RDF_VALUE)).toEqual([`char=${from},${from + [...page2!].length}`]);
    const quote = byType(nodes(selector, `${OA}refinedBy`), `${OA}TextQuoteSelector`);
    expect(values(quote, `${OA}exact`)).toEqual(['We deny that our product infected journalists']);

    const link = items.find((x) => ids(x, `${OA}motivatedBy`)[0] === `${OA}linking`)!;
    expect(ids(link, `${OA}hasTarget`)).toEqual([d['@id']]);
    const bodies = nodes(link, `${OA}hasBody`);
    expect(bodies).toHaveLength(3);
    const stance = bodies.find((b) => ids(b, `${OA}hasPurpose`)[0] === `${OA}classifying`)!;
    expect(values(stance, RDF_VALUE)).toEqual(['denies']);
    const rationale = bodies.find((b) => ids(b, `${OA}hasPurpose`)[0] === `${OA}describing`)!;
    expect(values(rationale, RDF_VALUE)).toEqual(['The company rejects the finding']);
    const claim = byType(bodies, 'http://schema.org/Claim');
    expect(claim['@id']).toBe(`urn:uuid:${a1.allegationId}`);
    expect(values(claim, `${DCTERMS}identifier`)).toEqual(['A1']);
    expect(values(claim, `${DCTERMS}title`)).toEqual(['Journalists were targeted']);
  });

  it('refuses a copy that no longer matches the manifest, and any other address, without reaching out', () => {
    const tampered = path.join(tempDir(), 'bag');
    fs.cpSync(bundle.bag, tampered, { recursive: true });
    flipByte(path.join(tampered, COPY));
    const changed = expandUnderGuard(tampered);
    expect(changed.result.ok).toBe(false);
    expect(changed.result.error).toContain(`${COPY} does not match its SHA-256 in manifest-sha256.txt`);
    expect(changed.records.filter((r) => r.kind === 'attempt')).toEqual([]);

    // The https form of the address is another URL: not served, and not fetched either.
    fs.cpSync(path.join(bundle.bag, COPY), path.join(tampered, COPY));
    const file = path.join(tampered, 'data', 'annotations.jsonld');
    const ld = JSON.parse(fs.readFileSync(file, 'utf8'));
    ld['@context'][0] = 'https://www.w3.org/ns/anno.jsonld';
    fs.writeFileSync(file, JSON.stringify(ld));
    const other = expandUnderGuard(tampered);
    expect(other.result).toMatchObject({ ok: false, loaded: ['https://www.w3.org/ns/anno.jsonld'] });
    expect(other.result.error).toContain('refused to load https://www.w3.org/ns/anno.jsonld');
    expect(other.records.filter((r) => r.kind === 'attempt')).toEqual([]);
  });

  it("README.txt's jsonld.js commands, run as written in the unzipped bag under the network guard, print the same graph", () => {
    const readme = fs.readFileSync(path.join(bundle.bag, 'README.txt'), 'utf8');
    const script = commandBlocks(readme).get('expand-with-jsonld-js')!;
    expect(script).toContain('node - <<');
    const log = path.join(tempDir(), 'attempts.jsonl');
    const run = spawnSync('sh', ['-e', '-c', script], {
      cwd: bundle.bag,
      encoding: 'utf8',
      // A reader installs jsonld where Node finds it; here that is the repository's node_modules.
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        NODE_OPTIONS: `--import "${GUARD}"`,
        EXHIBIT_NET_GUARD_LOG: log,
      },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(jsonldJs.result.expanded);
    const records = guardRecords(log);
    expect(records.some((r) => r.kind === 'loaded')).toBe(true);
    expect(records.filter((r) => r.kind === 'attempt')).toEqual([]);
  });

  const python = pythonWithPyld();
  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  if (!python) console.warn("Skipped README.txt's pyld commands: no Python 3 here can import pyld (Debian: python3-pyld).");
  it.skipIf(!python)(
    "README.txt's pyld commands print the same graph as jsonld.js, in an empty network namespace where allowed",
    () => {
      const readme = fs.readFileSync(path.join(bundle.bag, 'README.txt'), 'utf8');
      const script = commandBlocks(readme).get('expand-with-pyld')!;
      expect(script).toContain('python3 - <<');
      // The block says "python3": make that name the interpreter that has pyld.
      const bin = tempDir();
      fs.symlinkSync(python!, path.join(bin, 'python3'));
      const command = [...(unshare ? ['unshare', '-n'] : []), 'sh', '-e', '-c', script];
      const run = spawnSync(command[0]!, command.slice(1), {
        cwd: bundle.bag,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(jsonldJs.result.expanded);
    },
  );
});
