/**
 * Asked before a bundle from a key the case does not trust is imported: the key's
 * fingerprint (to compare with what the sender said by phone or letter), the name the
 * bundle claims, and a name to trust the key under if the reviewer chooses to. Nothing has
 * been written to the case when this shows.
 */
import { useId } from 'react';
import type { Signer } from '../../../shared/ipc/contract.ts';
import { Fingerprint } from './Fingerprint.tsx';
import './trust.css';

export function SignerQuestion({ signer, name, onName }: { signer: Signer; name: string; onName(name: string): void }) {
  const nameId = useId();
  return (
    <section className="signer signer-untrusted signer-question" aria-label="Signer">
      <h3>Signed by a key this case does not trust</h3>
      <Fingerprint value={signer.fingerprint} label="Key fingerprint" />
      <p>
        {signer.claimedName ? (
          <>
            The bundle claims to come from <strong>{signer.claimedName}</strong>, which anyone making a bundle can write.{' '}
          </>
        ) : (
          'The bundle does not say who made it. '
        )}
        Compare this fingerprint with the one the sender gave you by phone or letter. Nothing has been imported yet.
      </p>
      <label htmlFor={nameId}>Trust this key from now on as</label>
      <input id={nameId} value={name} onChange={(e) => onName(e.target.value)} maxLength={200} placeholder="Whose key this is" />
    </section>
  );
}
