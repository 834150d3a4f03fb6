import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAuditRows, type AuditRow } from '../../electron/services/audit/audit.ts';
import { sha256 } from '../../electron/services/bundle/bagit.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { verifyBundle } from '../../electron/services/bundle/verify.ts';
import { callTyped } from '../../electron/services/router.ts';
import { readAll, writeAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

type Row = AuditRow & { redacted?: true };

/** A case with one allegation to share (A1) and one to keep back (Z1, with its own letter and note). */
async function caseWithSecrets() {
  const s = newCase();
  const dir = tempDir();
  const [report, letter] = await importFiles(s, [
    writePdf(dir, 'report.pdf', { pages: [{ lines: ['Phones of two journalists were infected.'] }] }),
    writeFile(dir, 'informant-letter.txt', 'The minister signed the contract in Veloria.'),
  ]);
  const shared = await callTyped(s.router, 'highlights.create', {
    documentId: report!.documentId!,
    targets: [{ page: 1, quote: 'two journalists were infected' }],
    note: 'Key finding',
  });
  const a1 = await callTyped(s.router, 'allegations.create', { title: 'Journalists were targeted', code: 'A1' });
  await callTyped(s.router, 'links.create', {
    highlightId: shared.highlightId,
    allegationId: a1.allegationId,
    stance: 'supports',
  });
  const secret = await callTyped(s.router, 'highlights.create', {
    documentId: letter!.documentId!,
    targets: [{ page: 1, quote: 'signed the contract' }],
    note: 'Informant says so privately',
  });
  const z1 = await callTyped(s.router, 'allegations.create', {
    title: 'Minister took a bribe',
    code: 'Z1',
    description: 'Sealed by the court',
  });
  await callTyped(s.router, 'links.create', {
    highlightId: secret.highlightId,
    allegationId: z1.allegationId,
    stance: 'supports',
  });
  await callTyped(s.router, 'allegations.update', { allegationId: z1.allegationId, title: 'Minister took a large bribe' });
  const out = path.join(tempDir(), 'scoped.zip');
  const configDir = path.join(tempDir(), 'cfg');
  await exportBundle(s.store, { out, reviewer: 'T', configDir, scope: { allegationIds: [a1.allegationId] } });
  return { s, out, configDir, shared, secret, a1, z1, letter: letter! };
}

const rowsOf = (files: Map<string, Buffer>): Row[] =>
  files
    .get('data/audit/audit.jsonl')!
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);

/** The bundle's files with audit.jsonl replaced by `rows`. */
async function withRows(files: Map<string, Buffer>, rows: Row[], extra: [string, Buffer][] = []): Promise<string> {
  const out = path.join(tempDir(), 'tampered.zip');
  const lines = Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const changed = new Map([['data/audit/audit.jsonl', lines], ...extra]);
  await writeAll(
    out,
    [...files].map(([n, b]) => [n, changed.get(n) ?? b] as [string, Buffer]),
  );
  return out;
}

