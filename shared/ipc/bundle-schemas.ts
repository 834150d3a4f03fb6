/** Evidence bundles: export a case (or part of it), verify a bundle, and their host dialogs. */
import { z } from 'zod';

const file = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);

export const VerifyReport = z.object({ ok: z.boolean(), problems: z.array(z.string()), files: z.number().int() });
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
    result: z.object({ out: z.string(), files: z.number().int(), bytes: z.number().int() }),
  },
  /** With a job id, bundle.cancel stops the check (it then fails with the 'cancelled' error). */
  'bundle.verify': { args: z.object({ path: file, jobId: id.optional() }).strict(), result: VerifyReport },
  /** Verify a bundle, then merge it into the open case; bundle.cancel stops it before the merge, changing nothing. */
  'bundle.import': { args: z.object({ path: file, jobId: id.optional() }).strict(), result: MergeResult },
  /**
   * Stop a running export (it removes its temporary file and writes nothing), check or
   * import (it removes its staging folder and the case stays as it was).
   */
  'bundle.cancel': { args: z.object({ jobId: id }).strict(), result: z.object({ cancelled: z.boolean() }) },
  // Served by the host: where to save a bundle, and which bundle to check.
  'dialog.saveBundle': { args: z.object({ suggestedName: z.string().max(255) }).strict(), result: z.array(z.string()) },
  'dialog.openBundle': { args: z.object({}).strict(), result: z.array(z.string()) },
} as const;
