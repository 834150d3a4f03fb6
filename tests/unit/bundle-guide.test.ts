/**
 * README.txt inside the bundle, followed to the letter: its command blocks are cut out of the
 * file and run with sh, sha256sum, OpenSSL and Python in the unzipped bag, as a clerk would.
 * Also bag-info.txt's BagIt fields, and verify's view of README.txt as a signed tag file.
 */
import { spawnSync } from 'node:child_process';
import { sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/services/audit/audit.ts';
import { sha256 } from '../../electron/services/bundle/bagit.ts';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { commandBlocks } from '../fixtures/readme-blocks.ts';
import { readAll, writeAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

/** A case with documents, highlights, allegations and links, and one scoped away from the rest. */
async function reviewedCase(s: Services = newCase()) {
  const dir = tempDir();
  const [report, letter] = await importFiles(s, [
    writePdf(dir, 'report.pdf', { pages: [{ lines: ['Phones of two journalists were infected.'] }] }),
    writeFile(dir, 'letter.txt', 'We deny that our product infected journalists.'),
  ]);
  const h1 = await callTyped(s.router, 'highlights.create', {
    documentId: report!.documentId!,
    targets: [{ page: 1, quote: 'two journalists were infected' }],
    note: 'Key "finding"\nsee p. 1',
  });
  const h2 = await callTyped(s.router, 'highlights.create', {
    documentId: letter!.documentId!,
    targets: [{ page: 1, quote: 'We deny' }],
  });
  const [a1, a2] = await callTyped(s.router, 'allegations.import', {
    text: '- Journalists were targeted\n- Exports were licensed',
  });
  await callTyped(s.router, 'links.create', { highlightId: h1.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
  await callTyped(s.router, 'links.create', { highlightId: h2.highlightId, allegationId: a2!.allegationId, stance: 'denies' });
  await callTyped(s.router, 'highlights.update', { highlightId: h2.highlightId, note: 'Flat denial — Zoë' });
  return { s, a1: a1!, a2: a2!, report: report!, letter: letter! };
}

async function exportTo(s: Services, args: { allegationIds?: string[] } = {}): Promise<string> {
  const out = path.join(tempDir(), 'bundle.zip');
  await callTyped(s.router, 'bundle.export', { path: out, ...args });
  return out;
}

/** Unzip with Python's standard zipfile tool, as a clerk without Exhibit might. */
function unzip(zip: string): string {
  const dir = path.join(tempDir(), 'bag');
  const r = spawnSync('python3', ['-m', 'zipfile', '-e', zip, dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

const run = (script: string, cwd: string) => {
  const r = spawnSync('sh', ['-e', '-c', script], { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

/** Flip the low bit of the byte at `at` (the middle by default). */
function flipByte(file: string, at?: number): void {
  const b = fs.readFileSync(file);
  b[at ?? Math.floor(b.length / 2)]! ^= 1;
  fs.writeFileSync(file, b);
}

function bagInfo(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

describe("the bundle's README.txt", () => {
  it("lets a clerk check every file, the signature and the key's fingerprint with stock tools, and those checks fail after one byte changes", async () => {
    const { s } = await reviewedCase();
    const bag = unzip(await exportTo(s));
    const readme = fs.readFileSync(path.join(bag, 'README.txt'), 'utf8');
    const blocks = commandBlocks(readme);
    // The two JSON-LD blocks are run by bundle-jsonld-offline.test.ts.
    expect([...blocks.keys()]).toEqual([
      'check-files',
      'check-signature',
      'key-fingerprint',
      'check-audit-chain',
      'expand-with-pyld',
      'expand-with-jsonld-js',
      'check-quotes',
    ]);
    const fingerprint = bagInfo(fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')).get('Exhibit-Public-Key-SHA256')!;
    expect(readme).toContain(fingerprint);

    const files = run(blocks.get('check-files')!, bag);
    expect(files.code, files.out).toBe(0);
    expect(files.out).toContain('data/case.json: OK');
    expect(files.out).toContain('README.txt: OK');
    const signature = run(blocks.get('check-signature')!, bag);
    expect(signature).toEqual({ code: 0, out: 'Signature Verified Successfully\n' });
    const key = run(blocks.get('key-fingerprint')!, bag);
    expect(key.code).toBe(0);
    expect(key.out.split(' ')[0]).toBe(fingerprint);
    const audit = run(blocks.get('check-audit-chain')!, bag);
    expect(audit.code, audit.out).toBe(0);
    expect(audit.out).toMatch(/^audit chain ok: \d+ rows, 0 of them redacted\n$/);
    const quotes = run(blocks.get('check-quotes')!, bag);
    expect(quotes).toEqual({ code: 0, out: 'quotes ok: 1 found in the pages of 1 PDF(s)\n' });

    // Carried page text that no longer reads the quote: the script names the file.
    const [pagesFile] = fs.readdirSync(path.join(bag, 'data', 'pages'));
    const carried = path.join(bag, 'data', 'pages', pagesFile!);
    const original = fs.readFileSync(carried, 'utf8');
    fs.writeFileSync(carried, original.replace('two journalists', 'two journalist!'));
    const moved = run(blocks.get('check-quotes')!, bag);
    expect(moved.code).not.toBe(0);
    expect(moved.out).toContain(`data/pages/${pagesFile}: page 1 does not read 'two journalists were infected'`);
    fs.writeFileSync(carried, original);

    // One byte of a payload file: the manifest check names it.
    flipByte(path.join(bag, 'data', 'case.json'));
    const changed = run(blocks.get('check-files')!, bag);
    expect(changed.code).not.toBe(0);
    expect(changed.out).toContain('data/case.json: FAILED');
    flipByte(path.join(bag, 'data', 'case.json'));
    expect(run(blocks.get('check-files')!, bag).code).toBe(0);

    // One byte of a tag file: the tag manifest check names it.
    flipByte(path.join(bag, 'bag-info.txt'));
    const tag = run(blocks.get('check-files')!, bag);
    expect(tag.code).not.toBe(0);
    expect(tag.out).toContain('bag-info.txt: FAILED');
    flipByte(path.join(bag, 'bag-info.txt'));

    // One byte of the signature, still valid base64: OpenSSL refuses it.
    const sigFile = path.join(bag, 'tagmanifest-sha256.txt.sig');
    const at = fs.readFileSync(sigFile, 'latin1').search(/[B-Zb-z](?=.{8})/);
    flipByte(sigFile, at);
    const forged = run(blocks.get('check-signature')!, bag);
    expect(forged.code).not.toBe(0);
    expect(forged.out).not.toContain('Signature Verified Successfully');
    flipByte(sigFile, at);

    // One byte of the tag manifest itself: the signature no longer fits it.
    flipByte(path.join(bag, 'tagmanifest-sha256.txt'), 0);
    expect(run(blocks.get('check-signature')!, bag).code).not.toBe(0);
  });

  it("recomputes the audit chain of a real case with Python's standard library, whole or scoped, and catches a changed row", async () => {
    const { s, a1 } = await reviewedCase();
    // Rows with what JSON escapes differently in careless hands: quotes, backslashes,
    // control characters, non-ASCII letters, characters outside the BMP, U+2028.
    s.store.db.transaction(() =>
      appendAudit(s.store.db, {
        actor: 'Zoë Ørsted ✓',
        action: 'note.test',
        entity: 'case',
        entityId: null,
        payload: { text: 'a "quote", a \\ backslash,\ttab\u0001\u001f, 𝄞 and \u2028 end' },
      }),
    )();
    await callTyped(s.router, 'allegations.update', {
      allegationId: a1.allegationId,
      title: 'Journalists were targeted — twice',
    });
    const rows = (s.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
    expect(rows).toBeGreaterThan(8);

    const whole = unzip(await exportTo(s));
    const script = commandBlocks(fs.readFileSync(path.join(whole, 'README.txt'), 'utf8')).get('check-audit-chain')!;
    expect(run(script, whole)).toEqual({ code: 0, out: `audit chain ok: ${rows} rows, 0 of them redacted\n` });

    const log = path.join(whole, 'data', 'audit', 'audit.jsonl');
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    const third = JSON.parse(lines[2]!) as { actor: string };
    lines[2] = JSON.stringify({ ...third, actor: `${third.actor}x` });
    fs.writeFileSync(log, lines.join('\n'));
    expect(run(script, whole)).toEqual({ code: 1, out: 'row 3 was changed after it was written\n' });

    const scoped = unzip(await exportTo(s, { allegationIds: [a1.allegationId] }));
    const head = JSON.parse(fs.readFileSync(path.join(scoped, 'data', 'audit', 'head.json'), 'utf8')) as {
      redacted: number;
      redactedSeqs: number[];
    };
    expect(head.redacted).toBeGreaterThan(0);
    expect(run(script, scoped)).toEqual({ code: 0, out: `audit chain ok: ${rows} rows, ${head.redacted} of them redacted\n` });
    // A redaction that head.json does not list is caught.
    fs.writeFileSync(
      path.join(scoped, 'data', 'audit', 'head.json'),
      JSON.stringify({ ...head, redactedSeqs: head.redactedSeqs.slice(1) }),
    );
    expect(run(script, scoped)).toEqual({
      code: 1,
      out: `row ${head.redactedSeqs[0]} is redacted but head.json does not list it\n`,
    });
  });

  it('is a signed tag file that verify checks, while bundles made before it still verify', async () => {
    const { s } = await reviewedCase();
    const out = await exportTo(s);
    const files = await readAll(out);
    expect(files.get('tagmanifest-sha256.txt')!.toString()).toContain(`${sha256(files.get('README.txt')!)}  README.txt\n`);
    expect(await verifyBundle(out)).toMatchObject({ ok: true });

    const changed = path.join(tempDir(), 'changed.zip');
    await writeAll(
      changed,
      [...files].map(([n, b]) => [n, n === 'README.txt' ? Buffer.from(b.toString().replace(/[0-9a-f]{64}/, '0'.repeat(64))) : b]),
    );
    expect((await verifyBundle(changed)).problems).toContain('hash mismatch: README.txt');
    const gone = path.join(tempDir(), 'gone.zip');
    await writeAll(
      gone,
      [...files].filter(([n]) => n !== 'README.txt'),
    );
    expect((await verifyBundle(gone)).problems).toContain('missing file: README.txt');

    // A bundle from before README.txt: its tag manifest lists no guide (signed here by a key of the test's own).
    const key = reviewerKey(path.join(tempDir(), 'config'));
    const older = new Map([...files].filter(([n]) => n !== 'README.txt'));
    older.set('exhibit-public-key.pem', Buffer.from(key.publicKeyPem));
    // bag-info.txt names the key that signs, as every Exhibit bundle does.
    older.set(
      'bag-info.txt',
      Buffer.from(
        older
          .get('bag-info.txt')!
          .toString()
          .replace(/Exhibit-Public-Key-SHA256: .*/, `Exhibit-Public-Key-SHA256: ${key.fingerprint}`),
      ),
    );
    const tagManifest = Buffer.from(
      ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'exhibit-public-key.pem']
        .map((n) => `${sha256(older.get(n)!)}  ${n}\n`)
        .join(''),
    );
    older.set('tagmanifest-sha256.txt', tagManifest);
    older.set('tagmanifest-sha256.txt.sig', Buffer.from(`${sign(null, tagManifest, key.privateKey).toString('base64')}\n`));
    const old = path.join(tempDir(), 'old.zip');
    await writeAll(old, older);
    expect(await verifyBundle(old)).toMatchObject({ ok: true });
    // A guide slipped in afterwards is not covered by the signature, so it is named.
    const slipped = path.join(tempDir(), 'slipped.zip');
    await writeAll(slipped, [...older, ['README.txt', files.get('README.txt')!]]);
    expect((await verifyBundle(slipped)).problems).toEqual(['unexpected file: README.txt']);
  });
});

describe('bag-info.txt', () => {
  it('names the organization, the reviewer, what the bundle holds, its size and its case', async () => {
    const { s, a1 } = await reviewedCase();
    await callTyped(s.router, 'settings.set', { organization: 'Acme Legal LLP' });
    const whole = bagInfo((await readAll(await exportTo(s))).get('bag-info.txt')!.toString('utf8'));
    expect(whole.get('Source-Organization')).toBe('Acme Legal LLP');
    // The reviewer the case's audit log records for this session (newCase's), whom the reports name as exporter too.
    expect(whole.get('Contact-Name')).toBe('Test Reviewer');
    expect(whole.get('Exhibit-Reviewer')).toBe('Test Reviewer');
    const caseName = path.basename(s.store.dir);
    expect(whole.get('External-Description')).toBe(
      `Evidence bundle of the whole case "${caseName}": 2 document(s), 2 allegation(s), 2 highlight(s).`,
    );
    const [bytes] = whole.get('Payload-Oxum')!.split('.').map(Number);
    expect(whole.get('Bag-Size')).toBe(formatBytes(bytes!));
    expect(whole.get('Bag-Group-Identifier')).toMatch(new RegExp(`^${caseName} \\(case [0-9a-f]{16}\\)$`));
    expect([...whole.keys()]).toEqual(
      expect.arrayContaining(['Bagging-Date', 'Exhibit-Case-Name', 'Exhibit-Version', 'Exhibit-Public-Key-SHA256']),
    );

    const scoped = bagInfo((await readAll(await exportTo(s, { allegationIds: ['A1'] }))).get('bag-info.txt')!.toString('utf8'));
    expect(scoped.get('External-Description')).toBe(
      `Evidence bundle of part of the case "${caseName}", scoped to the allegations A1 (${a1.title}), ` +
        'with the highlights and links between them: 1 document(s), 1 allegation(s), 1 highlight(s). ' +
        'It holds the documents "report". Audit log rows about anything else are redacted (see data/audit/head.json).',
    );
    // Every bundle of one case, whole or scoped, belongs to the same group.
    expect(scoped.get('Bag-Group-Identifier')).toBe(whole.get('Bag-Group-Identifier'));

    // Removing the organization leaves the field out.
    await callTyped(s.router, 'settings.set', { organization: '' });
    expect(await callTyped(s.router, 'settings.get', {})).toMatchObject({ organization: null });
    const none = bagInfo((await readAll(await exportTo(s))).get('bag-info.txt')!.toString('utf8'));
    expect(none.has('Source-Organization')).toBe(false);
  });
});
