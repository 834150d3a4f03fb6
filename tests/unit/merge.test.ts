import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { callTyped } from '../../electron/services/router.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';
import { reviewState } from './merge-state.ts';

describe('importing a bundle', () => {
  it('rebuilds the same review work in a fresh case, and a second import changes nothing', async () => {
    const a = newCase();
    const dir = tempDir();
    const [report] = await importFiles(a, [
      writePdf(dir, 'report.pdf', {
        info: { title: 'NGO report' },
        pages: [{ lines: ['Phones of two journalists were infected.'] }, { lines: ['Servers in Veloria.'] }],
      }),
      writeFile(dir, 'letter.txt', 'We deny that our product infected journalists.'),
    ]);
    await callTyped(a.router, 'documents.setProvenance', {
      documentId: report!.documentId!,
      provenance: { source: 'Lanternwatch' },
    });
    const h = await callTyped(a.router, 'highlights.create', {
      documentId: report!.documentId!,
      targets: [{ page: 1, quote: 'two journalists were infected' }],
      note: 'Key',
      color: 'pink',
    });
    const [al] = await callTyped(a.router, 'allegations.import', { text: '- Journalists were targeted\n- Servers abroad' });
    await callTyped(a.router, 'links.create', {
      highlightId: h.highlightId,
      allegationId: al!.allegationId,
      stance: 'supports',
      rationale: 'Forensics',
    });
    const zip = path.join(tempDir(), 'a.zip');
    await exportBundle(a.store, { out: zip, reviewer: 'Reviewer A', configDir: path.join(tempDir(), 'cfg') });

    const b = newCase();
    const first = await importBundle(b.store, zip, { pool: b.pool, actor: 'Reviewer B' });
    expect(first).toMatchObject({
      documents: { added: 2, known: 0 },
      allegations: { added: 2 },
      highlights: { added: 1 },
      links: { added: 1 },
      conflicts: [],
    });
    expect(reviewState(b)).toEqual(reviewState(a));
    expect((await callTyped(b.router, 'search.query', { query: 'Veloria' })).total).toBe(1);
    const again = await importBundle(b.store, zip, { pool: b.pool, actor: 'Reviewer B' });
    expect(again).toMatchObject({
      documents: { added: 0, known: 2 },
      allegations: { added: 0, unchanged: 2 },
      highlights: { added: 0, unchanged: 1 },
      links: { added: 0, unchanged: 1 },
    });
    expect(reviewState(b)).toEqual(reviewState(a));
    expect(verifyAudit(b.store.db).ok).toBe(true);

    // The rebuilt case exports the same case.json, but for who exported it and when, and who imported each document
    // into this case and when (B did, from the bundle).
    const zipB = path.join(tempDir(), 'b.zip');
    await exportBundle(b.store, { out: zipB, reviewer: 'Reviewer B', configDir: path.join(tempDir(), 'cfg-b') });
    const caseJsonOf = async (file: string) => {
      const parsed = JSON.parse((await readAll(file)).get('data/case.json')!.toString('utf8')) as {
        case: unknown;
        documents: { importedAt?: string; importedBy?: string }[];
      };
      const { case: _who, ...rest } = parsed;
      return { ...rest, documents: rest.documents.map(({ importedAt: _at, importedBy: _by, ...d }) => d) };
    };
    const [fromA, fromB] = [await caseJsonOf(zip), await caseJsonOf(zipB)];
    expect(fromA.documents).toHaveLength(2);
    expect(fromB).toEqual(fromA);
  });

  it('takes the newer edit from either side and lists each conflict with what was kept', async () => {
    const a = newCase();
    const [doc] = await importFiles(a, [writeFile(tempDir(), 'l.txt', 'The ministry approved the export licence.')]);
    const h = await callTyped(a.router, 'highlights.create', {
      documentId: doc!.documentId!,
      targets: [{ page: 1, quote: 'approved the export' }],
    });
    const [al] = await callTyped(a.router, 'allegations.import', { text: '- Licence granted' });
    await callTyped(a.router, 'links.create', { highlightId: h.highlightId, allegationId: al!.allegationId, stance: 'admits' });
    const zip1 = path.join(tempDir(), '1.zip');
    const cfg = path.join(tempDir(), 'cfg');
    await exportBundle(a.store, { out: zip1, reviewer: 'A', configDir: cfg });
    const b = newCase();
    await importBundle(b.store, zip1, { pool: b.pool, actor: 'B' });
    // A edits later; B changes the link's stance on its own copy.
    await callTyped(a.router, 'allegations.update', { allegationId: al!.allegationId, status: 'corroborated' });
    await callTyped(b.router, 'links.update', { highlightId: h.highlightId, allegationId: al!.allegationId, stance: 'context' });
    const zip2 = path.join(tempDir(), '2.zip');
    await exportBundle(a.store, { out: zip2, reviewer: 'A', configDir: cfg });
    const merged = await importBundle(b.store, zip2, { pool: b.pool, actor: 'B' });
    expect(merged.allegations.updated).toBe(1);
    expect((await callTyped(b.router, 'allegations.list', {}))[0]!.status).toBe('corroborated');
    expect(merged.conflicts).toEqual([
      expect.stringMatching(
        /^A1 "Licence granted": status differs; the bundle's \(.+\) is newer than the case's \(.+\) and was taken$/,
      ),
      expect.stringMatching(
        /^link [0-9a-f]{8} → A1: the case says context, the bundle admits; the case's \(.+\) is newer than the bundle's \(.+\) and was kept$/,
      ),
    ]);
    const [kept] = await callTyped(b.router, 'links.list', { highlightId: h.highlightId });
    expect(kept!.stance).toBe('context');
  });

  it('refuses a bundle that does not verify and changes nothing', async () => {
    const b = newCase();
    const bad = writeFile(tempDir(), 'bad.zip', 'not a zip');
    await expect(importBundle(b.store, bad, { pool: b.pool, actor: 'B' })).rejects.toThrow(
      /did not verify, so nothing was imported/,
    );
    expect(await callTyped(b.router, 'documents.list', {})).toEqual([]);
  });

  it('streams an original larger than what is kept in memory straight to the staging folder, byte for byte', async () => {
    const a = newCase();
    const dir = tempDir();
    const line = 'Transfers to the Veloria account continued every month of the year.\n';
    const big = writeFile(dir, 'ledger.txt', `${line.repeat(4000)}Final entry: Xanthe Holdings.\n`);
    const bytes = fs.readFileSync(big);
    const [doc] = await importFiles(a, [big]);
    const zip = path.join(tempDir(), 'big.zip');
    await exportBundle(a.store, { out: zip, reviewer: 'A', configDir: path.join(tempDir(), 'cfg') });
    // Tags and JSON fit under the lowered limit; the original does not (it is ~280 KB).
    const limits = { keepBytes: 64 * 1024 };
    const entries = await readAll(zip);
    const original = [...entries].find(([n]) => n.startsWith('data/originals/'))![1];
    expect(original.length).toBeGreaterThan(limits.keepBytes * 4);
    expect(entries.get('data/case.json')!.length).toBeLessThan(limits.keepBytes);

    const b = newCase();
    const result = await importBundle(b.store, zip, { pool: b.pool, actor: 'B', limits });
    expect(result.documents).toEqual({ added: 1, known: 0 });
    expect(fs.readFileSync(blobPath(b.store.dir, doc!.sha256!)).equals(bytes)).toBe(true);
    expect(reviewState(b)).toEqual(reviewState(a));
    expect((await callTyped(b.router, 'search.query', { query: 'Xanthe' })).total).toBe(1);
    expect(fs.readdirSync(b.store.dir).filter((n) => n.startsWith('.staging-'))).toEqual([]);
    // The limit still holds for what is kept in memory: below case.json's size, the import is refused.
    const c = newCase();
    await expect(importBundle(c.store, zip, { pool: c.pool, actor: 'C', limits: { keepBytes: 512 } })).rejects.toThrow(
      /did not verify[\s\S]*entry "[^"]+" is too large to check \(\d+ bytes; at most 512\)/,
    );
    expect(await callTyped(c.router, 'documents.list', {})).toEqual([]);
  });

  it('clears staging folders a killed import left behind, and never one of a process still running', async () => {
    const a = newCase();
    await importFiles(a, [writeFile(tempDir(), 'letter.txt', 'We deny that our product infected journalists.')]);
    const zip = path.join(tempDir(), 'bundle.zip');
    await exportBundle(a.store, { out: zip, reviewer: 'A', configDir: path.join(tempDir(), 'cfg') });
    const b = newCase();
    // A process that no longer exists died mid-import; this process has another import under way.
    const dead = path.join(b.store.dir, '.staging-999999999-0f0f0f0f-0000-4000-8000-000000000000');
    const running = path.join(b.store.dir, `.staging-${process.pid}-0f0f0f0f-0000-4000-8000-000000000001`);
    for (const d of [dead, running]) writeFile(d, 'ab12cd34ef56-letter.txt', 'a staged original');
    const result = await importBundle(b.store, zip, { pool: b.pool, actor: 'B' });
    expect(result.documents).toEqual({ added: 1, known: 0 });
    expect(fs.readdirSync(b.store.dir).filter((n) => n.startsWith('.staging-'))).toEqual([path.basename(running)]);
  });
});
