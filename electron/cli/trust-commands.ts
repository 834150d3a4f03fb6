/**
 * `exhibit key`, `exhibit trust add|list|remove` and `exhibit verify`: the reviewer's own
 * key fingerprint to hand out, the case's trusted signers, and a bundle's check with who
 * signed it. Integrity problems and an untrusted signer are told apart, in words and fields.
 */
import fs from 'node:fs';
import path from 'node:path';
import { groupFingerprint, parseFingerprint } from '../../shared/fingerprint.ts';
import type { Signer, TrustedSigner } from '../../shared/ipc/contract.ts';
import { existingKeyFingerprint, reviewerKey } from '../services/bundle/keys.ts';
import { verifyBundle } from '../services/bundle/verify.ts';
import { CASE_DB, openCase, type CaseStore } from '../services/case/case.ts';
import { defaultCaseDir, userConfigDir } from '../services/case/paths.ts';
import { reviewerName } from '../services/case/settings.ts';
import { callTyped } from '../services/router.ts';
import { signerLookup } from '../services/trust/trust.ts';
import { str, UsageError, type Command, type Values } from './command.ts';
import type { Output } from './output.ts';

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

/** Your own key's fingerprint, made on first use, to read out or put in a covering letter. */
export function keyCommand(args: string[], out: Output): number {
  if (args.length > 0) throw new UsageError('key takes no arguments');
  const { fingerprint } = reviewerKey(userConfigDir(out.io.env));
  out.record({ fingerprint }, () =>
    [
      'Your signing key’s fingerprint (SHA-256 of your Ed25519 public key):',
      `  ${groupFingerprint(fingerprint)}`,
      'Give it to whoever imports your bundles by another way than the bundle itself (phone, covering letter).',
    ].join('\n'),
  );
  return 0;
}

const signerLine = (s: TrustedSigner) =>
  `${groupFingerprint(s.fingerprint)}  ${s.name}${s.own ? '  (your own key, always trusted)' : `  (added ${s.addedAt} by ${s.addedBy})`}`;

/** `trust add FPR --name NAME`, `trust list`, `trust remove FPR`; a fingerprint may be typed in groups. */
export const trustCommand: Command = async (s, args, values, out) => {
  const [sub, ...rest] = args;
  // "1a2b 3c4d …" unquoted arrives as sixteen arguments: they are one fingerprint.
  const fingerprint = rest.join(' ');
  if (sub === 'list') {
    if (rest.length > 0) throw new UsageError('trust list takes no arguments');
    for (const signer of await callTyped(s.router, 'trust.list', {})) out.record(signer, () => signerLine(signer));
    return 0;
  }
  if (sub === 'add') {
    const name = str(values, 'name');
    if (!fingerprint || !name) throw new UsageError('usage: exhibit trust add FINGERPRINT --name NAME');
    const added = await callTyped(s.router, 'trust.add', { fingerprint, name });
    out.record(added, () => `Trusted: ${signerLine(added)}`);
    return 0;
  }
  if (sub === 'remove') {
    if (!fingerprint || values.name !== undefined) throw new UsageError('usage: exhibit trust remove FINGERPRINT');
    const removed = await callTyped(s.router, 'trust.remove', { fingerprint });
    out.record({ removed }, () => `No longer trusted: ${groupFingerprint(removed.fingerprint)}  ${removed.name}`);
    return 0;
  }
  throw new UsageError('usage: exhibit trust add FINGERPRINT --name NAME | trust list | trust remove FINGERPRINT');
};

/** The case whose trusted signers count for verify: --case or EXHIBIT_CASE (which must be a case), else the default case if there is one. */
function caseForVerify(values: Values, out: Output): CaseStore | null {
  const named = typeof values.case === 'string' ? values.case : out.io.env.EXHIBIT_CASE;
  if (named) return openCase(path.resolve(out.io.cwd, named));
  const dir = defaultCaseDir(out.io.env);
  return fs.existsSync(path.join(dir, CASE_DB)) ? openCase(dir) : null;
}

function describeSigner(signer: Signer | null): string {
  if (!signer) return 'signer: none can be named, as the signature does not check';
  const fpr = groupFingerprint(signer.fingerprint);
  if (signer.own) return `signer: ${fpr}, your own key (${signer.name})`;
  if (signer.trusted)
    return `signer: ${fpr}, ${signer.name ? `trusted signer "${signer.name}"` : 'trusted (named with --trust)'}`;
  const claim = signer.claimedName ? `; the bundle claims it comes from "${signer.claimedName}" (a claim, not proof)` : '';
  return `signer: signed by an untrusted key ${fpr}${claim}`;
}

/** Verification needs no case; when one is open, its trusted signers count, as do your own key and every --trust. */
export async function verifyCommand(args: string[], values: Values, out: Output): Promise<number> {
  if (args.length !== 1) throw new UsageError('verify takes one bundle: exhibit verify FILE.zip [--trust FINGERPRINT]...');
  const required = list(values.trust).map((t) => parseFingerprint(t, '--trust'));
  const configDir = userConfigDir(out.io.env);
  const ownFingerprint = existingKeyFingerprint(configDir);
  const own = ownFingerprint ? { fingerprint: ownFingerprint, name: reviewerName(out.io.env, configDir) } : null;
  const store = caseForVerify(values, out);
  let report;
  try {
    const trust = signerLookup({ own, db: store?.db ?? null, extra: required });
    report = await verifyBundle(path.resolve(out.io.cwd, args[0]!), { trust });
  } finally {
    store?.close();
  }
  const { signer } = report;
  const trustProblem = signer && !signer.trusted ? `signed by an untrusted key ${signer.fingerprint}` : null;
  if (out.json) out.record({ ...report, trustProblem }, () => '');
  else {
    if (report.ok) out.say('ok');
    else for (const p of report.problems) out.say(p);
    out.say(describeSigner(signer));
  }
  // Without --trust an unknown signer is reported, not failed: the reader may have no list to check against.
  const untrustedFails = required.length > 0 && !(signer?.trusted ?? false);
  if (untrustedFails && signer)
    out.error(
      `${args[0]} is signed by an untrusted key ${signer.fingerprint}: not one given with --trust, nor one you trust`,
      'untrusted-signer',
      signer.fingerprint,
    );
  return report.ok && !untrustedFails ? 0 : 1;
}
