/**
 * BagIt (RFC 8493) tag files for a set of payload files, and the Ed25519 signature over
 * the tag manifest that makes any later change to the bag detectable.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';

export interface BagFile {
  /** Path inside the bag, e.g. "data/originals/letter.pdf". */
  path: string;
  bytes: Uint8Array;
}

export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig';
export const PUBLIC_KEY_FILE = 'exhibit-public-key.pem';

/** A document's file name inside the bag: its hash prefix, then its name made safe for any file system. */
export const bagFileName = (sha256Hex: string, fileName: string): string =>
  `${sha256Hex.slice(0, 12)}-${fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120) || 'document'}`;

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

export interface BagInfo {
  caseName: string;
  version: string;
  reviewer: string;
  fingerprint: string;
  baggingDate: string;
}

/** The tag files for `payload` (paths under data/), signed with `key`. */
export function tagFiles(payload: BagFile[], info: BagInfo, publicKeyPem: string, key: KeyObject): BagFile[] {
  const bytes = payload.reduce((n, f) => n + f.bytes.length, 0);
  const manifest = payload.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join('');
  const bagInfo = [
    `Payload-Oxum: ${bytes}.${payload.length}`,
    `Bagging-Date: ${info.baggingDate.slice(0, 10)}`,
    `External-Description: Evidence bundle of the case "${info.caseName}"`,
    `Exhibit-Case-Name: ${info.caseName}`,
    `Exhibit-Version: ${info.version}`,
    `Exhibit-Reviewer: ${info.reviewer}`,
    `Exhibit-Public-Key-SHA256: ${info.fingerprint}`,
  ].join('\n');
  const tags: BagFile[] = [
    { path: 'bagit.txt', bytes: text('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
    { path: 'bag-info.txt', bytes: text(`${bagInfo}\n`) },
    { path: 'manifest-sha256.txt', bytes: text(manifest) },
    { path: PUBLIC_KEY_FILE, bytes: text(publicKeyPem) },
  ];
  const tagManifest = text(tags.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join(''));
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
