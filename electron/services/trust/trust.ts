/**
 * The case's trusted signers: keys whose bundles it imports without asking. Each change is
 * one row of the audit log, written in the same transaction. The reviewer's own key is
 * always trusted and is not stored: it lives in the per-user folder, not in the case.
 */
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import { groupFingerprint, parseFingerprint } from '../../../shared/fingerprint.ts';
import type { TrustedSigner } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';

/** The reviewer's own key: its fingerprint and the reviewer's name. */
export interface OwnKey {
  fingerprint: string;
  name: string;
}

interface Row {
  fingerprint: string;
  name: string;
  added_at: string;
  added_by: string;
}

const toSigner = (r: Row): TrustedSigner => ({
  fingerprint: r.fingerprint,
  name: r.name,
  own: false,
  addedAt: r.added_at,
  addedBy: r.added_by,
});

/** The reviewer's own key as the trusted list shows it. */
export const ownEntry = (own: OwnKey): TrustedSigner => ({
  fingerprint: own.fingerprint,
  name: own.name,
  own: true,
  addedAt: null,
  addedBy: null,
});

/** The case's trusted signers, by name. */
export function listTrusted(db: Database): TrustedSigner[] {
  const rows = db.prepare('SELECT * FROM trusted_signers ORDER BY name COLLATE NOCASE, fingerprint').all() as Row[];
  return rows.map(toSigner);
}

/** One trusted signer of the case, or null. */
export function findTrusted(db: Database, fingerprint: string): TrustedSigner | null {
  const row = db.prepare('SELECT * FROM trusted_signers WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
  return row ? toSigner(row) : null;
}

/** Add a key to the case's trusted signers (fingerprint as typed; spaces, colons and upper case are fine). */
export function addTrusted(
  db: Database,
  input: { fingerprint: string; name: string },
  actor: string,
  own: OwnKey,
  context: Record<string, unknown> = {},
): TrustedSigner {
  const fingerprint = parseFingerprint(input.fingerprint);
  const name = input.name.trim();
  if (name === '') throw new ExhibitError('invalid-args', 'A trusted signer needs a name (who the key belongs to)', 'name');
  if (fingerprint === own.fingerprint)
    throw new ExhibitError('invalid-args', `${groupFingerprint(fingerprint)} is your own key; it is always trusted`, fingerprint);
  const known = findTrusted(db, fingerprint);
  if (known)
    throw new ExhibitError(
      'invalid-args',
      `${groupFingerprint(fingerprint)} is already a trusted signer, as "${known.name}"`,
      fingerprint,
    );
  const row: Row = { fingerprint, name, added_at: new Date().toISOString(), added_by: actor };
  db.transaction(() => {
    db.prepare('INSERT INTO trusted_signers (fingerprint, name, added_at, added_by) VALUES (?, ?, ?, ?)').run(
      row.fingerprint,
      row.name,
      row.added_at,
      row.added_by,
    );
    appendAudit(db, { actor, action: 'trust.add', entity: 'signer', entityId: fingerprint, payload: { name, ...context } });
  })();
  return toSigner(row);
}

/** Take a key off the case's trusted signers; the reviewer's own key cannot be. */
export function removeTrusted(db: Database, typed: string, actor: string, own: OwnKey): TrustedSigner {
  const fingerprint = parseFingerprint(typed);
  if (fingerprint === own.fingerprint)
    throw new ExhibitError(
      'invalid-args',
      `${groupFingerprint(fingerprint)} is your own key: it is always trusted and cannot be removed`,
      fingerprint,
    );
  const known = findTrusted(db, fingerprint);
  if (!known)
    throw new ExhibitError(
      'not-found',
      `${groupFingerprint(fingerprint)} is not one of this case's trusted signers`,
      fingerprint,
    );
  db.transaction(() => {
    db.prepare('DELETE FROM trusted_signers WHERE fingerprint = ?').run(fingerprint);
    appendAudit(db, { actor, action: 'trust.remove', entity: 'signer', entityId: fingerprint, payload: { name: known.name } });
  })();
  return known;
}

/** Who a key is to the reader: its name and whether it is the reader's own, or null for a key not trusted. */
export type SignerLookup = (fingerprint: string) => { name: string | null; own: boolean } | null;

/**
 * The keys a reader trusts: their own, the open case's list (if a case is open), and any
 * fingerprints they named for this one check (already normalised).
 */
export function signerLookup(opts: { own: OwnKey | null; db?: Database | null; extra?: readonly string[] }): SignerLookup {
  return (fingerprint) => {
    if (opts.own?.fingerprint === fingerprint) return { name: opts.own.name, own: true };
    const listed = opts.db ? findTrusted(opts.db, fingerprint) : null;
    if (listed) return { name: listed.name, own: false };
    if (opts.extra?.includes(fingerprint)) return { name: null, own: false };
    return null;
  };
}
