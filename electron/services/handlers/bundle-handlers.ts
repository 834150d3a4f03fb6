/** Router handlers for exporting and verifying evidence bundles. */
import { resolveAllegation } from '../allegations/allegations.ts';
import { exportBundle } from '../bundle/export.ts';
import { importBundle } from '../bundle/merge.ts';
import { verifyBundle } from '../bundle/verify.ts';
import { reviewerName } from '../case/settings.ts';
import { resolveDocument } from '../documents/documents.ts';
import type { Handlers, RouterContext } from '../router.ts';

/** Handlers for bundles of the open case. */
export function bundleHandlers(ctx: RouterContext): Pick<Handlers, 'bundle.export' | 'bundle.verify' | 'bundle.import'> {
  return {
    'bundle.export': ({ path, allegationIds, documentIds }) => {
      const db = ctx.store.db;
      // Codes or id prefixes are accepted, like everywhere else; the scope itself holds ids.
      const scope = {
        allegationIds: allegationIds?.map((a) => resolveAllegation(db, a).id),
        documentIds: documentIds?.map((d) => resolveDocument(db, d).id),
      };
      return exportBundle(ctx.store, {
        out: path,
        reviewer: reviewerName(process.env, ctx.configDir),
        configDir: ctx.configDir,
        scope,
      });
    },
    'bundle.verify': ({ path }) => verifyBundle(path),
    'bundle.import': ({ path }) => importBundle(ctx.store, path, { pool: ctx.pool, actor: ctx.actor() }),
  };
}
