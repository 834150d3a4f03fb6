/**
 * Trusted signers: the keys whose bundles a case imports without asking, and what a
 * bundle check says about the key that signed it.
 */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';

/** A key the case trusts. `own` is the reviewer's own key: always trusted, never removable. */
export const TrustedSigner = z.object({
  fingerprint: z.string(),
  name: z.string(),
  own: z.boolean(),
  /** When and by whom it was added (ISO 8601, UTC); null for the reviewer's own key. */
  addedAt: z.string().nullable(),
  addedBy: z.string().nullable(),
});
export type TrustedSigner = z.infer<typeof TrustedSigner>;

/**
 * The key that signed a bundle. `name` is the reader's own name for it (from the trusted
 * list), null when the key is not known; `claimedName` is the reviewer named in bag-info.txt,
 * which anyone making a bundle can write: a claim, never proof.
 */
export const Signer = z.object({
  fingerprint: z.string(),
  name: z.string().nullable(),
  trusted: z.boolean(),
  own: z.boolean(),
  claimedName: z.string().nullable(),
});
export type Signer = z.infer<typeof Signer>;

/** Typed by a reviewer: spaces, colons and upper case are accepted, then normalised. */
const typedFingerprint = z.string().min(1).max(200);

export const trustChannels = {
  /** The reviewer's own key first, then the case's trusted signers by name. */
  'trust.list': { args: z.object({}).strict(), result: z.array(TrustedSigner), access: 'read' },
  'trust.add': {
    args: z.object({ fingerprint: typedFingerprint, name: z.string().min(1).max(200) }).strict(),
    result: TrustedSigner,
    access: 'write',
  },
  'trust.remove': { args: z.object({ fingerprint: typedFingerprint }).strict(), result: TrustedSigner, access: 'write' },
} as const satisfies Record<string, ChannelSpec>;
