/**
 * Verifying a bundle without trusting it: every payload file against the manifest, the
 * manifest's completeness both ways, Payload-Oxum, the tag manifest, the Ed25519
 * signature over it, bag-info.txt's fingerprint of the signing key, and the audit log's
 * hash chain. Each problem is one line naming the file; a damaged or hostile ZIP is
 * reported, never crashes the check. The key that signed is reported apart (signer.ts):
 * a bundle anyone re-signed is intact, and only the reader can say whether they trust it.
 * The tag files are read first, and the payload is unpacked only when the sizes the ZIP
 * declares for it do not exceed bag-info.txt's Payload-Oxum by more than OXUM_MARGIN;
 * streaming then holds each file to its declared size, so the payload unpacked is never
 * much more than the bag itself says it holds, whatever the caps would allow.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { ExhibitError } from '../../../shared/errors.ts';
import type { VerifyReport } from '../../../shared/ipc/contract.ts';
import { checkAuditRows, type AuditRow, type RedactedAuditRow } from '../audit/audit.ts';
import type { SignerLookup } from '../trust/trust.ts';
import { GUIDE_FILE, parseManifest, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './bagit.ts';
import { readZip, type DeclaredEntry, type ZipEntryInfo, type ZipLimits } from './read-zip.ts';
import { signerOf } from './signer.ts';

/**
 * How far the payload the ZIP declares may exceed Payload-Oxum and still be unpacked: a
 * bundle changed here and there (an edited audit log, a swapped file) is read in full, so
 * each change is named, while one that would unpack far more than its bag says is not.
 */
export const OXUM_MARGIN = 64 * 1024 ** 2;

export type { VerifyReport };

interface CheckOptions {
  limits?: Partial<ZipLimits> | undefined;
  signal?: AbortSignal | undefined;
  /** The keys the reader trusts; without it every signer is reported as not trusted. */
  trust?: SignerLookup | undefined;
}

const TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', PUBLIC_KEY_FILE, SIGNATURE_FILE];
const kept = (p: string) =>
  TAG_FILES.includes(p) || p === 'data/audit/audit.jsonl' || p === 'data/audit/head.json' || p === 'data/case.json';

/** Check a bundle ZIP; problems are listed, not thrown (a cancel through `signal` throws the 'cancelled' error). */
export async function verifyBundle(file: string, opts: CheckOptions = {}): Promise<VerifyReport> {
  return (await checkBundle(file, opts)).report;
}

/** The check, with the entries it read (the tag and JSON files' bytes among them) for an import to use. */
export async function checkBundle(
  file: string,
  opts: CheckOptions = {},
): Promise<{ report: VerifyReport; entries: ZipEntryInfo[] }> {
  let entries: ZipEntryInfo[];
  const early: string[] = [];
  let files = 0;
  const beforeRest = (tags: ZipEntryInfo[], declared: DeclaredEntry[]) => {
    files = declared.length;
    early.push(...declaredPayloadProblems(tags, declared));
    return early.length === 0;
  };
  try {
    entries = await readZip(file, { keep: kept, beforeRest, limits: opts.limits, signal: opts.signal });
  } catch (err) {
    // A cancel is not a problem with the bundle.
    if (err instanceof ExhibitError && err.code !== 'cancelled')
      return { report: { ok: false, problems: [err.message], files: 0, signer: null }, entries: [] };
    throw err;
  }
  if (early.length > 0) return { report: { ok: false, problems: early, files, signer: null }, entries: [] };
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const problems: string[] = [];
  const textOf = (p: string) => byPath.get(p)?.bytes?.toString('utf8') ?? null;
  for (const tag of TAG_FILES) if (!byPath.has(tag)) problems.push(`missing file: ${tag}`);

  const manifest = parseManifest(textOf('manifest-sha256.txt') ?? '');
  for (const [p, hash] of manifest) {
    const e = byPath.get(p);
    if (!e) problems.push(`missing file: ${p}`);
    else if (e.sha256 !== hash) problems.push(`hash mismatch: ${p}`);
  }
  const payload = entries.filter((e) => e.path.startsWith('data/'));
  for (const e of payload) if (!manifest.has(e.path)) problems.push(`unexpected file: ${e.path}`);
  // README.txt (bundles made before it have none) counts only when the signed tag manifest lists it.
  const tagListed = parseManifest(textOf('tagmanifest-sha256.txt') ?? '');
  const tagFile = (p: string) => TAG_FILES.includes(p) || (p === GUIDE_FILE && tagListed.has(p));
  for (const e of entries) if (!e.path.startsWith('data/') && !tagFile(e.path)) problems.push(`unexpected file: ${e.path}`);

  const oxum = payloadOxum(textOf('bag-info.txt'));
  const bytes = payload.reduce((n, e) => n + e.size, 0);
  if (!oxum) problems.push('bag-info.txt has no Payload-Oxum');
  else if (oxum.bytes !== bytes || oxum.files !== payload.length) {
    problems.push(`Payload-Oxum mismatch: bag-info.txt says ${oxum.text}, the payload is ${bytes}.${payload.length}`);
  }

  const tagManifestEntry = byPath.get('tagmanifest-sha256.txt');
  for (const [p, hash] of parseManifest(textOf('tagmanifest-sha256.txt') ?? '')) {
    const e = byPath.get(p);
    if (!e) problems.push(`missing file: ${p}`);
    else if (e.sha256 !== hash) problems.push(`hash mismatch: ${p}`);
  }
  const badSignature = signatureProblems(tagManifestEntry?.bytes ?? null, textOf(SIGNATURE_FILE), textOf(PUBLIC_KEY_FILE));
  problems.push(...badSignature);
  // Only a signature that checks names who signed.
  const signed = badSignature.length === 0 ? signerOf(textOf(PUBLIC_KEY_FILE)!, textOf('bag-info.txt') ?? '', opts.trust) : null;
  if (signed) problems.push(...signed.problems);
  problems.push(...auditProblems(textOf('data/audit/audit.jsonl'), textOf('data/audit/head.json')));
  return {
    report: {
      ok: problems.length === 0,
      problems: [...new Set(problems)],
      files: entries.length,
      signer: signed?.signer ?? null,
    },
    entries,
  };
}

