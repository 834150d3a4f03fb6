/**
 * Whether a bundle's signer may be imported into a case: decided right after the bundle is
 * checked and before anything is staged, so a refused bundle leaves the case byte for byte
 * as it was. A key the case trusts (or the reviewer's own) goes through; any other only when
 * the reviewer accepted that very fingerprint, and then, if asked, it joins the trusted list
 * in the merge's own transaction.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { groupFingerprint, parseFingerprint } from '../../../shared/fingerprint.ts';
import type { Signer } from '../../../shared/ipc/contract.ts';
import { addTrusted, findTrusted, signerLookup, type OwnKey } from './trust.ts';

/** What the import asks of the case's trust. */
export interface SignerPolicy {
  /** After the check, before anything is written or staged: throws to refuse the bundle. */
  admit(signer: Signer | null): void;
  /** Inside the merge's transaction, once the bundle is admitted. */
  merged(db: Database): void;
}

export interface ImportTrustOptions {
  db: Database;
  own: OwnKey;
  actor: string;
  /** The fingerprint the reviewer accepted for this bundle (as typed). */
  acceptSigner?: string | undefined;
  /** Add the accepted signer to the trusted list under this name. */
  trustSignerAs?: string | undefined;
}

/** The error a bundle from a key the case does not trust meets. */
export function untrustedSignerError(file: string, signer: Signer): ExhibitError {
  const claim = signer.claimedName ? ` The bundle claims to come from "${signer.claimedName}" (a claim anyone can write).` : '';
  return new ExhibitError(
    'untrusted-signer',
    `${path.basename(file)} is signed by a key this case does not trust: ${groupFingerprint(signer.fingerprint)}.${claim} ` +
      'Nothing was imported. Compare the fingerprint with the one the sender gave you before accepting it.',
    signer.fingerprint,
  );
}

/** The trust policy of one bundle import into the case `opts.db`. */
export function importTrustPolicy(file: string, opts: ImportTrustOptions): SignerPolicy {
  const accepted = opts.acceptSigner === undefined ? null : parseFingerprint(opts.acceptSigner, 'acceptSigner');
  if (opts.trustSignerAs !== undefined && accepted === null)
    throw new ExhibitError(
      'invalid-args',
      'To add a bundle’s signer to the trusted signers, accept its fingerprint too (acceptSigner)',
      'trustSignerAs',
    );
  let admitted: Signer | null = null;
  return {
    admit(signer) {
      if (!signer)
        throw new ExhibitError(
          'untrusted-signer',
          `${path.basename(file)} names no key that signed it; nothing was imported`,
          file,
        );
      if (accepted !== null && accepted !== signer.fingerprint)
        throw new ExhibitError(
          'untrusted-signer',
          `The fingerprint you accepted, ${groupFingerprint(accepted)}, is not the key that signed ${path.basename(file)} ` +
            `(${groupFingerprint(signer.fingerprint)}). Nothing was imported.`,
          signer.fingerprint,
        );
      const known = signerLookup({ own: opts.own, db: opts.db })(signer.fingerprint);
      if (!known && accepted === null) throw untrustedSignerError(file, signer);
      admitted = signer;
    },
    merged(db) {
      if (!admitted || opts.trustSignerAs === undefined) return;
      // A key trusted already (or the reviewer's own) keeps the name it has.
      if (admitted.fingerprint === opts.own.fingerprint || findTrusted(db, admitted.fingerprint)) return;
      addTrusted(db, { fingerprint: admitted.fingerprint, name: opts.trustSignerAs }, opts.actor, opts.own, {
        bundle: path.basename(file),
        claimedName: admitted.claimedName,
      });
    },
  };
}
