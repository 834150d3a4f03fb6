/** Router handlers for the allegation ledger. */
import {
  createAllegations,
  listAllegations,
  reorderAllegations,
  setAllegationDeleted,
  updateAllegation,
} from '../allegations/allegations.ts';
import { createLink, listLinks, removeLink, updateLink } from '../allegations/links.ts';
import { parseAllegations } from '../allegations/parse.ts';
import { allegationDetail, evidenceMatrix, responseMap, unlinkedHighlights } from '../allegations/views.ts';
import type { Handlers, RouterContext } from '../router.ts';

type LedgerChannels =
  | 'allegations.list'
  | 'allegations.create'
  | 'allegations.update'
  | 'allegations.reorder'
  | 'allegations.delete'
  | 'allegations.restore'
  | 'allegations.import'
  | 'allegations.detail'
  | 'links.create'
  | 'links.update'
  | 'links.remove'
  | 'links.list'
  | 'matrix.get'
  | 'highlights.unlinked'
  | 'responseMap.get';

/** Handlers over the open case's allegations and links. */
export function allegationHandlers(ctx: RouterContext): Pick<Handlers, LedgerChannels> {
  const db = () => ctx.store.db;
  return {
    'allegations.list': ({ status, tag }) => listAllegations(db(), { status, tag }),
    'allegations.create': (a) => createAllegations(db(), [a], ctx.actor())[0]!,
    'allegations.update': ({ allegationId, ...change }) => updateAllegation(db(), allegationId, change, ctx.actor()),
    'allegations.reorder': ({ allegationIds }) => reorderAllegations(db(), allegationIds, ctx.actor()),
    'allegations.delete': ({ allegationId, withLinks }) => setAllegationDeleted(db(), allegationId, true, ctx.actor(), withLinks),
    'allegations.restore': ({ allegationId }) => setAllegationDeleted(db(), allegationId, false, ctx.actor()).allegation,
    'allegations.import': ({ text, format }) => createAllegations(db(), parseAllegations(text, format), ctx.actor()),
    'allegations.detail': ({ allegationId }) => allegationDetail(db(), allegationId),
    'links.create': ({ highlightId, allegationId, stance, rationale }) =>
      createLink(db(), highlightId, allegationId, stance, rationale ?? null, ctx.actor()),
    'links.update': ({ highlightId, allegationId, stance, rationale }) =>
      updateLink(db(), highlightId, allegationId, { stance, rationale }, ctx.actor()),
    'links.remove': ({ highlightId, allegationId }) => removeLink(db(), highlightId, allegationId, ctx.actor()),
    'links.list': ({ highlightId, documentId }) => listLinks(db(), { highlightId, documentId }),
    'matrix.get': () => evidenceMatrix(db()),
    'highlights.unlinked': () => unlinkedHighlights(db()),
    'responseMap.get': ({ documentId }) => responseMap(db(), documentId),
  };
}
