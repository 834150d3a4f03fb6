/**
 * The reviewer's Ed25519 signing key: made on first use (an export, `exhibit key`, the
 * trusted signers screen), the private half kept in the per-user folder readable by its
 * owner only, the public half shipped in every bundle.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key (DER), hex: how a reviewer's key is named. */
  fingerprint: string;
}

const fingerprintOf = (pem: string) =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

const privateFileOf = (configDir: string) => path.join(configDir, 'keys', 'ed25519-private.pem');

/** Load the reviewer's key pair, creating it the first time. */
export function reviewerKey(configDir: string): SigningKey {
  const dir = path.join(configDir, 'keys');
  const privateFile = privateFileOf(configDir);
  if (!fs.existsSync(privateFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(fs.readFileSync(privateFile));
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, fingerprint: fingerprintOf(publicKeyPem) };
}

/** The fingerprint of the reviewer's key if one was made already: checking a bundle never makes one. */
export function existingKeyFingerprint(configDir: string): string | null {
  return fs.existsSync(privateFileOf(configDir)) ? reviewerKey(configDir).fingerprint : null;
}

export { fingerprintOf };
