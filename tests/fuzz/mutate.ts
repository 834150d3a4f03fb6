/**
 * Byte-level mutations for the fuzzer: a seeded generator (every case can be replayed from
 * the run's seed and its index) and mutators that know a little PDF syntax — object and
 * reference numbers, /Length, xref offsets, startxref, dictionary keys — so mutants get
 * past the first sanity checks of a parser and into its deeper paths.
 */

/** A small seeded generator (mulberry32): the same seed gives the same cases everywhere. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** A uint32. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}

/** The seed of case `index` of a run started with `seed`: cases can be replayed one at a time. */
export function caseSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** No mutant grows past this, so a run stays fast and its saved failures stay small. */
export const MAX_MUTANT_BYTES = 4 * 1024 * 1024;

const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x20, 0x0a, 0x0d, 0x25, 0x2f, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d];
const DIGITS = [0x30, 0x31, 0x32, 0x35, 0x37, 0x39];

/** Numbers that break parsers: zero, edges of integer widths, negatives, floats, absurd sizes. */
function interestingNumber(rng: Rng, n: number): string {
  const choices = [
    () => '0',
    () => '1',
    () => '-1',
    () => String(n + 1),
    () => String(Math.max(0, n - 1)),
    () => String(n * 2),
    () => String(Math.floor(n / 2)),
    () => String(n + 1 + rng.int(4096)),
    () => '65535',
    () => '65536',
    () => '2147483647',
    () => '2147483648',
    () => '4294967295',
    () => '4294967296',
    () => '9007199254740993',
    () => '99999999999999999999',
    () => '-2147483648',
    () => '3.5',
    () => '-0',
    () => '.',
    () => '',
  ];
  return rng.pick(choices)();
}

const PDF_KEYS = [
  '/Type',
  '/Pages',
  '/Page',
  '/Kids',
  '/Count',
  '/Parent',
  '/Contents',
  '/Resources',
  '/Font',
  '/Length',
  '/Filter',
  '/FlateDecode',
  '/LZWDecode',
  '/ASCIIHexDecode',
  '/ASCII85Decode',
  '/RunLengthDecode',
  '/DecodeParms',
  '/Predictor',
  '/Root',
  '/Size',
  '/Prev',
  '/Encrypt',
  '/Names',
  '/Outlines',
  '/PageLabels',
  '/Nums',
  '/MediaBox',
  '/CropBox',
  '/Rotate',
  '/XRef',
  '/ObjStm',
  '/N',
  '/First',
  '/W',
  '/Index',
  '/Annots',
  '/Dest',
  '/Encoding',
  '/Differences',
  '/BaseFont',
  '/Subtype',
  '/ToUnicode',
  '/Widths',
  '/FirstChar',
  '/XObject',
  '/Info',
  '/Title',
  '/S',
  '/P',
];

const PDF_TOKENS = [
  'obj',
  'endobj',
  'stream\n',
  '\nendstream',
  ' 0 R',
  '<<',
  '>>',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '%',
  'xref\n0 1\n',
  'trailer',
  'startxref\n0\n',
  '%%EOF',
  '/Filter /FlateDecode',
  '/Length 99999',
  '1 0 R',
  '9999 0 R',
  'null',
  'true',
  '/Kids [1 0 R]',
  '/Parent 2 0 R',
  '/Pages 3 0 R',
  '/Count 2147483647',
  '/Prev 0',
  '/Encrypt << >>',
  'BT /F1 1e9 Tf (x) Tj ET',
  'q 1 0 0 1 0 0 cm Q',
  '\\',
  '\u00ff\u00fe',
];

export type Mutator = (input: Uint8Array, rng: Rng, other: Uint8Array) => Uint8Array;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const copy = (b: Uint8Array) => new Uint8Array(b);
const chunkLength = (rng: Rng, max: number) => Math.max(1, Math.min(max, rng.chance(0.7) ? 1 + rng.int(32) : 1 + rng.int(4096)));

/** Replace one regex match's number group (chosen at random) with an interesting number. */
function tweakMatch(input: Uint8Array, rng: Rng, re: RegExp): Uint8Array | null {
  const text = latin1(input);
  const hits = [...text.matchAll(re)];
  if (hits.length === 0) return null;
  const hit = rng.pick(hits);
  const groups = hit
    .slice(1)
    .map((g, i) => ({ g, i }))
    .filter((x) => x.g !== undefined);
  const { g } = rng.pick(groups);
  const start = hit.index + hit[0].indexOf(g!);
  return bytesOf(text.slice(0, start) + interestingNumber(rng, Number(g)) + text.slice(start + g!.length));
}

