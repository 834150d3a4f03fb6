/**
 * Verifying a bundle without trusting it: every payload file against the manifest, the
 * manifest's completeness both ways, Payload-Oxum, the tag manifest, the Ed25519
 * signature over it, and the audit log's hash chain. Each problem is one line naming
 * the file; a damaged or hostile ZIP is reported, never crashes the check.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { ExhibitError } from '../../../shared/errors.ts';
import { checkAuditRows, type AuditRow, type RedactedAuditRow } from '../audit/audit.ts';
import { parseManifest, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './bagit.ts';
import { readZip, type ZipEntryInfo, type ZipLimits } from './read-zip.ts';

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  files: number;
}

const TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', PUBLIC_KEY_FILE, SIGNATURE_FILE];
const kept = (p: string) =>
  TAG_FILES.includes(p) || p === 'data/audit/audit.jsonl' || p === 'data/audit/head.json' || p === 'data/case.json';

/** Check a bundle ZIP; problems are listed, not thrown (a cancel through `signal` throws the 'cancelled' error). */
export async function verifyBundle(
  file: string,
  opts: { limits?: Partial<ZipLimits>; signal?: AbortSignal | undefined } = {},
): Promise<VerifyReport> {
  return (await checkBundle(file, opts)).report;
}

/** The check, with the entries it read (the tag and JSON files' bytes among them) for an import to use. */
export async function checkBundle(
  file: string,
  opts: { limits?: Partial<ZipLimits> | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ report: VerifyReport; entries: ZipEntryInfo[] }> {
  let entries: ZipEntryInfo[];
  try {
    entries = await readZip(file, { keep: kept, limits: opts.limits, signal: opts.signal });
  } catch (err) {
    // A cancel is not a problem with the bundle.
    if (err instanceof ExhibitError && err.code !== 'cancelled')
      return { report: { ok: false, problems: [err.message], files: 0 }, entries: [] };
    throw err;
  }
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
  for (const e of entries)
    if (!e.path.startsWith('data/') && !TAG_FILES.includes(e.path)) problems.push(`unexpected file: ${e.path}`);

  const oxum = /Payload-Oxum:\s*(\d+)\.(\d+)/.exec(textOf('bag-info.txt') ?? '');
  const bytes = payload.reduce((n, e) => n + e.size, 0);
  if (!oxum) problems.push('bag-info.txt has no Payload-Oxum');
  else if (Number(oxum[1]) !== bytes || Number(oxum[2]) !== payload.length) {
    problems.push(`Payload-Oxum mismatch: bag-info.txt says ${oxum[1]}.${oxum[2]}, the payload is ${bytes}.${payload.length}`);
  }

  const tagManifestEntry = byPath.get('tagmanifest-sha256.txt');
  for (const [p, hash] of parseManifest(textOf('tagmanifest-sha256.txt') ?? '')) {
    const e = byPath.get(p);
    if (!e) problems.push(`missing file: ${p}`);
    else if (e.sha256 !== hash) problems.push(`hash mismatch: ${p}`);
  }
  problems.push(...signatureProblems(tagManifestEntry?.bytes ?? null, textOf(SIGNATURE_FILE), textOf(PUBLIC_KEY_FILE)));
  problems.push(...auditProblems(textOf('data/audit/audit.jsonl'), textOf('data/audit/head.json')));
  return { report: { ok: problems.length === 0, problems: [...new Set(problems)], files: entries.length }, entries };
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
