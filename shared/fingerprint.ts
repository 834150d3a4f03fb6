/**
 * Key fingerprints as reviewers handle them: SHA-256 of the public key (DER
 * SubjectPublicKeyInfo) in lowercase hex, stored as 64 digits and shown in groups of four
 * so they can be read out over the phone or compared against a covering letter.
 */
import { ExhibitError } from './errors.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** A fingerprint as typed (spaces, colons, dashes, upper case) as 64 lowercase hex digits, or null if it is not one. */
export function normalizeFingerprint(typed: string): string | null {
  const plain = typed.replace(/[\s:-]+/g, '').toLowerCase();
  return HEX64.test(plain) ? plain : null;
}

/** The fingerprint in `typed`, or an error naming `field` and saying what a fingerprint looks like. */
export function parseFingerprint(typed: string, field = 'fingerprint'): string {
  const fpr = normalizeFingerprint(typed);
  if (fpr) return fpr;
  const digits = typed.replace(/[\s:-]+/g, '');
  const why = /[^0-9a-fA-F]/.test(digits)
    ? 'it holds characters other than the hexadecimal digits 0-9 and a-f'
    : `it has ${digits.length} hexadecimal digits`;
  const shown = typed.length > 80 ? `${typed.slice(0, 77)}…` : typed;
  return fail(
    `"${shown}" is not a key fingerprint: ${why}. A fingerprint is 64 hexadecimal digits (spaces and colons between them are fine).`,
    field,
  );
}

function fail(message: string, field: string): never {
  throw new ExhibitError('invalid-args', message, field);
}

/** A fingerprint in groups of four digits, for reading ("1a2b 3c4d …"). */
export const groupFingerprint = (fpr: string): string => fpr.match(/.{1,4}/g)?.join(' ') ?? fpr;
