import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../electron/services/bundle/bagit.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { readZip } from '../../electron/services/bundle/read-zip.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import { tempDir } from './helpers.ts';
import { bundleEntries, expectRefused, isOriginal, rebuilt, receivingCase, signedBundle, snapshot } from './hostile-bundles.ts';

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
    const original = 'entry "data/originals/[0-9a-f]{12}-report\\.pdf"';
    const lie = (by: number) => (n: string) => (isOriginal(n) ? { deflate: true, statedSize: real + by } : {});
    // Streaming stops at the stated size (even when a forger rewrites Payload-Oxum to fit the lie).
    const smaller = rebuilt(entries, lie(-100), { oxumFromHeaders: true });
    await expectRefused(
      smaller,
      new RegExp(`${original} unpacks to more than the ${(real - 100).toLocaleString('en')} bytes the archive declares for it`),
    );
    const larger = rebuilt(entries, lie(100), { oxumFromHeaders: true });
    await expectRefused(
      larger,
      new RegExp(
        `${original} unpacks to ${real.toLocaleString('en')} bytes, less than the ${(real + 100).toLocaleString('en')} bytes the archive declares`,
      ),
    );
    // The same lies with bag-info.txt left alone: a few bytes off its Payload-Oxum, the payload is still read and the lie named.
    await expectRefused(rebuilt(entries, lie(-100)), /unpacks to more than the [\d,]+ bytes the archive declares/);
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
      /unpacks to more than the 100 bytes the archive declares for it; reading stopped there/,
    );
    // What reached the disk stops at the stated size; the caller removes the folder.
    expect(real.length).toBeGreaterThan(100);
    expect(fs.statSync(path.join(dir, 'report.pdf')).size).toBeLessThanOrEqual(100);
    expect(fs.readdirSync(dir)).toEqual(['report.pdf']);
  });
});

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
