/** Router handlers for exporting, verifying and importing evidence bundles. */
import { resolveAllegation } from '../allegations/allegations.ts';
import { exportBundle } from '../bundle/export.ts';
import { importBundle } from '../bundle/merge.ts';
import type { StepProgress } from '../jobs/steps.ts';
import { existingKeyFingerprint } from '../bundle/keys.ts';
import { verifyBundle } from '../bundle/verify.ts';
import { organizationName, reviewerName } from '../case/settings.ts';
import { resolveDocument } from '../documents/documents.ts';
import type { Handlers, RouterContext } from '../router.ts';
import { importTrustPolicy } from '../trust/import-policy.ts';
import { signerLookup } from '../trust/trust.ts';
import { ownKeyOf } from './trust-handlers.ts';
import { throttleProgress } from '../jobs/throttle.ts';

/**
 * Forward a job's progress as bundle.progress events: every change of step and every step's
 * end at once, otherwise at most one event per 50 ms (quotes and ZIP bytes come thousands at a time).
 */
function progressEmitter(ctx: RouterContext, jobId: string | undefined): ((p: StepProgress) => void) | undefined {
  if (!jobId) return undefined;
  return throttleProgress<StepProgress>(
    (p) => ctx.emit('bundle.progress', { jobId, ...p }),
    (p, previous) => p.phase !== previous?.phase || p.done === p.total,
  );
}

/** Handlers for bundles of the open case. */
export function bundleHandlers(
  ctx: RouterContext,
): Pick<Handlers, 'bundle.export' | 'bundle.verify' | 'bundle.import' | 'bundle.cancel'> {
  /** Run a job that bundle.cancel can stop by its id (a job without an id cannot be cancelled). */
  const cancellable = <T>(jobId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    // The case is not switched away while a bundle is written from it or merged into it.
    ctx.jobs.run({ id: jobId, what: 'a bundle job', holdsCase: true }, work);
  return {
    'bundle.export': async ({ path, allegationIds, documentIds, jobId }) => {
      const db = ctx.store.db;
      // Codes or id prefixes are accepted, like everywhere else; the scope itself holds ids.
      const scope = {
        allegationIds: allegationIds?.map((a) => resolveAllegation(db, a).id),
        documentIds: documentIds?.map((d) => resolveDocument(db, d).id),
      };
      return cancellable(jobId, (signal) =>
        exportBundle(ctx.store, {
          out: path,
          // The reviewer the case's audit log records for this session: the reports name them as the exporter.
          reviewer: ctx.actor(),
          organization: organizationName(ctx.configDir),
          configDir: ctx.configDir,
          scope,
          signal,
          onProgress: progressEmitter(ctx, jobId),
          pool: ctx.pool,
        }),
      );
    },
    'bundle.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'bundle.verify': ({ path, jobId }) => {
      // The reviewer's own key, if they have one (checking never makes one), and the case's list.
      const fingerprint = existingKeyFingerprint(ctx.configDir);
      const own = fingerprint ? { fingerprint, name: reviewerName(process.env, ctx.configDir) } : null;
      const trust = signerLookup({ own, db: ctx.store.db });
      return cancellable(jobId, (signal) => verifyBundle(path, { signal, trust }));
    },
    'bundle.import': ({ path, jobId, acceptSigner, trustSignerAs, passwords }) => {
      const actor = ctx.actor();
      const signer = importTrustPolicy(path, { db: ctx.store.db, own: ownKeyOf(ctx), actor, acceptSigner, trustSignerAs });
      return cancellable(jobId, (signal) =>
        importBundle(ctx.store, path, {
          pool: ctx.pool,
          actor,
          passwords,
          signal,
          signer,
          onProgress: progressEmitter(ctx, jobId),
        }),
      );
    },
  };
}