describe('the audit log of a scoped bundle', () => {
  it('verifies, and shows nothing of what lies outside the scope', async () => {
    const { s, out, shared, secret, a1, z1, letter } = await caseWithSecrets();
    expect(await verifyBundle(out)).toMatchObject({ ok: true, problems: [] });
    const files = await readAll(out);
    const log = files.get('data/audit/audit.jsonl')!.toString('utf8');
    for (const leak of [
      'Minister',
      'bribe',
      'Sealed by the court',
      'Informant says',
      'informant-letter',
      z1.allegationId,
      secret.highlightId,
      letter.documentId!,
    ])
      expect(log, leak).not.toContain(leak);
    const rows = rowsOf(files);
    const live = s.store.db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
    expect(rows.map((r) => [r.seq, r.prev_hash, r.hash])).toEqual(live.map((r) => [r.seq, r.prev_hash, r.hash]));
    // What the recipient may see is shown in full, exactly as the case holds it.
    const kept = rows.filter((r) => !r.redacted);
    expect(kept.map((r) => [r.action, r.entity_id])).toEqual([
      ['case.create', null],
      ['document.import', expect.any(String)],
      ['highlight.create', shared.highlightId],
      ['allegation.create', a1.allegationId],
      ['link.create', `${shared.highlightId}:${a1.allegationId}`],
    ]);
    for (const r of kept) expect(r).toEqual(live.find((l) => l.seq === r.seq));
    for (const r of rows.filter((x) => x.redacted))
      expect(Object.keys(r).sort()).toEqual(['at', 'hash', 'prev_hash', 'redacted', 'seq']);
    const redactedSeqs = rows.filter((r) => r.redacted).map((r) => r.seq);
    expect(redactedSeqs.length).toBe(5);
    expect(JSON.parse(files.get('data/audit/head.json')!.toString('utf8'))).toEqual({
      rows: live.length,
      headHash: live.at(-1)!.hash,
      scoped: true,
      redacted: 5,
      redactedSeqs,
    });
    // The chain check used on a live case never takes a redacted row.
    expect(checkAuditRows(rows).firstBroken).toEqual({
      seq: redactedSeqs[0],
      reason: 'it is marked redacted, which only a scoped bundle that lists the row in head.json may show',
    });
  });

  it('redacts nothing when the whole case is exported', async () => {
    const { s, configDir } = await caseWithSecrets();
    const out = path.join(tempDir(), 'whole.zip');
    await exportBundle(s.store, { out, reviewer: 'T', configDir });
    expect(await verifyBundle(out)).toMatchObject({ ok: true });
    const files = await readAll(out);
    expect(rowsOf(files)).toEqual(s.store.db.prepare('SELECT * FROM audit ORDER BY seq').all());
    expect(JSON.parse(files.get('data/audit/head.json')!.toString('utf8'))).toMatchObject({
      scoped: false,
      redacted: 0,
      redactedSeqs: [],
    });
  });

  it('still names a shown row whose payload was changed', async () => {
    const { out } = await caseWithSecrets();
    const files = await readAll(out);
    const rows = rowsOf(files);
    const target = rows.find((r) => r.action === 'allegation.create')!;
    target.payload = target.payload.replace('Journalists', 'Lawyers');
    const report = await verifyBundle(await withRows(files, rows));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      `broken audit chain: data/audit/audit.jsonl row ${target.seq}: its contents were changed after it was written`,
    );
  });

  it('catches a shown row turned into a redacted one, even when head.json and the manifests are made to agree', async () => {
    const { out } = await caseWithSecrets();
    const files = await readAll(out);
    const rows = rowsOf(files);
    const i = rows.findIndex((r) => r.action === 'link.create');
    const { seq, at, prev_hash, hash } = rows[i]!;
    rows[i] = { seq, at, prev_hash, hash, redacted: true } as Row;
    const alone = await verifyBundle(await withRows(files, rows));
    expect(alone.problems).toContain(
      `broken audit chain: data/audit/audit.jsonl row ${seq}: it is marked redacted, which only a scoped bundle that lists the row in head.json may show`,
    );
    // Listing the row in head.json and fixing both manifests still needs the reviewer's key.
    const head = JSON.parse(files.get('data/audit/head.json')!.toString('utf8'));
    head.redactedSeqs = [...head.redactedSeqs, seq].sort((a: number, b: number) => a - b);
    head.redacted++;
    const headBytes = Buffer.from(JSON.stringify(head));
    const lines = Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const manifest = Buffer.from(
      files
        .get('manifest-sha256.txt')!
        .toString()
        .replace(/^\S+(?= {2}data\/audit\/audit.jsonl$)/m, sha256(lines))
        .replace(/^\S+(?= {2}data\/audit\/head.json$)/m, sha256(headBytes)),
    );
    const growth =
      lines.length - files.get('data/audit/audit.jsonl')!.length + headBytes.length - files.get('data/audit/head.json')!.length;
    const bagInfo = Buffer.from(
      files
        .get('bag-info.txt')!
        .toString()
        .replace(/Payload-Oxum: (\d+)/, (_m, n: string) => `Payload-Oxum: ${Number(n) + growth}`),
    );
    const tagManifest = Buffer.from(
      files
        .get('tagmanifest-sha256.txt')!
        .toString()
        .replace(/^\S+(?= {2}manifest-sha256.txt$)/m, sha256(manifest))
        .replace(/^\S+(?= {2}bag-info.txt$)/m, sha256(bagInfo)),
    );
    const forged = await verifyBundle(
      await withRows(files, rows, [
        ['data/audit/head.json', headBytes],
        ['manifest-sha256.txt', manifest],
        ['bag-info.txt', bagInfo],
        ['tagmanifest-sha256.txt', tagManifest],
      ]),
    );
    expect(forged.problems).toEqual(['bad signature: tagmanifest-sha256.txt.sig does not match tagmanifest-sha256.txt']);
  });
});

describe('a scoped export of a case whose audit log was changed', () => {
  it('is refused, naming the broken row, instead of redacting the row and passing verify', async () => {
    const { s, configDir, a1 } = await caseWithSecrets();
    // Someone edits the database by hand: the Z1 row now says something else, its hash unchanged.
    const row = s.store.db.prepare("SELECT seq FROM audit WHERE action = 'allegation.update'").get() as { seq: number };
    s.store.db.exec('DROP TRIGGER audit_no_update');
    s.store.db.prepare("UPDATE audit SET payload = '{}' WHERE seq = ?").run(row.seq);
    const dir = tempDir();
    const out = path.join(dir, 'scoped.zip');
    await expect(
      exportBundle(s.store, { out, reviewer: 'T', configDir, scope: { allegationIds: [a1.allegationId] } }),
    ).rejects.toMatchObject({
      code: 'case-damaged',
      message: expect.stringContaining(`is broken at row ${row.seq} (its contents were changed after it was written)`),
    });
    expect(fs.readdirSync(dir)).toEqual([]);
    // The whole case still exports, and its verify names the row.
    await exportBundle(s.store, { out, reviewer: 'T', configDir });
    expect((await verifyBundle(out)).problems).toEqual([
      `broken audit chain: data/audit/audit.jsonl row ${row.seq}: its contents were changed after it was written`,
    ]);
  });
});
