/**
 * Exhibit reads every bundle it writes, however well its evidence compresses: a 3 MB server
 * log repeating one warning (deflated some 300-fold), a blank scan (an 8 MB PDF of one
 * white page) and a 50 MB CSV dump imported as text go through the real command line —
 * import, export, verify, import-bundle into a second case — and arrive byte for byte, with
 * the dump cut into pages that search and highlights can point at. One export serves every
 * test; the data is generated in well under a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { TEXT_PAGE_CHARS } from '../../electron/services/ingest/text.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { blankScanPdf, csvDump, repetitiveLog } from '../fixtures/large-evidence.ts';
import { readAll, writeAll } from '../fixtures/zip.ts';
import { exhibit } from './helpers.ts';

/** What `import --json` says of each file. */
interface Imported {
  path: string;
  documentId: string;
  pages: number;
}

/** Each entry's compressed and unpacked size, as the ZIP's directory states them. */
function sizes(file: string): Promise<Map<string, [number, number]>> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: false }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, [number, number]>();
      zip.on('entry', (e: yauzl.Entry) => out.set(e.fileName, [e.compressedSize, e.uncompressedSize]));
      zip.on('end', () => resolve(out));
    }),
  );
}

/** A case made by the command line, opened in this process to look at. */
function open(caseDir: string): Services {
  const home = path.join(path.dirname(caseDir), 'home-engine');
  return openServices({
    caseDir,
    pool: { size: 1 },
    backup: false,
    rememberCase: false,
    actor: () => 'Test Reviewer',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    sampleDir: path.resolve('resources', 'sample'),
  });
}

const ratioOf = (all: Map<string, [number, number]>, suffix: string) => {
  const [packed, size] = [...all].find(([n]) => n.endsWith(suffix))![1];
  return size / packed;
};

describe('bundles of large, very compressible evidence', () => {
  let root: string;
  let env: Record<string, string>;
  let originals: Map<string, Buffer>;
  let bundle: string;
  const caseA = () => path.join(root, 'sender');
  const cli = (args: string[]) => exhibit(args, env);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-large-'));
    env = { HOME: path.join(root, 'home') };
    originals = new Map([
      ['server.txt', repetitiveLog(30_000)],
      ['blank-scan.pdf', Buffer.from(await blankScanPdf())],
      ['ledger-dump.txt', csvDump(50 * 1024 ** 2)],
    ]);
    for (const [name, bytes] of originals) fs.writeFileSync(path.join(root, name), bytes);
    expect(cli(['init', caseA()]).code).toBe(0);
    const imported = cli(['--case', caseA(), '--json', 'import', ...[...originals.keys()].map((n) => path.join(root, n))]);
    expect(imported.code, imported.stderr).toBe(0);
    // A passage on the dump's last page, so the pages must come out the same on the other side.
    const dump = (imported.lines() as Imported[]).find((r) => r.path.endsWith('ledger-dump.txt'))!;
    const added = cli(
      ['--case', caseA(), 'highlight', 'add', '--doc', dump.documentId, '--page', String(dump.pages)].concat([
        '--quote',
        'Xanthe Holdings',
        '--note',
        'The last transfer',
      ]),
    );
    expect(added.code, added.stderr).toBe(0);
    bundle = path.join(root, 'bundle.zip');
    const exported = cli(['--case', caseA(), 'export', '--out', bundle]);
    expect(exported.code, exported.stderr).toBe(0);
  }, 180_000);

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('verifies the bundle, though its log is deflated some 300-fold', async () => {
    // Past the ratio of 200 that the old guard refused.
    expect(ratioOf(await sizes(bundle), '-server.txt')).toBeGreaterThan(200);
    const verified = cli(['verify', bundle]);
    expect(verified.stdout).toMatch(/^ok\nsigner: [0-9a-f ]{79}, your own key/);
    expect(verified.code).toBe(0);
  });

  it('imports the bundle into a second case, every original byte for byte, the dump in the same pages', async () => {
    const caseB = path.join(root, 'receiver');
    expect(cli(['init', caseB]).code).toBe(0);
    const merged = cli(['--case', caseB, '--json', 'import-bundle', bundle]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.lines().at(-1)).toMatchObject({ documents: { added: 3, known: 0 } });

    // What arrived, read through the engine (cheaper than a command per question on a busy machine).
    const [a, b] = [open(caseA()), open(caseB)];
    try {
      const docs = await callTyped(b.router, 'documents.list', {});
      const sent = await callTyped(a.router, 'documents.list', {});
      expect(docs.map((d) => d.fileName).sort()).toEqual([...originals.keys()].sort());
      for (const d of docs) {
        const original = originals.get(d.fileName)!;
        expect(fs.readFileSync(blobPath(caseB, d.sha256)).equals(original), d.fileName).toBe(true);
        expect(d.pages, d.fileName).toBe(sent.find((x) => x.sha256 === d.sha256)!.pages);
      }
      const dump = docs.find((d) => d.fileName === 'ledger-dump.txt')!;
      expect(dump.pages).toBeGreaterThanOrEqual(Math.ceil(originals.get('ledger-dump.txt')!.length / TEXT_PAGE_CHARS));

      // The passage on the last page arrived anchored where it was, and search finds its row on that page.
      const [passage] = await callTyped(b.router, 'highlights.list', { documentId: dump.documentId });
      expect(passage!.targets).toEqual([expect.objectContaining({ page: dump.pages, anchor: 'ok' })]);
      const found = await callTyped(b.router, 'search.query', { query: '"Xanthe Holdings"' });
      expect(found.results).toEqual([expect.objectContaining({ documentId: dump.documentId, page: dump.pages })]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('verifies the same bag re-zipped by another tool that deflates every file, the blank scan too', async () => {
    const again = path.join(root, 'rezipped.zip');
    await writeAll(again, await readAll(bundle));
    expect(ratioOf(await sizes(again), '-blank-scan.pdf')).toBeGreaterThan(200);
    const verified = cli(['verify', again]);
    expect(verified.stdout).toMatch(/^ok\nsigner: [0-9a-f ]{79}, your own key/);
    expect(verified.code).toBe(0);
  });
});
