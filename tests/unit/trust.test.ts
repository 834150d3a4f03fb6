/**
 * Who signed a bundle: real keys, real bundles, the real `exhibit` command and the router.
 * A bundle someone changed and re-signed with a key of their own is intact but not
 * trusted; a bag-info.txt naming another key than the one that signed is an integrity
 * failure; the trusted list is kept in the case and audited.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { reviewerKey } from '../../electron/services/bundle/keys.ts';
import { callTyped } from '../../electron/services/router.ts';
import { groupFingerprint } from '../../shared/fingerprint.ts';
import { resealBundle } from '../fixtures/reseal.ts';
import { exhibit, importFiles, newCase, tempDir, writeFile } from './helpers.ts';

const keyOf = (home: string) => reviewerKey(path.join(home, 'config', 'exhibit'));

/** Every file of a case folder with its SHA-256: equal before and after means the case was not touched. */
function caseBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/**
 * A closed case as a command leaves it: every row of every table, and every other file's
 * bytes. (Each command that opens a case rewrites the database header's counters as it
 * switches journal modes, so the database is compared by what it holds.)
 */
function caseState(dir: string): Record<string, unknown> {
  const { 'case.sqlite': _header, ...files } = caseBytes(dir);
  const db = new BetterSqlite3(path.join(dir, 'case.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'pages_fts%' ORDER BY name`)
      .all() as { name: string }[];
    return { files, rows: Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()])) };
  } finally {
    db.close();
  }
}

/** Spawning the command line a dozen times takes a while on a loaded machine. */
const SLOW = 180_000;

function auditRows(caseDir: string, action: string) {
  const db = new BetterSqlite3(path.join(caseDir, 'case.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT actor, entity, entity_id, payload FROM audit WHERE action = ? ORDER BY seq').all(action) as {
      actor: string;
      entity: string;
      entity_id: string;
      payload: string;
    }[];
  } finally {
    db.close();
  }
}

/** Alice's case and bundle; Bob's case, which trusts Alice's key; Mallory's key, which nobody trusts. */
function exchange() {
  const dir = tempDir();
  const alice = { home: tempDir('exhibit-alice-'), case: path.join(dir, 'alice') };
  const bob = { home: tempDir('exhibit-bob-'), case: path.join(dir, 'bob') };
  const as = (who: { home: string; case: string }, name: string) => (args: string[]) =>
    exhibit(['--case', who.case, ...args], { HOME: who.home, EXHIBIT_REVIEWER: name });
  const a = as(alice, 'Alice');
  const b = as(bob, 'Bob');
  exhibit(['init', alice.case], { HOME: alice.home });
  expect(a(['import', writeFile(dir, 'letter.txt', 'We deny any involvement.')]).code).toBe(0);
  expect(a(['allegation', 'add', '--title', 'Shared claim']).code).toBe(0);
  const bundle = path.join(dir, 'alice.zip');
  expect(a(['export', '--out', bundle]).code).toBe(0);
  const aliceKey = keyOf(alice.home).fingerprint;
  exhibit(['init', bob.case], { HOME: bob.home });
  expect(b(['trust', 'add', aliceKey, '--name', 'Alice (by phone)']).code).toBe(0);
  const mallory = reviewerKey(path.join(tempDir('exhibit-mallory-'), 'config'));
  return { dir, alice, bob, a, b, bundle, aliceKey, mallory };
}

/** Alice's bundle with her allegation retitled, re-hashed and re-signed with Mallory's key. */
async function forgedBy(x: ReturnType<typeof exchange>): Promise<string> {
  const forged = path.join(x.dir, 'forged.zip');
  await resealBundle(x.bundle, forged, x.mallory, {
    files: (files) => {
      const json = files.get('data/case.json')!.toString('utf8');
      files.set('data/case.json', Buffer.from(json.replaceAll('Shared claim', 'Forged claim')));
    },
  });
  return forged;
}

