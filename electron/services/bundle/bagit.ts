/**
 * BagIt (RFC 8493) tag files for a set of payload files (bag-info.txt, the manifests, the
 * public key, README.txt), and the Ed25519 signature over the tag manifest that makes any
 * later change to the bag detectable.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { bagInfoText, type BagInfo } from './bag-info.ts';
import { bundleGuide } from './guide.ts';

export interface BagFile {
  /** Path inside the bag, e.g. "data/originals/letter.pdf". */
  path: string;
  bytes: Uint8Array;
}

export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig';
export const PUBLIC_KEY_FILE = 'exhibit-public-key.pem';
/** The guide for whoever receives the bundle: a tag file, so the signature covers it. */
export const GUIDE_FILE = 'README.txt';

/** A document's file name inside the bag: its hash prefix, then its name made safe for any file system. */
export const bagFileName = (sha256Hex: string, fileName: string): string =>
  `${sha256Hex.slice(0, 12)}-${fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120) || 'document'}`;

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

/** The tag files for `payload` (paths under data/), with the guide, signed with `key`. */
export function tagFiles(payload: BagFile[], info: BagInfo, publicKeyPem: string, key: KeyObject): BagFile[] {
  const bytes = payload.reduce((n, f) => n + f.bytes.length, 0);
  const manifest = payload.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join('');
  const tags: BagFile[] = [
    { path: 'bagit.txt', bytes: text('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
    { path: 'bag-info.txt', bytes: text(bagInfoText(info, payload.length, bytes)) },
    { path: 'manifest-sha256.txt', bytes: text(manifest) },
    { path: PUBLIC_KEY_FILE, bytes: text(publicKeyPem) },
    { path: GUIDE_FILE, bytes: text(bundleGuide(info)) },
  ];
  const tagManifest = text(tags.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join(''));
  // Ed25519 signs the tag manifest's bytes themselves (no pre-hash); README.txt says so.
  const signature = sign(null, tagManifest, key).toString('base64');
  return [
    ...tags,
    { path: 'tagmanifest-sha256.txt', bytes: tagManifest },
    { path: SIGNATURE_FILE, bytes: text(`${signature}\n`) },
  ];
}

/** Parse "hash  path" manifest lines. */
export function parseManifest(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^([0-9a-f]{64}) +(.+)$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}
