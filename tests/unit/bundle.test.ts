import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { reanchor } from '../../shared/anchoring/selectors.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import { deflateBomb, rawZip, readAll, writeAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

async function exportedCase() {
  const s = newCase();
  const dir = tempDir();
  const [report, letter] = await importFiles(s, [
    writePdf(dir, 'report.pdf', {
      info: { title: 'NGO report' },
      pages: [{ lines: ['Phones of two journalists were infected.'] }],
    }),
    writeFile(dir, 'letter.txt', 'We deny that our product infected journalists.'),
  ]);
  const h = await callTyped(s.router, 'highlights.create', {
    documentId: report!.documentId!,
    targets: [{ page: 1, quote: 'two journalists were infected' }],
    note: 'Key finding',
  });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
  await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
  const out = path.join(tempDir(), 'bundle.zip');
  const configDir = path.join(tempDir(), 'config');
  const result = await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir });
  return { s, out, configDir, result, report: report!, letter: letter! };
}

describe('evidence bundles', () => {
  it('exports a signed BagIt bag with byte-identical originals that verifies', async () => {
    const { out, report, letter, configDir } = await exportedCase();
    expect(await verifyBundle(out)).toEqual({
      ok: true,
      problems: [],
      files: expect.any(Number),
      // Checked without a trusted list: the key is named, not vouched for.
      signer: {
        fingerprint: reviewerKey(configDir).fingerprint,
        name: null,
        trusted: false,
        own: false,
        claimedName: 'T. Reviewer',
      },
    });
    const files = await readAll(out);
    expect([...files.keys()].sort()).toEqual(
      expect.arrayContaining([
        'bagit.txt',
        'bag-info.txt',
        'manifest-sha256.txt',
        'tagmanifest-sha256.txt',
        'data/case.json',
        'data/annotations.jsonld',
        'data/audit/audit.jsonl',
      ]),
    );
    const originals = [...files.entries()].filter(([n]) => n.startsWith('data/originals/'));
    expect(originals.map(([n]) => n).sort()).toEqual(
      [
        `data/originals/${letter.sha256!.slice(0, 12)}-letter.txt`,
        `data/originals/${report.sha256!.slice(0, 12)}-report.pdf`,
      ].sort(),
    );
    // The highlighted PDF also travels as an annotated copy; the text letter has no PDF to annotate.
    expect(files.has(`data/annotated/${report.sha256!.slice(0, 12)}-report.pdf`)).toBe(true);
    for (const r of ['report.html', 'report.md', 'links.csv', 'report.docx']) expect(files.has(`data/report/${r}`), r).toBe(true);
    expect(files.get('data/report/report.md')!.toString()).toContain('two journalists were infected');
    const caseJson = JSON.parse(files.get('data/case.json')!.toString('utf8'));
    expect(caseJson.schema).toBe('exhibit-case/1');
    expect(caseJson.links).toEqual([expect.objectContaining({ code: 'A1', stance: 'supports' })]);
    const ld = JSON.parse(files.get('data/annotations.jsonld')!.toString('utf8'));
    expect(ld.first.items[0].target[0].source.id).toBe(`urn:sha256:${report.sha256}`);
    expect(ld.first.items[1].motivation).toBe('linking');
    expect(files.get('bag-info.txt')!.toString()).toMatch(/Payload-Oxum: \d+\.\d+/);
    // The private key stays with the reviewer, readable by them only.
    expect(fs.statSync(path.join(configDir, 'keys', 'ed25519-private.pem')).mode & 0o077).toBe(0);
  });

  it('names the file when one byte changes in an original, an annotated PDF, case.json or the audit log, and catches a forged signature', async () => {
    const { out } = await exportedCase();
    const files = await readAll(out);
    const flip = (b: Buffer) => {
      const c = Buffer.from(b);
      c[Math.floor(c.length / 2)]! ^= 1;
      return c;
    };
    const original = [...files.keys()].find((n) => n.startsWith('data/originals/') && n.endsWith('report.pdf'))!;
    const annotated = [...files.keys()].find((n) => n.startsWith('data/annotated/') && n.endsWith('report.pdf'))!;
    expect([original, annotated].every(Boolean)).toBe(true);
    for (const target of [original, annotated, 'data/case.json', 'data/audit/audit.jsonl', 'bag-info.txt']) {
      const tampered = path.join(tempDir(), 'tampered.zip');
      await writeAll(
        tampered,
        [...files.entries()].map(([n, b]) => [n, n === target ? flip(b) : b] as [string, Buffer]),
      );
      const report = await verifyBundle(tampered);
      expect(report.ok, target).toBe(false);
      expect(report.problems.join('\n'), target).toContain(`hash mismatch: ${target}`);
    }
    const forged = path.join(tempDir(), 'forged.zip');
    const manifest = Buffer.from(
      files
        .get('tagmanifest-sha256.txt')!
        .toString()
        .replace(/^[0-9a-f]/, (c) => (c === 'a' ? 'b' : 'a')),
    );
    await writeAll(
      forged,
      [...files.entries()].map(([n, b]) => [n, n === 'tagmanifest-sha256.txt' ? manifest : b] as [string, Buffer]),
    );
    expect((await verifyBundle(forged)).problems).toContain(
      'bad signature: tagmanifest-sha256.txt.sig does not match tagmanifest-sha256.txt',
    );
    const extra = path.join(tempDir(), 'extra.zip');
    await writeAll(extra, [...files.entries(), ['data/smuggled.txt', Buffer.from('x')]]);
    const extraReport = await verifyBundle(extra);
    expect(extraReport.problems).toContain('unexpected file: data/smuggled.txt');
    expect(extraReport.problems.some((p) => p.startsWith('Payload-Oxum mismatch'))).toBe(true);
  });

  it('reports hostile or damaged archives without crashing', async () => {
    const dir = tempDir();
    const notZip = writeFile(dir, 'not.zip', 'hello');
    expect((await verifyBundle(notZip)).problems[0]).toMatch(/not a readable ZIP file/);
    const climb = path.join(dir, 'climb.zip');
    await writeAll(climb, [['bagit.txt', Buffer.from('x')]]);
    // yazl refuses "../" names, so the traversal is written into the bytes by hand.
    const bytes = fs.readFileSync(climb);
    const patched = Buffer.from(bytes.toString('latin1').replaceAll('bagit.txt', '../ab.txt'), 'latin1');
    fs.writeFileSync(climb, patched);
    expect((await verifyBundle(climb)).problems[0]).toMatch(/climbs out of the bundle/);
  });

  it('leaves nothing under the final name when the bundle cannot be written', async () => {
    const { s, configDir } = await exportedCase();
    const out = path.join(tempDir(), 'no-such-folder', 'bundle.zip');
    await expect(exportBundle(s.store, { out, reviewer: 'T', configDir })).rejects.toThrow(
      /the bundle could not be written \(ENOENT\)/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exports only the allegations asked for, with the documents and links between them', async () => {
    const { s, report, letter } = await exportedCase();
    await callTyped(s.router, 'allegations.create', { title: 'Unrelated claim', code: 'Z1' });
    const out = path.join(tempDir(), 'scoped.zip');
    await callTyped(s.router, 'bundle.export', { path: out, allegationIds: ['A1'] });
    expect(await callTyped(s.router, 'bundle.verify', { path: out })).toMatchObject({ ok: true });
    const files = await readAll(out);
    const c = JSON.parse(files.get('data/case.json')!.toString('utf8'));
    expect(c.allegations.map((a: { code: string }) => a.code)).toEqual(['A1']);
    expect(c.documents.map((d: { documentId: string }) => d.documentId)).toEqual([report.documentId]);
    expect([...files.keys()].some((n) => n.includes(letter.sha256!.slice(0, 12)))).toBe(false);
  });

  it('writes Web Annotations whose selectors re-anchor in the page text', async () => {
    const { s, out } = await exportedCase();
    const ld = JSON.parse((await readAll(out)).get('data/annotations.jsonld')!.toString('utf8'));
    const highlight = ld.first.items.find((i: { motivation: string }) => i.motivation === 'highlighting');
    const fragment = highlight.target[0].selector;
    expect(fragment).toMatchObject({ type: 'FragmentSelector', value: 'page=1' });
    // The page is selected first; the quote and the position refine it, as alternatives.
    const [quote, position] = fragment.refinedBy;
    expect([quote.type, position.type]).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    const docs = await callTyped(s.router, 'documents.list', {});
    const doc = docs.find((d) => `urn:sha256:${d.sha256}` === highlight.target[0].source.id)!;
    const page = await callTyped(s.router, 'documents.page', { documentId: doc.documentId, page: 1 });
    expect(reanchor(page.text, quote, position)).toEqual({ state: 'ok', start: position.start, end: position.end });
  });

  it('refuses archives with names that collide after case folding, symlinks, or compression bombs', async () => {
    const dir = tempDir();
    const build = (file: string, add: (zip: yazl.ZipFile) => void) => {
      const zip = new yazl.ZipFile();
      add(zip);
      zip.end();
      return new Promise<void>((resolve) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()));
    };
    const twins = path.join(dir, 'twins.zip');
    await build(twins, (z) => {
      z.addBuffer(Buffer.from('a'), 'data/Report.txt');
      z.addBuffer(Buffer.from('b'), 'data/report.txt');
    });
    expect((await verifyBundle(twins)).problems[0]).toMatch(/entry "data\/report.txt" appears twice/);
    const link = path.join(dir, 'link.zip');
    await build(link, (z) => z.addBuffer(Buffer.from('/etc/passwd'), 'data/evil', { mode: 0o120777 }));
    expect((await verifyBundle(link)).problems[0]).toMatch(/entry "data\/evil" is a symbolic link/);
    // 64 MiB of zeros that say they are 1 KiB: how well data compresses is no reason to refuse it; lying about it is.
    const bomb = path.join(dir, 'bomb.zip');
    const zeros = { name: 'data/zeros.bin', data: Buffer.alloc(0), deflated: deflateBomb(260_000), statedSize: 1024 };
    fs.writeFileSync(bomb, rawZip([zeros]));
    expect((await verifyBundle(bomb)).problems[0]).toMatch(
      /entry "data\/zeros.bin" unpacks to more than the 1,024 bytes the archive declares for it; reading stopped there/,
    );
  });
});