describe('a bundle changed, re-hashed and re-signed with another key', () => {
  it(
    'verifies as intact but names its signer as untrusted, and fails when --trust names the original key',
    async () => {
      const x = exchange();
      const forged = await forgedBy(x);
      const home = { HOME: tempDir('exhibit-reader-') };

      const required = exhibit(['verify', forged, '--trust', x.aliceKey], home);
      expect(required.code).toBe(1);
      expect(required.stdout).toBe(
        `ok\nsigner: signed by an untrusted key ${groupFingerprint(x.mallory.fingerprint)}; ` +
          'the bundle claims it comes from "Alice" (a claim, not proof)\n',
      );
      expect(required.stderr).toContain(`signed by an untrusted key ${x.mallory.fingerprint}`);
      const json = exhibit(['--json', 'verify', forged, '--trust', x.aliceKey], home);
      expect(json.code).toBe(1);
      expect(json.lines()).toEqual([
        {
          ok: true,
          problems: [],
          files: expect.any(Number),
          signer: { fingerprint: x.mallory.fingerprint, name: null, trusted: false, own: false, claimedName: 'Alice' },
          trustProblem: `signed by an untrusted key ${x.mallory.fingerprint}`,
        },
      ]);

      // Without --trust the signer is reported, and only integrity decides the exit status.
      const plain = exhibit(['--json', 'verify', forged], home);
      expect(plain.code).toBe(0);
      expect(plain.lines()[0]).toMatchObject({ ok: true, signer: { fingerprint: x.mallory.fingerprint, trusted: false } });

      // The original passes the same --trust (typed in groups, upper case), and Bob's case names its signer.
      const genuine = exhibit(['--json', 'verify', x.bundle, '--trust', groupFingerprint(x.aliceKey).toUpperCase()], home);
      expect(genuine.code).toBe(0);
      expect(genuine.lines()[0]).toMatchObject({
        ok: true,
        signer: { fingerprint: x.aliceKey, trusted: true },
        trustProblem: null,
      });
      const inBobsCase = x.b(['verify', x.bundle]);
      expect(inBobsCase).toMatchObject({
        code: 0,
        stdout: `ok\nsigner: ${groupFingerprint(x.aliceKey)}, trusted signer "Alice (by phone)"\n`,
      });
    },
    SLOW,
  );

  it(
    'import-bundle refuses it naming the fingerprint and the claimed name, leaving the case byte for byte; --accept-signer imports it',
    async () => {
      const x = exchange();
      const forged = await forgedBy(x);
      const before = caseState(x.bob.case);

      const refused = x.b(['import-bundle', forged]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `forged.zip is signed by a key this case does not trust: ${groupFingerprint(x.mallory.fingerprint)}`,
      );
      expect(refused.stderr).toContain('claims to come from "Alice" (a claim anyone can write)');
      expect(refused.stderr).toContain(`--accept-signer ${x.mallory.fingerprint}`);
      expect(caseState(x.bob.case)).toEqual(before);

      // Accepting another key than the one that signed changes nothing either.
      const wrong = x.b(['import-bundle', forged, '--accept-signer', x.aliceKey]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain(`is not the key that signed forged.zip (${groupFingerprint(x.mallory.fingerprint)})`);
      expect(x.b(['import-bundle', forged, '--accept-signer', 'not-a-key']).stderr).toContain(
        '"not-a-key" is not a key fingerprint',
      );
      expect(x.b(['import-bundle', forged, '--trust-signer', 'Mallory']).code).toBe(2);
      expect(caseState(x.bob.case)).toEqual(before);

      const accepted = x.b(['--json', 'import-bundle', forged, '--accept-signer', groupFingerprint(x.mallory.fingerprint)]);
      expect(accepted.code).toBe(0);
      expect(accepted.lines()[0]).toMatchObject({ documents: { added: 1 }, allegations: { added: 1 } });
      expect(
        x
          .b(['--json', 'allegations'])
          .lines()
          .map((l) => l.title),
      ).toEqual(['Forged claim']);
      // Accepted once: the key is still not trusted, and the merge's audit row names it.
      expect(
        x
          .b(['--json', 'trust', 'list'])
          .lines()
          .map((l) => l.fingerprint),
      ).not.toContain(x.mallory.fingerprint);
      expect(JSON.parse(auditRows(x.bob.case, 'bundle.import')[0]!.payload)).toMatchObject({ signer: x.mallory.fingerprint });
    },
    SLOW,
  );

  it(
    '--trust-signer imports it and adds the key to the trusted list in the same step',
    async () => {
      const x = exchange();
      const forged = await forgedBy(x);
      const r = x.b(['import-bundle', forged, '--accept-signer', x.mallory.fingerprint, '--trust-signer', 'Mallory']);
      expect(r.code).toBe(0);
      expect(x.b(['--json', 'trust', 'list']).lines()).toContainEqual(
        expect.objectContaining({ fingerprint: x.mallory.fingerprint, name: 'Mallory', own: false, addedBy: 'Bob' }),
      );
      expect(auditRows(x.bob.case, 'trust.add').map((row) => [row.entity_id, JSON.parse(row.payload).name])).toEqual([
        [x.aliceKey, 'Alice (by phone)'],
        [x.mallory.fingerprint, 'Mallory'],
      ]);
    },
    SLOW,
  );
});

describe('bag-info.txt and the key that signed', () => {
  it(
    "a bag-info.txt naming another key is an integrity failure, even re-hashed and re-signed by the sender's own key",
    async () => {
      const x = exchange();
      const edited = path.join(x.dir, 'edited.zip');
      const other = 'ab'.repeat(32);
      await resealBundle(x.bundle, edited, keyOf(x.alice.home), {
        bagInfo: (text) => text.replace(/Exhibit-Public-Key-SHA256: .*/, `Exhibit-Public-Key-SHA256: ${other}`),
      });
      const v = x.b(['--json', 'verify', edited, '--trust', x.aliceKey]);
      expect(v.code).toBe(1);
      expect(v.lines()[0]).toMatchObject({
        ok: false,
        problems: [
          `key mismatch: bag-info.txt names the signing key ${groupFingerprint(other)}, but the bundle is signed by ${groupFingerprint(x.aliceKey)}`,
        ],
        // Who signed is still told apart: the key is Alice's, and trusted.
        signer: { fingerprint: x.aliceKey, trusted: true },
        trustProblem: null,
      });
      const before = caseState(x.bob.case);
      const refused = x.b(['import-bundle', edited]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('did not verify, so nothing was imported');
      expect(refused.stderr).toContain('key mismatch: bag-info.txt');
      expect(caseState(x.bob.case)).toEqual(before);
    },
    SLOW,
  );
});

describe('trusted bundles import without asking', () => {
  it(
    "your own key's bundle, and a trusted colleague's",
    () => {
      const x = exchange();
      // Alice's own bundle, into another case of hers.
      const mine = path.join(x.dir, 'alice-2');
      exhibit(['init', mine], { HOME: x.alice.home });
      const own = exhibit(['--case', mine, '--json', 'import-bundle', x.bundle], {
        HOME: x.alice.home,
        EXHIBIT_REVIEWER: 'Alice',
      });
      expect(own.code).toBe(0);
      expect(own.lines()[0]).toMatchObject({ allegations: { added: 1 } });
      // Bob trusts Alice.
      const colleague = x.b(['--json', 'import-bundle', x.bundle]);
      expect(colleague.code).toBe(0);
      expect(
        x
          .b(['--json', 'allegations'])
          .lines()
          .map((l) => l.title),
      ).toEqual(['Shared claim']);
    },
    SLOW,
  );
});

describe('exhibit key and exhibit trust', () => {
  it(
    'prints your key; trust add, list and remove round-trip with audit rows; malformed fingerprints are refused',
    () => {
      const dir = tempDir();
      const home = tempDir('exhibit-home-');
      const caseDir = path.join(dir, 'case');
      const run = (...args: string[]) => exhibit(['--case', caseDir, ...args], { HOME: home, EXHIBIT_REVIEWER: 'Dana' });
      exhibit(['init', caseDir], { HOME: home });

      const key = exhibit(['--json', 'key'], { HOME: home });
      expect(key.code).toBe(0);
      const [{ fingerprint: mine }] = key.lines();
      expect(mine).toMatch(/^[0-9a-f]{64}$/);
      expect(mine).toBe(keyOf(home).fingerprint);
      expect(exhibit(['key'], { HOME: home }).stdout).toContain(`  ${groupFingerprint(mine)}\n`);

      const colleague = createHash('sha256').update('a colleague').digest('hex');
      // Typed in colon-separated upper case, stored as 64 lowercase digits.
      const typed = colleague.toUpperCase().match(/../g)!.join(':');
      const added = run('--json', 'trust', 'add', typed, '--name', 'Eve Colleague');
      expect(added.code).toBe(0);
      expect(added.lines()[0]).toMatchObject({ fingerprint: colleague, name: 'Eve Colleague', own: false, addedBy: 'Dana' });
      expect(run('--json', 'trust', 'list').lines()).toEqual([
        { fingerprint: mine, name: 'Dana', own: true, addedAt: null, addedBy: null },
        { fingerprint: colleague, name: 'Eve Colleague', own: false, addedAt: expect.any(String), addedBy: 'Dana' },
      ]);
      expect(run('trust', 'list').stdout).toContain(`${groupFingerprint(mine)}  Dana  (your own key, always trusted)`);

      for (const bad of ['12ab', 'z'.repeat(64), `${colleague}00`]) {
        const r = run('trust', 'add', bad, '--name', 'X');
        expect(r.code, bad).toBe(1);
        expect(r.stderr, bad).toContain(`"${bad}" is not a key fingerprint`);
      }
      expect(run('trust', 'add', colleague, '--name', 'Again').stderr).toContain('already a trusted signer, as "Eve Colleague"');
      expect(run('trust', 'add', mine, '--name', 'Me').stderr).toContain('is your own key; it is always trusted');
      expect(run('trust', 'remove', mine).stderr).toContain('is your own key: it is always trusted and cannot be removed');
      expect(run('trust', 'add', colleague).code).toBe(2);

      // Unquoted groups are one fingerprint.
      const removed = run('trust', 'remove', ...groupFingerprint(colleague).split(' '));
      expect(removed).toMatchObject({ code: 0, stdout: `No longer trusted: ${groupFingerprint(colleague)}  Eve Colleague\n` });
      expect(run('trust', 'remove', colleague).stderr).toContain("is not one of this case's trusted signers");
      expect(
        run('--json', 'trust', 'list')
          .lines()
          .map((l) => l.fingerprint),
      ).toEqual([mine]);

      const rows = [...auditRows(caseDir, 'trust.add'), ...auditRows(caseDir, 'trust.remove')];
      expect(rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }))).toEqual([
        { actor: 'Dana', entity: 'signer', entity_id: colleague, payload: { name: 'Eve Colleague' } },
        { actor: 'Dana', entity: 'signer', entity_id: colleague, payload: { name: 'Eve Colleague' } },
      ]);
      expect(run('--json', 'audit', 'verify').lines()[0]).toMatchObject({ ok: true });
    },
    SLOW,
  );
});

