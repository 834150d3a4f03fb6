/**
 * Who signed a bundle. The public key travels in the bundle beside the signature, so a
 * signature that checks proves only that the files match *a* key: whoever changed the
 * files can re-sign them with a key of their own. What a reader can rely on is the key's
 * fingerprint, compared with one they trust (their own, the case's list, or one they were
 * told). bag-info.txt's Exhibit-Public-Key-SHA256 must name the key that signed; its
 * Exhibit-Reviewer is only what the bundle claims about who made it.
 */
import { groupFingerprint, normalizeFingerprint } from '../../../shared/fingerprint.ts';
import type { Signer } from '../../../shared/ipc/contract.ts';
import type { SignerLookup } from '../trust/trust.ts';
import { fingerprintOf } from './keys.ts';

/** One field of bag-info.txt (RFC 8493: "Label: value", the first such line), or null. */
function bagInfoField(bagInfo: string, label: string): string | null {
  for (const line of bagInfo.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && line.slice(0, at).trim() === label) return line.slice(at + 1).trim();
  }
  return null;
}

/** A claimed fingerprint as readers see fingerprints (grouped), or as written when it is not one. */
const shown = (s: string) => {
  const fpr = normalizeFingerprint(s);
  return fpr ? groupFingerprint(fpr) : s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/**
 * The signer of a bundle whose signature checked against `publicKeyPem`, and the
 * integrity problem of a bag-info.txt that names another key (or none).
 */
export function signerOf(
  publicKeyPem: string,
  bagInfo: string,
  trust?: SignerLookup,
): { signer: Signer | null; problems: string[] } {
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(publicKeyPem);
  } catch {
    return { signer: null, problems: [] };
  }
  const claimed = bagInfoField(bagInfo, 'Exhibit-Public-Key-SHA256');
  const problems =
    claimed === null
      ? ['bag-info.txt does not name the signing key: it has no Exhibit-Public-Key-SHA256']
      : normalizeFingerprint(claimed) !== fingerprint
        ? [
            `key mismatch: bag-info.txt names the signing key ${shown(claimed)}, but the bundle is signed by ${groupFingerprint(fingerprint)}`,
          ]
        : [];
  const known = trust?.(fingerprint) ?? null;
  return {
    signer: {
      fingerprint,
      name: known?.name ?? null,
      trusted: known !== null,
      own: known?.own ?? false,
      claimedName: bagInfoField(bagInfo, 'Exhibit-Reviewer') || null,
    },
    problems,
  };
}