/** The mutators, each named so a run can say what it did. */
export const MUTATORS: Record<string, Mutator> = {
  bitFlip(input, rng) {
    const out = copy(input);
    for (let n = 1 + rng.int(8); n > 0 && out.length > 0; n--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
    return out;
  },
  interestingByte(input, rng) {
    const out = copy(input);
    for (let n = 1 + rng.int(4); n > 0 && out.length > 0; n--)
      out[rng.int(out.length)] = rng.chance(0.3) ? rng.pick(DIGITS) : rng.pick(INTERESTING_BYTES);
    return out;
  },
  deleteChunk(input, rng) {
    if (input.length < 2) return copy(input);
    const len = chunkLength(rng, input.length - 1);
    const at = rng.int(input.length - len + 1);
    const out = new Uint8Array(input.length - len);
    out.set(input.subarray(0, at));
    out.set(input.subarray(at + len), at);
    return out;
  },
  duplicateChunk(input, rng) {
    if (input.length === 0) return copy(input);
    const len = chunkLength(rng, input.length);
    const from = rng.int(input.length - len + 1);
    const at = rng.int(input.length + 1);
    const out = new Uint8Array(input.length + len);
    out.set(input.subarray(0, at));
    out.set(input.subarray(from, from + len), at);
    out.set(input.subarray(at), at + len);
    return out;
  },
  /** The start of one input and the rest of another, or a chunk of the other dropped in. */
  splice(input, rng, other) {
    if (other.length === 0 || input.length === 0) return copy(input);
    if (rng.chance(0.5)) {
      const cut = rng.int(input.length);
      const from = rng.int(other.length);
      const out = new Uint8Array(cut + other.length - from);
      out.set(input.subarray(0, cut));
      out.set(other.subarray(from), cut);
      return out;
    }
    const len = chunkLength(rng, other.length);
    const from = rng.int(other.length - len + 1);
    const at = rng.int(input.length + 1);
    const out = new Uint8Array(input.length + len);
    out.set(input.subarray(0, at));
    out.set(other.subarray(from, from + len), at);
    out.set(input.subarray(at), at + len);
    return out;
  },
  truncate(input, rng) {
    return input.slice(0, rng.int(input.length));
  },
  pdfLength(input, rng) {
    return tweakMatch(input, rng, /\/Length\s+(\d+)/g) ?? MUTATORS.pdfNumber!(input, rng, input);
  },
  pdfObjectNumber(input, rng) {
    return tweakMatch(input, rng, /(\d+)\s+(\d+)\s+(?:obj|R)\b/g) ?? MUTATORS.pdfNumber!(input, rng, input);
  },
  pdfXref(input, rng) {
    return (
      tweakMatch(input, rng, /(\d{10}) (\d{5}) [nf]/g) ??
      tweakMatch(input, rng, /startxref\s+(\d+)/g) ??
      MUTATORS.pdfNumber!(input, rng, input)
    );
  },
  pdfNumber(input, rng) {
    return tweakMatch(input, rng, /[\s[/](-?\d+(?:\.\d+)?)(?=[\s\]/>])/g) ?? MUTATORS.interestingByte!(input, rng, input);
  },
  /** Two dictionary keys change places, or one becomes another key PDF readers know. */
  pdfKeySwap(input, rng) {
    const text = latin1(input);
    const keys = [...text.matchAll(/\/[A-Za-z][A-Za-z0-9]*/g)];
    if (keys.length < 2) return MUTATORS.bitFlip!(input, rng, input);
    const a = rng.pick(keys);
    if (rng.chance(0.5)) {
      const replacement = rng.pick(PDF_KEYS);
      return bytesOf(text.slice(0, a.index) + replacement + text.slice(a.index + a[0].length));
    }
    const b = rng.pick(keys);
    const [first, second] = a.index < b.index ? [a, b] : [b, a];
    if (first.index === second.index) return copy(input);
    return bytesOf(
      text.slice(0, first.index) +
        second[0] +
        text.slice(first.index + first[0].length, second.index) +
        first[0] +
        text.slice(second.index + second[0].length),
    );
  },
  pdfToken(input, rng) {
    const text = latin1(input);
    const at = rng.int(text.length + 1);
    return bytesOf(`${text.slice(0, at)} ${rng.pick(PDF_TOKENS)} ${text.slice(at)}`);
  },
};

const GENERIC = ['bitFlip', 'interestingByte', 'deleteChunk', 'duplicateChunk', 'splice', 'truncate'];
const PDF_AWARE = ['pdfLength', 'pdfObjectNumber', 'pdfXref', 'pdfNumber', 'pdfKeySwap', 'pdfToken'];

/** Apply 1–4 mutators (PDF-aware ones about half the time); returns the mutant and what was done. */
export function mutateBytes(
  input: Uint8Array,
  other: Uint8Array,
  rng: Rng,
  opts: { pdfAware: boolean },
): { bytes: Uint8Array; steps: string[] } {
  let bytes = input;
  const steps: string[] = [];
  for (let n = 1 + (rng.chance(0.6) ? 0 : rng.int(4)); n > 0; n--) {
    const name = opts.pdfAware && rng.chance(0.5) ? rng.pick(PDF_AWARE) : rng.pick(GENERIC);
    bytes = MUTATORS[name]!(bytes, rng, other);
    if (bytes.length > MAX_MUTANT_BYTES) bytes = bytes.slice(0, MAX_MUTANT_BYTES);
    steps.push(name);
  }
  return { bytes, steps };
}
