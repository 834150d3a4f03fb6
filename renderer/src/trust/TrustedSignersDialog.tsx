/**
 * The Trusted signers screen: your own key's fingerprint (to read out or copy into a
 * covering letter), and the keys this case trusts to sign the bundles it imports. Adding
 * checks the fingerprint as it is typed; removing asks first. Every change is audited by
 * the engine and shows here at once.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { normalizeFingerprint, parseFingerprint } from '../../../shared/fingerprint.ts';
import type { TrustedSigner } from '../../../shared/ipc/contract.ts';
import { call, messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { Fingerprint } from './Fingerprint.tsx';
import './trust.css';

/** Why a typed fingerprint is not one, in the engine's own words, or null when it is. */
function fingerprintProblem(typed: string): string | null {
  try {
    parseFingerprint(typed);
    return null;
  } catch (err) {
    return messageOf(err);
  }
}

export function TrustedSignersDialog({ onClose }: { onClose(): void }) {
  const [signers, setSigners] = useState<TrustedSigner[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState<TrustedSigner | null>(null);
  const fprId = useId();
  const nameId = useId();
  const fprError = useId();

  const load = useCallback(async () => {
    try {
      setSigners(await call('trust.list', {}));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  // The first load answers in a callback (the lint rule's way), and is ignored once the screen is closed.
  useEffect(() => {
    let live = true;
    call('trust.list', {}).then(
      (list) => live && setSigners(list),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const own = signers?.find((s) => s.own) ?? null;
  const others = signers?.filter((s) => !s.own) ?? [];
  const problem =
    fingerprint.trim() === '' ? 'Type or paste the fingerprint the sender gave you.' : fingerprintProblem(fingerprint);
  const showProblem =
    tried || (fingerprint.trim() !== '' && normalizeFingerprint(fingerprint) === null && fingerprint.length >= 64);

  const copy = async () => {
    if (!own) return;
    try {
      await call('clipboard.writeText', { text: own.fingerprint });
      setStatus('Your fingerprint was copied.');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem || !name.trim()) return;
    try {
      const added = await call('trust.add', { fingerprint, name: name.trim() });
      setFingerprint('');
      setName('');
      setTried(false);
      setError(null);
      setStatus(`${added.name} is now a trusted signer.`);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const remove = async (signer: TrustedSigner) => {
    try {
      await call('trust.remove', { fingerprint: signer.fingerprint });
      setConfirming(null);
      setError(null);
      setStatus(`${signer.name} is no longer trusted.`);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Modal title="Trusted signers" onClose={onClose} className="trust-dialog" focusKey={confirming ? 'confirm' : 'list'}>
      <p>
        A bundle from a key this case trusts is imported without asking; any other key is named first, for you to check with its
        sender.
      </p>
      <h3>Your key</h3>
      {own ? (
        <div className="trust-own">
          <Fingerprint value={own.fingerprint} label="Your key fingerprint" />
          <button type="button" onClick={() => void copy()}>
            Copy fingerprint
          </button>
        </div>
      ) : (
        !error && <p className="trust-empty">Loading…</p>
      )}
      <p className="muted">
        Always trusted. Give this fingerprint to whoever imports your bundles, by phone or in a covering letter.
      </p>

      <h3>Keys this case trusts</h3>
      {signers && others.length === 0 && <p className="trust-empty">No other keys yet.</p>}
      <ul className="trust-list" aria-label="Trusted signers">
        {others.map((s) => (
          <li key={s.fingerprint}>
            <div className="trust-who">
              <strong>{s.name}</strong>
              <Fingerprint value={s.fingerprint} label={`${s.name}'s key fingerprint`} />
              <span className="muted">
                Added {s.addedAt?.slice(0, 10)} by {s.addedBy}
              </span>
            </div>
            <button
              type="button"
              onClick={() => {
                setStatus(null);
                setConfirming(s);
              }}
              aria-label={`Remove ${s.name}…`}
            >
              Remove…
            </button>
          </li>
        ))}
      </ul>
      {confirming && (
        <div className="trust-confirm" role="alert">
          <p>
            Stop trusting <strong>{confirming.name}</strong>? Bundles signed by this key will be named and asked about again
            before they are imported.
          </p>
          <div className="modal-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Keep
            </button>
            <button type="button" className="primary" onClick={() => void remove(confirming)} data-autofocus>
              Remove {confirming.name}
            </button>
          </div>
        </div>
      )}

      <h3>Add a trusted signer</h3>
      <form className="trust-add" onSubmit={(e) => void add(e)} aria-label="Add a trusted signer">
        <label htmlFor={fprId}>Fingerprint</label>
        <input
          id={fprId}
          name="fingerprint"
          value={fingerprint}
          onChange={(e) => setFingerprint(e.target.value)}
          placeholder="64 hex digits, e.g. 1a2b 3c4d …"
          spellCheck={false}
          autoComplete="off"
          maxLength={200}
          aria-invalid={showProblem && problem !== null}
          aria-describedby={showProblem && problem ? fprError : undefined}
          data-autofocus={confirming ? undefined : true}
        />
        {showProblem && problem && (
          <p id={fprError} className="trust-field-error">
            {problem}
          </p>
        )}
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          placeholder="Whose key this is"
        />
        {tried && !name.trim() && <p className="trust-field-error">Give the key a name: whose it is.</p>}
        <div className="trust-add-actions">
          <button type="submit">Add trusted signer</button>
        </div>
      </form>
      {status && (
        <p className="trust-status" role="status">
          {status}
        </p>
      )}
      {error && (
        <p className="trust-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