describe('the router, as the app uses it', () => {
  it(
    'names the signer from the case list, refuses an untrusted one before staging, and can import and trust it at once',
    async () => {
      const sender = newCase();
      await importFiles(sender, [writeFile(tempDir(), 'note.txt', 'A note from the field.')]);
      const bundle = path.join(tempDir(), 'field.zip');
      await callTyped(sender.router, 'bundle.export', { path: bundle });
      const senderKey = (await callTyped(sender.router, 'trust.list', {}))[0]!;
      expect(senderKey).toMatchObject({ own: true, name: expect.any(String) });

      const s = newCase();
      const checked = await callTyped(s.router, 'bundle.verify', { path: bundle });
      expect(checked).toMatchObject({ ok: true, signer: { fingerprint: senderKey.fingerprint, trusted: false, name: null } });
      const before = caseBytes(s.store.dir);
      expect(await s.router.call('bundle.import', { path: bundle })).toEqual({
        ok: false,
        error: {
          code: 'untrusted-signer',
          message: expect.stringContaining(groupFingerprint(senderKey.fingerprint)),
          subject: senderKey.fingerprint,
        },
      });
      expect(caseBytes(s.store.dir)).toEqual(before);

      const merged = await callTyped(s.router, 'bundle.import', {
        path: bundle,
        acceptSigner: senderKey.fingerprint,
        trustSignerAs: 'Field office',
      });
      expect(merged.documents.added).toBe(1);
      expect((await callTyped(s.router, 'trust.list', {})).map((t) => t.name)).toEqual([expect.any(String), 'Field office']);
      expect(await callTyped(s.router, 'bundle.verify', { path: bundle })).toMatchObject({
        signer: { fingerprint: senderKey.fingerprint, trusted: true, name: 'Field office' },
      });
    },
    SLOW,
  );
});
