import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, tagFiles } from '../../electron/services/bundle/bagit.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { readZip, type ZipLimits } from '../../electron/services/bundle/read-zip.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { rawZip, readAll, writeAll, type RawEntry } from '../fixtures/zip.ts';
import { blobFiles, count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

/** A real exported bundle's entries, in order. */
async function bundleEntries(): Promise<[string, Buffer][]> {
  const s = newCase();
  const dir = tempDir();
  await importFiles(s, [
    writePdf(dir, 'report.pdf', { pages: [{ lines: ['Phones of two journalists were infected.'] }] }),
    writeFile(dir, 'letter.txt', 'We deny that our product infected journalists.'),
  ]);
  const out = path.join(tempDir(), 'bundle.zip');
  await exportBundle(s.store, { out, reviewer: 'Sender', configDir: path.join(tempDir(), 'cfg') });
  return [...(await readAll(out))];
}

/** The same entries written header by header, with `tweak` changing the one it names. */
function rebuilt(entries: [string, Buffer][], tweak: (name: string) => Partial<RawEntry>, opts = {}): string {
  const file = path.join(tempDir(), 'hostile.zip');
  fs.writeFileSync(
    file,
    rawZip(
      entries.map(([name, data]) => ({ name, data, ...tweak(name) })),
      opts,
    ),
  );
  return file;
}

/** A case with work in it, and a snapshot of what a refused import must leave alone. */
async function receivingCase() {
  const s = newCase();
  const [doc] = await importFiles(s, [writeFile(tempDir(), 'own.txt', 'The ministry approved the licence.')]);
  await callTyped(s.router, 'highlights.create', { documentId: doc!.documentId!, targets: [{ page: 1, quote: 'approved' }] });
  await callTyped(s.router, 'allegations.create', { title: 'Licence granted' });
  return s;
}

const snapshot = (s: Services) => ({
  documents: count(s, 'documents'),
  highlights: (s.store.db.prepare('SELECT count(*) AS n FROM highlights').get() as { n: number }).n,
  audit: count(s, 'audit'),
  blobs: blobFiles(s).length,
  staging: fs.readdirSync(s.store.dir).filter((n) => n.startsWith('.staging-')),
});

/** verify names the problem without throwing; import-bundle refuses it and changes nothing. */
async function expectRefused(file: string, problem: RegExp, limits?: Partial<ZipLimits>): Promise<void> {
  const report = await verifyBundle(file, { limits });
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual([expect.stringMatching(problem)]);
  const s = await receivingCase();
  const before = snapshot(s);
  await expect(importBundle(s.store, file, { pool: s.pool, actor: 'B', limits })).rejects.toThrow(
    new RegExp(`did not verify, so nothing was imported:\\n.*${problem.source}`),
  );
  expect(snapshot(s)).toEqual({ ...before, staging: [] });
}

const isOriginal = (name: string) => name.startsWith('data/originals/') && name.endsWith('report.pdf');

describe('hostile bundles', () => {
  it('accepts the rebuilt bundle when nothing is tweaked (the builder itself is sound)', async () => {
    const entries = await bundleEntries();
    expect(await verifyBundle(rebuilt(entries, () => ({})))).toMatchObject({ ok: true, problems: [] });
    expect(await verifyBundle(rebuilt(entries, (n) => (isOriginal(n) ? { deflate: true } : {})))).toMatchObject({ ok: true });
  });

  it('refuses an encrypted entry', async () => {
    const entries = await bundleEntries();
    // Bit 0 of the general purpose flags, in the local header and the central directory alike.
    const file = rebuilt(entries, (n) => (isOriginal(n) ? { flags: 0x1, deflate: true } : {}));
    await expectRefused(file, /entry "data\/originals\/[0-9a-f]{12}-report\.pdf" is encrypted/);
  });

  it('refuses more entries than allowed, whether real or only claimed', async () => {
    const entries = await bundleEntries();
    const honest = rebuilt(entries, () => ({}));
    await expectRefused(honest, new RegExp(`has ${entries.length} entries; at most 5 are accepted`), { entries: 5 });
    // The end record claims 65,535 entries for a directory that holds a dozen.
    const boastful = rebuilt(entries, () => ({}), { claimEntries: 65_535 });
    await expectRefused(boastful, /has 65535 entries; at most 1000 are accepted/, { entries: 1000 });
    // Under the default cap the claim is read, found false, and the archive called damaged.
    await expectRefused(boastful, /is damaged \(/);
  });

  it('refuses sizes that lie, smaller or larger than the stream', async () => {
    const entries = await bundleEntries();
    const real = entries.find(([n]) => isOriginal(n))![1].length;
    const smaller = rebuilt(entries, (n) => (isOriginal(n) ? { deflate: true, statedSize: real - 100 } : {}));
    await expectRefused(
      smaller,
      new RegExp(
        `entry "data/originals/[0-9a-f]{12}-report\\.pdf" does not have the size the archive states for it \\(too many bytes in the stream. expected ${real - 100}`,
      ),
    );
    const larger = rebuilt(entries, (n) => (isOriginal(n) ? { deflate: true, statedSize: real + 100 } : {}));
    await expectRefused(larger, /does not have the size the archive states for it \(not enough bytes in the stream/);
  });

  it('writes saved entries only inside the folder given, and stops a lying one mid-stream', async () => {
    const entries = await bundleEntries();
    const dir = path.join(tempDir(), 'staging');
    fs.mkdirSync(dir);
    const climbing = readZip(
      rebuilt(entries, () => ({})),
      { save: { dir, name: (p) => (isOriginal(p) ? '../out.pdf' : null) } },
    );
    await expect(climbing).rejects.toThrow(/would be saved as "\.\.\/out\.pdf", which is not a plain file name/);
    expect(fs.existsSync(path.join(dir, '..', 'out.pdf'))).toBe(false);
    const real = entries.find(([n]) => isOriginal(n))![1];
    const lying = rebuilt(entries, (n) => (isOriginal(n) ? { deflate: true, statedSize: 100 } : {}));
    await expect(readZip(lying, { save: { dir, name: (p) => (isOriginal(p) ? 'report.pdf' : null) } })).rejects.toThrow(
      /does not have the size the archive states for it/,
    );
    // What reached the disk stops at the stated size; the caller removes the folder.
    expect(real.length).toBeGreaterThan(100);
    expect(fs.statSync(path.join(dir, 'report.pdf')).size).toBeLessThanOrEqual(100);
    expect(fs.readdirSync(dir)).toEqual(['report.pdf']);
  });
});

/** A bundle made by hand and properly signed: it verifies, so only the import's own checks stand in the way. */
async function signedBundle(originals: { fileName: string; bytes: Buffer; sha?: string }[]): Promise<string> {
  const documents = originals.map((o) => ({
    documentId: randomUUID(),
    title: o.fileName,
    sha256: o.sha ?? sha256(o.bytes),
    pages: 1,
    kind: 'text',
    textLayer: true,
    fileName: o.fileName,
    size: o.bytes.length,
    importedAt: '2024-01-01T00:00:00.000Z',
    importedBy: 'Mallory',
    status: 'ready',
    provenance: {},
  }));
  const caseJson = {
    schema: 'exhibit-case/1',
    case: { name: 'x', reviewer: 'Mallory' },
    documents,
    allegations: [],
    highlights: [],
    links: [],
  };
  const payload = [
    ...originals.map((o, i) => ({ path: `data/originals/${i}.bin`, bytes: o.bytes })),
    { path: 'data/case.json', bytes: Buffer.from(JSON.stringify(caseJson)) },
    { path: 'data/audit/audit.jsonl', bytes: Buffer.from('') },
    { path: 'data/audit/head.json', bytes: Buffer.from(JSON.stringify({ rows: 0, headHash: null })) },
  ];
  const key = reviewerKey(path.join(tempDir(), 'cfg'));
  const info = { caseName: 'x', version: '0', reviewer: 'Mallory', fingerprint: key.fingerprint, baggingDate: '2024-01-01' };
  const out = path.join(tempDir(), 'signed.zip');
  await writeAll(
    out,
    [...tagFiles(payload, info, key.publicKeyPem, key.privateKey), ...payload].map((f) => [f.path, Buffer.from(f.bytes)]),
  );
  expect(await verifyBundle(out)).toMatchObject({ ok: true });
  return out;
}

describe('signed bundles with hostile contents', () => {
  it('refuses a case.json whose SHA-256 would climb out of the staging folder', async () => {
    const file = await signedBundle([{ fileName: 'a.txt', bytes: Buffer.from('text'), sha: '../../../../tmp/evil' }]);
    const s = await receivingCase();
    const before = snapshot(s);
    await expect(importBundle(s.store, file, { pool: s.pool, actor: 'B' })).rejects.toThrow(
      /case\.json documents\.0\.sha256: not a SHA-256/,
    );
    expect(snapshot(s)).toEqual(before);
  });

  it('keeps a climbing file name inside the staging folder', async () => {
    const bytes = Buffer.from('The escape route ran through Veloria.');
    const file = await signedBundle([{ fileName: '../../escape.txt', bytes }]);
    const s = await receivingCase();
    const result = await importBundle(s.store, file, { pool: s.pool, actor: 'B' });
    expect(result.documents.added).toBe(1);
    for (const up of ['..', '../..']) expect(fs.existsSync(path.resolve(s.store.dir, up, 'escape.txt'))).toBe(false);
    const docs = await callTyped(s.router, 'documents.list', {});
    expect(docs.find((d) => d.sha256 === sha256(bytes))!.fileName).not.toContain('/');
    expect(snapshot(s).staging).toEqual([]);
  });

  it('removes the staging folder and leaves the case untouched when a staged document cannot be imported', async () => {
    const file = await signedBundle([{ fileName: 'broken.pdf', bytes: Buffer.from('%PDF-1.7\nthis is not a PDF at all\n') }]);
    const s = await receivingCase();
    const before = snapshot(s);
    await expect(importBundle(s.store, file, { pool: s.pool, actor: 'B' })).rejects.toThrow(
      /A document in the bundle could not be imported/,
    );
    expect(snapshot(s)).toEqual(before);
  });
});