/** bag-info.txt's Payload-Oxum ("bytes.files"), or null when it has none. */
function payloadOxum(bagInfo: string | null): { bytes: number; files: number; text: string } | null {
  const m = /Payload-Oxum:\s*(\d+)\.(\d+)/.exec(bagInfo ?? '');
  return m ? { bytes: Number(m[1]), files: Number(m[2]), text: `${m[1]}.${m[2]}` } : null;
}

/**
 * Checked before the payload is unpacked: the sizes the ZIP declares under data/ against
 * Payload-Oxum. When they exceed it by more than OXUM_MARGIN, the files the manifest does
 * not list (or lists but the ZIP lacks) are named, as the full check would have named them.
 */
function declaredPayloadProblems(tags: ZipEntryInfo[], declared: DeclaredEntry[]): string[] {
  const text = (p: string) => tags.find((e) => e.path === p)?.bytes?.toString('utf8') ?? null;
  const oxum = payloadOxum(text('bag-info.txt'));
  const payload = declared.filter((e) => e.path.startsWith('data/'));
  const size = payload.reduce((n, e) => n + e.size, 0);
  // No Payload-Oxum, or a small difference, is reported by the full check, file by file.
  if (!oxum || size <= oxum.bytes + OXUM_MARGIN) return [];
  const manifest = parseManifest(text('manifest-sha256.txt') ?? '');
  const inZip = new Set(payload.map((e) => e.path));
  return [
    ...payload.filter((e) => !manifest.has(e.path)).map((e) => `unexpected file: ${e.path}`),
    ...[...manifest.keys()].filter((p) => p.startsWith('data/') && !inZip.has(p)).map((p) => `missing file: ${p}`),
    `Payload-Oxum mismatch: bag-info.txt says ${oxum.text}, the ZIP declares ${size}.${payload.length} ` +
      'for data/, far more; the payload was not unpacked',
  ];
}

function signatureProblems(tagManifest: Buffer | null, signature: string | null, publicKey: string | null): string[] {
  if (!tagManifest || !signature || !publicKey)
    return ['bad or missing signature: the tag manifest, its signature or the public key is absent'];
  try {
    const ok = verifySignature(null, tagManifest, createPublicKey(publicKey), Buffer.from(signature.trim(), 'base64'));
    return ok ? [] : [`bad signature: ${SIGNATURE_FILE} does not match tagmanifest-sha256.txt`];
  } catch (err) {
    return [`bad signature: ${(err as Error).message}`];
  }
}

function auditProblems(lines: string | null, head: string | null): string[] {
  if (lines === null) return ['missing file: data/audit/audit.jsonl'];
  try {
    const rows = lines
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AuditRow | RedactedAuditRow);
    const expected = head ? (JSON.parse(head) as AuditHead) : null;
    // Only a scoped bundle redacts, and its signed head.json names each redacted row.
    const listed = expected?.scoped === true && Array.isArray(expected.redactedSeqs) ? expected.redactedSeqs : [];
    const report = checkAuditRows(rows, { redactedSeqs: new Set(listed) });
    if (!report.ok)
      return [`broken audit chain: data/audit/audit.jsonl row ${report.firstBroken!.seq}: ${report.firstBroken!.reason}`];
    if (expected && (expected.rows !== rows.length || expected.headHash !== (rows.at(-1)?.hash ?? null))) {
      return ['broken audit chain: data/audit/head.json does not match the log (rows removed from the end?)'];
    }
    const redacted = rows.filter((r) => 'redacted' in r).map((r) => r.seq);
    if (expected && (redacted.join() !== listed.join() || (expected.redacted ?? 0) !== redacted.length)) {
      return ['broken audit chain: data/audit/head.json does not list the same redacted rows as the log'];
    }
    return [];
  } catch {
    return ['broken audit chain: data/audit/audit.jsonl is not valid JSON lines'];
  }
}

/** data/audit/head.json (bundles made before redaction have no scoped/redacted fields). */
interface AuditHead {
  rows: number;
  headHash: string | null;
  scoped?: boolean;
  redacted?: number;
  redactedSeqs?: number[];
}
