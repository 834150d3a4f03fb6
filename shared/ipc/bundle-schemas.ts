/** Evidence bundles: export a case (or part of it), verify a bundle, and their host dialogs. */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';
import { Signer } from './trust-schemas.ts';

const file = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);

/**
 * A bundle's check. `ok` and `problems` are about integrity alone (hashes, manifests, the
 * signature, bag-info's key fingerprint, the audit chain); whether the key that signed is
 * one the reader trusts is `signer`, reported apart. `signer` is null when the bundle
 * carries no readable public key.
 */
export const VerifyReport = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  files: z.number().int(),
  signer: Signer.nullable(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

const n = z.number().int();

/** What merging a bundle did: counts per kind, and every conflict and how it was settled. */
export const MergeResult = z.object({
  documents: z.object({ added: n, known: n }),
  allegations: z.object({ added: n, updated: n, unchanged: n }),
  highlights: z.object({ added: n, updated: n, unchanged: n }),
  links: z.object({ added: n, updated: n, unchanged: n }),
  conflicts: z.array(z.string()),
});
export type MergeResult = z.infer<typeof MergeResult>;

/**
 * The steps of exporting and importing a bundle, in the order they run. `done`/`total`
 * count highlights (quotes), documents (originals, annotated, documents), reports, or
 * bytes (zip, staging); `item` names the document being worked on, when there is one.
 */
export const BundlePhase = z.enum([
  'quotes',
  'originals',
  'annotated',
  'reports',
  'signing',
  'zip',
  'verifying',
  'staging',
  'documents',
  'merging',
]);
export type BundlePhase = z.infer<typeof BundlePhase>;

export const BundleProgress = z.object({
  jobId: z.string(),
  phase: BundlePhase,
  done: n,
  total: n,
  item: z.string().nullable(),
});
export type BundleProgress = z.infer<typeof BundleProgress>;

export const bundleChannels = {
  /** Export to `path`; with allegations and/or documents named, only those and what links them. */
  'bundle.export': {
    args: z
      .object({
        path: file,
        allegationIds: z.array(id).optional(),
        documentIds: z.array(id).optional(),
        /** Names the job in bundle.progress events and for bundle.cancel. */
        jobId: id.optional(),
      })
      .strict(),
    /** warnings: what the reviewer should know of the bundle written (a character a letter's rendition cannot draw). */
    result: z.object({ out: z.string(), files: z.number().int(), bytes: z.number().int(), warnings: z.array(z.string()) }),
    access: 'read',
    path: { field: 'path', need: 'save-bundle' },
  },
  /** With a job id, bundle.cancel stops the check (it then fails with the 'cancelled' error). */
  'bundle.verify': {
    args: z.object({ path: file, jobId: id.optional() }).strict(),
    result: VerifyReport,
    access: 'read',
    path: { field: 'path', need: 'read' },
  },
  /**
   * Verify a bundle, then merge it into the open case; bundle.cancel stops it before the merge, changing nothing.
   * A bundle signed by a key the case does not trust is refused ('untrusted-signer', naming the fingerprint)
   * unless `acceptSigner` is that key's fingerprint; with `trustSignerAs` too, the merge also adds the signer
   * to the case's trusted signers under that name. A bundle carries its PDFs' pages, so an encrypted PDF in it needs no
   * password; one from an earlier Exhibit does not, and an encrypted PDF in it is opened with each of `passwords` in
   * turn: none given, or none that opens it, fails with 'password-required' or 'password-incorrect' (the subject
   * is the document's title) and changes nothing.
   */
  'bundle.import': {
    args: z
      .object({
        path: file,
        jobId: id.optional(),
        acceptSigner: z.string().min(1).max(200).optional(),
        trustSignerAs: z.string().min(1).max(200).optional(),
        passwords: z.array(z.string().min(1).max(1024)).max(100).optional(),
      })
      .strict(),
    result: MergeResult,
    access: 'write',
    path: { field: 'path', need: 'read' },
  },
  /**
   * Stop a running export (it removes its temporary file and writes nothing), check or
   * import (it removes its staging folder and the case stays as it was).
   */
  'bundle.cancel': {
    args: z.object({ jobId: id }).strict(),
    result: z.object({ cancelled: z.boolean() }),
    access: 'read',
  },
  // Served by the host: where to save a bundle, and which bundle to check.
  'dialog.saveBundle': {
    args: z.object({ suggestedName: z.string().max(255) }).strict(),
    result: z.array(z.string()),
    access: 'read',
    host: true,
    grants: { purpose: 'save-bundle' },
  },
  'dialog.openBundle': {
    args: z.object({}).strict(),
    result: z.array(z.string()),
    access: 'read',
    host: true,
    grants: { purpose: 'read' },
  },
} as const satisfies Record<string, ChannelSpec>;
