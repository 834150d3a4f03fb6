/**
 * Mutations of evidence bundles: the ZIP's own bytes (header fields — sizes, offsets,
 * counts, flags, modes — and raw bytes), and entries inside a well-formed ZIP (case.json,
 * the audit log, manifests, names), rezipped. A mutated payload is usually re-sealed —
 * manifests, Payload-Oxum and signature recomputed with a key of the fuzzer's own, as
 * anyone can — so the mutant passes verification and reaches the merge.
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { mutateBytes, type Rng } from './mutate.ts';

export type Entries = [string, Uint8Array][];

/** Every entry of a ZIP held in memory, in order (directories skipped). */
export function unzip(bytes: Uint8Array): Promise<Entries> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: Entries = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (se, s) => {
          if (se || !s) return reject(se ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('error', reject);
          s.on('end', () => {
            out.push([e.fileName, new Uint8Array(Buffer.concat(chunks))]);
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A ZIP of the entries, in memory. Names yazl refuses (absolute, "..") are left out. */
export function zip(entries: Entries, opts: { compress?: boolean } = {}): Promise<Uint8Array> {
  const z = new yazl.ZipFile();
  for (const [name, bytes] of entries) {
    try {
      z.addBuffer(Buffer.from(bytes), name, { mtime: new Date('2000-01-01T00:00:00Z'), compress: opts.compress ?? true });
    } catch {
      // An unsafe name: the raw-byte mutations reach those cases instead.
    }
  }
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('error', reject);
    z.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const textOf = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** An Ed25519 key made from a fixed seed, so re-sealed mutants are the same on every run. */
export function fuzzKey(seed: number): { privateKey: KeyObject; publicKeyPem: string } {
  const raw = createHash('sha256').update(`exhibit-fuzz-key-${seed}`).digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * Recompute the seals: `full` rewrites the payload manifest and Payload-Oxum too, `tags`
 * only the tag manifest and the signature (so a mutated manifest is checked, not rejected
 * for its signature).
 */
export function reseal(entries: Entries, level: 'full' | 'tags', key: { privateKey: KeyObject; publicKeyPem: string }): Entries {
  const map = new Map(entries);
  if (level === 'full') {
    const payload = entries.filter(([n]) => n.startsWith('data/'));
    map.set('manifest-sha256.txt', utf8(payload.map(([n, b]) => `${sha256(b)}  ${n}\n`).join('')));
    const oxum = `Payload-Oxum: ${payload.reduce((s, [, b]) => s + b.length, 0)}.${payload.length}`;
    const info = textOf(map.get('bag-info.txt') ?? new Uint8Array());
    map.set('bag-info.txt', utf8(/Payload-Oxum:.*/.test(info) ? info.replace(/Payload-Oxum:.*/, oxum) : `${oxum}\n${info}`));
  }
  map.set('exhibit-public-key.pem', utf8(key.publicKeyPem));
  // bag-info.txt names the key that signs, as a forger would make it do.
  const fingerprint = sha256(createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' }));
  const info = textOf(map.get('bag-info.txt') ?? new Uint8Array());
  if (/Exhibit-Public-Key-SHA256:.*/.test(info))
    map.set('bag-info.txt', utf8(info.replace(/Exhibit-Public-Key-SHA256:.*/, `Exhibit-Public-Key-SHA256: ${fingerprint}`)));
  const tagged = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'exhibit-public-key.pem', 'README.txt'].filter((n) =>
    map.has(n),
  );
  const tagManifest = utf8(tagged.map((n) => `${sha256(map.get(n)!)}  ${n}\n`).join(''));
  map.set('tagmanifest-sha256.txt', tagManifest);
  map.set('tagmanifest-sha256.txt.sig', utf8(`${sign(null, tagManifest, key.privateKey).toString('base64')}\n`));
  return [...map.entries()];
}

// ---- JSON-aware mutation -------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Slot {
  parent: Json[] | { [k: string]: Json } | null;
  key: string | number;
  value: Json;
}

function slots(root: Json): Slot[] {
  const out: Slot[] = [{ parent: null, key: '', value: root }];
  const walk = (v: Json) => {
    if (Array.isArray(v))
      v.forEach((c, i) => {
        out.push({ parent: v, key: i, value: c });
        walk(c);
      });
    else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) {
        out.push({ parent: v, key: k, value: c });
        walk(c);
      }
  };
  walk(root);
  return out;
}

const ODD_VALUES: (() => Json)[] = [
  () => null,
  () => 0,
  () => -1,
  () => 1e308,
  () => 2 ** 53 + 1,
  () => 1.5,
  () => '',
  () => true,
  () => [],
  () => ({}),
  () => '../../../../tmp/exhibit-fuzz-escape',
  () => '/etc/passwd',
  () => 'C:\\Windows\\win.ini',
  () => '\u0000',
  () => 'x'.repeat(70_000),
  () => '\u202e\ud800',
  () => 'A1',
  () => '00000000-0000-0000-0000-000000000000',
  () => '2999-01-01T00:00:00.000Z',
  () => 'not a date',
];

/** Change one node of a JSON value: delete it, give it an odd value or another node's value, duplicate or empty a list, add a key. */
export function mutateJson(root: Json, rng: Rng): { value: Json; step: string } {
  const all = slots(root);
  const target = rng.pick(all);
  const set = (v: Json) => {
    if (target.parent === null) return v;
    (target.parent as Record<string | number, Json>)[target.key] = v;
    return root;
  };
  const op = rng.int(8);
  if (op === 0 && target.parent) {
    if (Array.isArray(target.parent)) target.parent.splice(target.key as number, 1);
    else delete target.parent[target.key as string];
    return { value: root, step: `json:delete ${String(target.key)}` };
  }
  if (op === 1) return { value: set(rng.pick(ODD_VALUES)()), step: `json:odd ${String(target.key)}` };
  if (op === 2) {
    // Type confusion and cross-references: another node's value (ids of other kinds, objects for strings).
    const other = structuredClone(rng.pick(all).value);
    return { value: set(other), step: `json:other ${String(target.key)}` };
  }
  if (op === 3 && Array.isArray(target.value) && target.value.length > 0) {
    const arr = target.value;
    if (rng.chance(0.5)) arr.push(structuredClone(rng.pick(arr)));
    else arr.length = 0;
    return { value: root, step: `json:array ${String(target.key)}` };
  }
  if (op === 4 && target.value && typeof target.value === 'object' && !Array.isArray(target.value)) {
    const k = rng.pick(['__proto__', 'constructor', 'schema', 'documentId', 'extra', '']);
    Object.defineProperty(target.value, k, {
      value: rng.pick(ODD_VALUES)(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { value: root, step: `json:addkey ${k}` };
  }
  if (op === 5 && typeof target.value === 'string') {
    const s = target.value;
    const at = rng.int(s.length + 1);
    return {
      value: set(s.slice(0, at) + rng.pick(['/..', '\\', '"', '\n', 'é', '\ufffd', '']) + s.slice(at + 1)),
      step: 'json:string',
    };
  }
  if (op === 6 && typeof target.value === 'number')
    return { value: set(rng.pick([-target.value, target.value + 1, 0, 1e9, -1e9, 0.5])), step: 'json:number' };
  // Ids pointing somewhere else: another id from the file, or one nobody has.
  const ids = all.filter((s) => typeof s.key === 'string' && /Id$/.test(s.key) && typeof s.value === 'string');
  if (ids.length > 0) {
    const slot = rng.pick(ids);
    const to = rng.chance(0.5) ? rng.pick(ids).value : `fuzz-${rng.next().toString(16)}`;
    (slot.parent as Record<string, Json>)[slot.key as string] = to;
    return { value: root, step: `json:id ${String(slot.key)}` };
  }
  return { value: set(null), step: 'json:null' };
}

/** Mutate a text entry that holds JSON (or JSON lines); sometimes the text itself is broken instead. */
function mutateJsonText(bytes: Uint8Array, rng: Rng, lines: boolean): { bytes: Uint8Array; step: string } {
  const text = textOf(bytes);
  if (rng.chance(0.15)) {
    const m = mutateBytes(bytes, bytes, rng, { pdfAware: false });
    return { bytes: m.bytes, step: `raw:${m.steps.join('+')}` };
  }
  if (lines) {
    const rows = text.split('\n').filter((l) => l.trim() !== '');
    const op = rng.int(4);
    if (rows.length === 0) return { bytes, step: 'jsonl:empty' };
    const i = rng.int(rows.length);
    if (op === 0) rows.splice(i, 1);
    else if (op === 1) rows.splice(i, 0, rows[i]!);
    else if (op === 2) [rows[i], rows[0]] = [rows[0]!, rows[i]!];
    else {
      try {
        rows[i] = JSON.stringify(mutateJson(JSON.parse(rows[i]!) as Json, rng).value);
      } catch {
        rows[i] = rows[i]!.slice(1);
      }
    }
    return { bytes: utf8(rows.join('\n') + '\n'), step: `jsonl:${op}` };
  }
  try {
    const m = mutateJson(JSON.parse(text) as Json, rng);
    return { bytes: utf8(JSON.stringify(m.value, null, rng.chance(0.5) ? 2 : 0)), step: m.step };
  } catch {
    return { bytes: utf8(text.slice(1)), step: 'json:unparsable' };
  }
}

/** Mutate manifest-like "hash  path" or "Key: value" lines. */
function mutateLines(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; step: string } {
  const rows = textOf(bytes).split('\n');
  const i = rng.int(rows.length);
  const row = rows[i]!;
  const op = rng.int(6);
  if (op === 0) rows.splice(i, 1);
  else if (op === 1) rows.splice(i, 0, row);
  else if (op === 2) rows[i] = row.replace(/[0-9a-f]/, (c) => (c === '0' ? '1' : '0'));
  else if (op === 3)
    rows[i] = row.replace(
      / (\S+)$/,
      ` ${rng.pick(['../escape.txt', 'data/none.txt', '/abs.txt', 'data/originals/', 'DATA/CASE.JSON', 'data/case.json'])}`,
    );
  else if (op === 4) rows[i] = row.replace(/\d+/, () => rng.pick(['0', '-1', '99999999999999999999', '1.5', '']));
  else rows.splice(i, 0, `${'f'.repeat(64)}  data/extra-${rng.int(100)}.txt`);
  return { bytes: utf8(rows.join('\n')), step: `lines:${op}` };
}

const NEW_NAMES = [
  'data/extra.txt',
  'data/originals/zz-extra.pdf',
  'DATA/case.json',
  'data/Case.json',
  'data/case.json/',
  'data/./case.json',
  'data//case.json',
  'data/audit/../case.json',
  'data/originals/' + 'n'.repeat(300),
  'data/originals/\u00e9t\u00e9.pdf',
  'data/originals/e\u0301te\u0301.pdf',
  'bagit.txt.bak',
  'fetch.txt',
];

/**
 * One entry-level mutation of a bundle's entries; returns the new entries and whether and how
 * to re-seal them. `originalMutant` mutates a document's bytes (for the PDF extraction path).
 */
export function mutateEntries(entries: Entries, rng: Rng): { entries: Entries; seal: 'full' | 'tags' | 'none'; step: string } {
  const out: Entries = entries.map(([n, b]) => [n, b]);
  const find = (name: string) => out.findIndex(([n]) => n === name);
  const op = rng.int(10);
  const sealPayload = (): 'full' | 'none' => (rng.chance(0.85) ? 'full' : 'none');
  if (op <= 2) {
    const i = find('data/case.json');
    if (i >= 0) {
      const m = mutateJsonText(out[i]![1], rng, false);
      out[i] = ['data/case.json', m.bytes];
      return { entries: out, seal: sealPayload(), step: `case.json ${m.step}` };
    }
  }
  if (op === 3) {
    const target = rng.pick(['data/audit/audit.jsonl', 'data/audit/head.json', 'data/annotations.jsonld']);
    const i = find(target);
    if (i >= 0) {
      const m = mutateJsonText(out[i]![1], rng, target.endsWith('.jsonl'));
      out[i] = [target, m.bytes];
      return { entries: out, seal: sealPayload(), step: `${target} ${m.step}` };
    }
  }
  if (op === 4) {
    // A document's bytes change and case.json follows, so the merge imports the mutant.
    const originals = out.map(([n], i) => [n, i] as const).filter(([n]) => n.startsWith('data/originals/'));
    const c = find('data/case.json');
    if (originals.length > 0 && c >= 0) {
      const [name, i] = rng.pick(originals);
      const before = out[i]![1];
      const m = mutateBytes(before, before, rng, { pdfAware: name.endsWith('.pdf') });
      out[i] = [name, m.bytes];
      const oldSha = sha256(before);
      out[c] = ['data/case.json', utf8(textOf(out[c]![1]).replaceAll(oldSha, sha256(m.bytes)))];
      return { entries: out, seal: 'full', step: `original ${m.steps.join('+')}` };
    }
  }
  if (op === 5) {
    const target = rng.pick(['manifest-sha256.txt', 'bag-info.txt', 'tagmanifest-sha256.txt', 'bagit.txt']);
    const i = find(target);
    if (i >= 0) {
      const m = mutateLines(out[i]![1], rng);
      out[i] = [target, m.bytes];
      return { entries: out, seal: target === 'tagmanifest-sha256.txt' ? 'none' : 'tags', step: `${target} ${m.step}` };
    }
  }
  if (op === 6) {
    const target = rng.pick(['tagmanifest-sha256.txt.sig', 'exhibit-public-key.pem']);
    const i = find(target);
    if (i >= 0) {
      const m = mutateBytes(out[i]![1], out[i]![1], rng, { pdfAware: false });
      out[i] = [target, m.bytes];
      return { entries: out, seal: 'none', step: `${target} ${m.steps.join('+')}` };
    }
  }
  if (op === 7 && out.length > 0) {
    const [name] = out.splice(rng.int(out.length), 1)[0]!;
    return { entries: out, seal: rng.chance(0.5) ? 'full' : 'none', step: `remove ${name}` };
  }
  if (op === 8) {
    const name = rng.pick(NEW_NAMES);
    const bytes = rng.chance(0.5) ? rng.pick(out)[1] : utf8('fuzz');
    out.splice(rng.int(out.length + 1), 0, [name, bytes]);
    return { entries: out, seal: rng.chance(0.6) ? 'full' : 'none', step: `add ${name}` };
  }
  if (out.length > 0) {
    const i = rng.int(out.length);
    const name = rng.pick(NEW_NAMES);
    out[i] = [name, out[i]![1]];
    return { entries: out, seal: rng.chance(0.5) ? 'full' : 'none', step: `rename to ${name}` };
  }
  return { entries: out, seal: 'none', step: 'none' };
}

// ---- raw ZIP structure ---------------------------------------------------------------

/** Header fields by record signature: [offset from the signature, width in bytes]. */
const FIELDS: Record<string, [number, 2 | 4][]> = {
  // local file header: flags, method, crc, compressed size, size, name length, extra length
  '504b0304': [
    [6, 2],
    [8, 2],
    [14, 4],
    [18, 4],
    [22, 4],
    [26, 2],
    [28, 2],
  ],
  // central directory: flags, method, crc, sizes, name/extra/comment lengths, external attributes, local offset
  '504b0102': [
    [8, 2],
    [10, 2],
    [16, 4],
    [20, 4],
    [24, 4],
    [28, 2],
    [30, 2],
    [32, 2],
    [38, 4],
    [42, 4],
  ],
  // end of central directory: entries on disk, entries, directory size, directory offset, comment length
  '504b0506': [
    [8, 2],
    [10, 2],
    [12, 4],
    [16, 4],
    [20, 2],
  ],
};

/** Set one numeric field of a ZIP record to an edge value (0, all ones, ±1, doubled, a symlink mode, the encryption flag). */
export function mutateZipHeader(input: Uint8Array, rng: Rng): { bytes: Uint8Array; step: string } {
  const buf = Buffer.from(input);
  const hits: [number, string][] = [];
  for (let i = buf.indexOf('PK'); i >= 0 && i + 4 <= buf.length; i = buf.indexOf('PK', i + 1)) {
    const sig = buf.subarray(i, i + 4).toString('hex');
    if (FIELDS[sig]) hits.push([i, sig]);
  }
  if (hits.length === 0) return { bytes: new Uint8Array(buf), step: 'zip:none' };
  const [at, sig] = rng.pick(hits);
  const [off, width] = rng.pick(FIELDS[sig]!);
  const pos = at + off;
  if (pos + width > buf.length) return { bytes: new Uint8Array(buf), step: 'zip:short' };
  const max = width === 2 ? 0xffff : 0xffffffff;
  const cur = width === 2 ? buf.readUInt16LE(pos) : buf.readUInt32LE(pos);
  const value = rng.pick([0, max, cur + 1, cur - 1, cur * 2, cur >>> 1, 1, 0x8, (0o120777 << 16) >>> 0, rng.next()]);
  const v = ((value % (max + 1)) + (max + 1)) % (max + 1);
  if (width === 2) buf.writeUInt16LE(v, pos);
  else buf.writeUInt32LE(v >>> 0, pos);
  return { bytes: new Uint8Array(buf), step: `zip:${sig.slice(4)}+${off}=${v}` };
}
