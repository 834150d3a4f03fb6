/**
 * Who signed a bundle, shown apart from whether its files are intact: a bundle anyone
 * re-signed is intact, so what matters is whether the key is one the reader trusts.
 * The name a bundle gives itself is shown as a claim only.
 */
import type { Signer } from '../../../shared/ipc/contract.ts';
import { Fingerprint } from './Fingerprint.tsx';

export function SignerResult({ signer }: { signer: Signer | null }) {
  if (!signer) {
    return (
      <section className="signer signer-untrusted" aria-label="Signer">
        <h3>Signed by</h3>
        <p className="signer-verdict">No key can be named: the signature does not check.</p>
      </section>
    );
  }
  const verdict = signer.own
    ? `Your own key (${signer.name ?? 'you'})`
    : signer.trusted
      ? `Trusted signer: ${signer.name ?? 'trusted'}`
      : 'Not a key this case trusts';
  return (
    <section className={`signer ${signer.trusted ? 'signer-trusted' : 'signer-untrusted'}`} aria-label="Signer">
      <h3>Signed by</h3>
      <Fingerprint value={signer.fingerprint} label="Key fingerprint" />
      <p className="signer-verdict">
        <span aria-hidden="true">{signer.trusted ? '✓ ' : '⚠ '}</span>
        {verdict}
      </p>
      {!signer.trusted && (
        <p>
          {signer.claimedName ? (
            <>
              The bundle claims to come from <strong>{signer.claimedName}</strong>; anyone making a bundle can write that.{' '}
            </>
          ) : null}
          Compare the fingerprint with the one the sender gave you by phone or letter.
        </p>
      )}
    </section>
  );
}
