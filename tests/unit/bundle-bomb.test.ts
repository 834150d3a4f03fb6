/**
 * Compression bombs, made for real: a small ZIP whose entry inflates to a gigabyte while
 * claiming a megabyte, entries claiming more than one file or the whole bundle may hold,
 * entries sharing their compressed bytes, a local header telling another story, and a ZIP
 * inside the bundle. Each is refused with a message naming the bundle and the entry,
 * before (or the moment) more than is allowed would be unpacked; nothing reaches the case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../electron/services/bundle/bagit.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { readZip } from '../../electron/services/bundle/read-zip.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { deflateBomb, overlappingZip, type RawEntry } from '../fixtures/zip.ts';
import { exhibit, tempDir } from './helpers.ts';
import { bundleEntries, expectRefused, rebuilt, receivingCase, signedBundle, snapshot } from './hostile-bundles.ts';

const MiB = 1024 ** 2;
/** Back-references enough for a gigabyte of zeros (about 6.5 MB of deflate). */
const GIGABYTE = Math.ceil(1024 ** 3 / 258);
const BOMB = 'data/originals/0123456789ab-server.txt';

/** A megabyte of zeros declared as such, stored: honest, and large enough to meet lowered caps. */
const megabyte = (name: string): RawEntry => ({ name, data: Buffer.alloc(MiB) });

