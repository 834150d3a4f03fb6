/** Hostile bundles for the bundle tests: a real export rebuilt header by header with one thing changed, and the checks a refusal must pass. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { sha256, tagFiles } from '../../electron/services/bundle/bagit.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import type { ZipLimits } from '../../electron/services/bundle/read-zip.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { rawZip, readAll, writeAll, type RawEntry } from '../fixtures/zip.ts';
import { blobFiles, count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

/** A real exported bundle's entries, in order. */
export async function bundleEntries(): Promise<[string, Buffer][]> {
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

export interface RebuildOptions {
  /** The entry count the end record claims. */
  claimEntries?: number;
  /** Entries added after the bundle's own. */
  extra?: RawEntry[];
  /**
   * Rewrite bag-info.txt's Payload-Oxum to the sizes the headers state, as a forger would,
   * so the check against it passes and only the streaming stands in the way.
   */
  oxumFromHeaders?: boolean;
}

/** The same entries written header by header, with `tweak` changing the one it names. */
export function rebuilt(
  entries: [string, Buffer][],
  tweak: (name: string) => Partial<RawEntry>,
  opts: RebuildOptions = {},
): string {
  const raw: RawEntry[] = [...entries.map(([name, data]) => ({ name, data, ...tweak(name) })), ...(opts.extra ?? [])];
  if (opts.oxumFromHeaders) {
    const payload = raw.filter((e) => e.name.startsWith('data/'));
    const bytes = payload.reduce((n, e) => n + (e.statedSize ?? e.data.length), 0);
    const info = raw.find((e) => e.name === 'bag-info.txt')!;
    info.data = Buffer.from(info.data.toString('utf8').replace(/Payload-Oxum: .*/, `Payload-Oxum: ${bytes}.${payload.length}`));
  }
  const file = path.join(tempDir(), 'hostile.zip');
  fs.writeFileSync(file, rawZip(raw, opts));
  return file;
}

/** A case with work in it, and a snapshot of what a refused import must leave alone. */
export async function receivingCase(): Promise<Services> {
  const s = newCase();
  const [doc] = await importFiles(s, [writeFile(tempDir(), 'own.txt', 'The ministry approved the licence.')]);
  await callTyped(s.router, 'highlights.create', { documentId: doc!.documentId!, targets: [{ page: 1, quote: 'approved' }] });
  await callTyped(s.router, 'allegations.create', { title: 'Licence granted' });
  return s;
}

export const snapshot = (s: Services) => ({
  documents: count(s, 'documents'),
  highlights: (s.store.db.prepare('SELECT count(*) AS n FROM highlights').get() as { n: number }).n,
  audit: count(s, 'audit'),
  blobs: blobFiles(s).length,
  staging: fs.readdirSync(s.store.dir).filter((n) => n.startsWith('.staging-')),
});

/** verify names the problem without throwing; import-bundle refuses it and changes nothing. */
export async function expectRefused(file: string, problem: RegExp, limits?: Partial<ZipLimits>): Promise<void> {
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

/** The bundle's PDF original. */
export const isOriginal = (name: string) => name.startsWith('data/originals/') && name.endsWith('report.pdf');

/** A bundle made by hand and properly signed: it verifies, so only the import's own checks stand in the way. */
export async function signedBundle(originals: { fileName: string; bytes: Buffer; sha?: string }[]): Promise<string> {
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
  const info = {
    caseName: 'x',
    version: '0',
    reviewer: 'Mallory',
    fingerprint: key.fingerprint,
    baggingDate: '2024-01-01',
    organization: null,
    description: 'hostile',
    groupIdentifier: 'x',
  };
  const out = path.join(tempDir(), 'signed.zip');
  await writeAll(
    out,
    [...tagFiles(payload, info, key.publicKeyPem, key.privateKey), ...payload].map((f) => [f.path, Buffer.from(f.bytes)]),
  );
  expect(await verifyBundle(out)).toMatchObject({ ok: true });
  return out;
}