/** Read `file` saving every entry into a fresh folder, counting what the progress callback hears of BOMB. */
async function saveAll(file: string, limits = {}): Promise<{ error: unknown; dir: string; told: number }> {
  const dir = path.join(tempDir(), 'staging');
  fs.mkdirSync(dir);
  let told = 0;
  let n = 0;
  const error = await readZip(file, {
    save: { dir, name: () => `entry-${n++}` },
    limits,
    onSaving: (p, bytes) => (told += p === BOMB ? bytes : 0),
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, dir, told };
}

describe('compression bombs', () => {
  let entries: [string, Buffer][];
  beforeAll(async () => {
    entries = await bundleEntries();
  });

  it('stops an entry the moment it unpacks past its declared size: 6.5 MB claiming 1 MB, inflating to 1 GB', async () => {
    const bomb: RawEntry = { name: BOMB, data: Buffer.alloc(0), deflated: deflateBomb(GIGABYTE), statedSize: MiB };
    // Payload-Oxum agrees with the lie, so only the count while streaming stands in the way.
    const file = rebuilt(entries, () => ({}), { extra: [bomb], oxumFromHeaders: true });
    expect(fs.statSync(file).size).toBeLessThan(8 * MiB);
    const message = `entry "${BOMB}" unpacks to more than the 1,048,576 bytes the archive declares for it; reading stopped there`;
    await expectRefused(file, new RegExp(message.replace(/[.()]/g, '\\$&')));

    const saved = await saveAll(file);
    expect(String(saved.error)).toContain(`${file}: ${message} (a compression bomb?)`);
    // Not a byte past the declared size was passed on or written.
    expect(saved.told).toBeLessThanOrEqual(MiB);
    const written = fs.readdirSync(saved.dir).map((f) => fs.statSync(path.join(saved.dir, f)).size);
    expect(Math.max(...written)).toBeLessThanOrEqual(MiB);

    // The real command says so too, and fails.
    const cli = exhibit(['verify', file]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(message);
  });

  it('unpacks nothing of a payload declared far larger than bag-info.txt says it is', async () => {
    // Honest about its size this time (a gigabyte says 100 MiB and is cut there), but the bag says a few kilobytes.
    const bomb: RawEntry = { name: BOMB, data: Buffer.alloc(0), deflated: deflateBomb(GIGABYTE), statedSize: 100 * MiB };
    const file = rebuilt(entries, () => ({}), { extra: [bomb] });
    const report = await verifyBundle(file);
    const listed = entries.filter(([n]) => n.startsWith('data/')).length;
    expect(report.problems).toEqual([
      `unexpected file: ${BOMB}`,
      expect.stringMatching(
        new RegExp(
          `^Payload-Oxum mismatch: bag-info.txt says \\d+\\.${listed}, the ZIP declares \\d+\\.${listed + 1} for data/, far more; the payload was not unpacked$`,
        ),
      ),
    ]);
    const s = await receivingCase();
    const before = snapshot(s);
    await expect(importBundle(s.store, file, { pool: s.pool, actor: 'B' })).rejects.toThrow(/the payload was not unpacked/);
    expect(snapshot(s)).toEqual(before);
  });

  it('refuses an entry that declares more than one file may unpack to, before inflating anything', async () => {
    const file = rebuilt(entries, () => ({}), { extra: [megabyte(BOMB)], oxumFromHeaders: true });
    const limits = { entryBytes: MiB - 1 };
    await expectRefused(
      file,
      new RegExp(`entry "${BOMB}" would unpack to 1,048,576 bytes; one file may unpack to at most 1,048,575 bytes`),
      limits,
    );
    const saved = await saveAll(file, limits);
    expect(String(saved.error)).toMatch(/would unpack to 1,048,576 bytes/);
    expect(fs.readdirSync(saved.dir)).toEqual([]);
    expect(saved.told).toBe(0);
  });

  it('refuses entries that together declare more than the total cap, naming the one that crosses it', async () => {
    const extra = ['a', 'b', 'c'].map((n) => megabyte(`data/originals/0123456789ab-${n}.txt`));
    const file = rebuilt(entries, () => ({}), { extra, oxumFromHeaders: true });
    const limits = { totalBytes: 2.5 * MiB };
    await expectRefused(
      file,
      /would unpack to more than 2,621,440 bytes in all \(entry "data\/originals\/0123456789ab-c\.txt" takes it to 3,\d{3},\d{3} bytes\)/,
      limits,
    );
    const saved = await saveAll(file, limits);
    expect(String(saved.error)).toMatch(/in all/);
    expect(fs.readdirSync(saved.dir)).toEqual([]);
  });

  it('refuses entries that share their compressed bytes (one kernel unpacked once per entry)', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `data/originals/part-${i}.txt`);
    const file = path.join(tempDir(), 'overlap.zip');
    // 200 entries over one 64 KiB kernel: each unpacks the rest of the file, ~13 MB in all from 70 KB.
    fs.writeFileSync(file, overlappingZip(names, Buffer.alloc(64 * 1024, 'A')));
    expect(fs.statSync(file).size).toBeLessThan(100 * 1024);
    await expectRefused(file, /entries "data\/originals\/part-0\.txt" and "data\/originals\/part-1\.txt" share compressed bytes/);
    const saved = await saveAll(file);
    expect(String(saved.error)).toMatch(/share compressed bytes/);
    expect(fs.readdirSync(saved.dir)).toEqual([]);
  });

  it('refuses an entry whose local header states another size than the directory', async () => {
    const file = rebuilt(entries, (n) => (n === 'data/case.json' ? { localSize: 1 } : {}));
    await expectRefused(
      file,
      /entry "data\/case\.json" has a local header that disagrees with the archive's directory on its size/,
    );
  });

  it('takes a ZIP inside the bundle as a file: hashed, never opened, and not imported as a document', async () => {
    // A ZIP that would unpack to a gigabyte, signed into a bundle as one of its originals.
    const gigabyte = { name: 'zeros.bin', data: Buffer.alloc(0), deflated: deflateBomb(GIGABYTE), statedSize: 1024 ** 3 };
    const nested = fs.readFileSync(rebuilt([], () => ({}), { extra: [gigabyte] }));
    const file = await signedBundle([{ fileName: 'archive.zip', bytes: nested }]);
    const report = await verifyBundle(file);
    expect(report).toMatchObject({ ok: true, problems: [] });
    const read = await readZip(file);
    expect(read.find((e) => e.path === 'data/originals/0.bin')).toMatchObject({ size: nested.length, sha256: sha256(nested) });
    const s = await receivingCase();
    const before = snapshot(s);
    await expect(importBundle(s.store, file, { pool: s.pool, actor: 'B' })).rejects.toThrow(
      /could not be imported: "archive\.zip": .*unsupported file type "\.zip"/,
    );
    expect(snapshot(s)).toEqual(before);
  });
});
