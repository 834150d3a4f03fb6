/** Router handlers for highlights. */
import { createHighlight, listHighlights, setHighlightDeleted, updateHighlight } from '../highlights/highlights.ts';
import type { Handlers, RouterContext } from '../router.ts';

type HighlightChannels =
  'highlights.list' | 'highlights.create' | 'highlights.update' | 'highlights.delete' | 'highlights.restore';

/** Handlers over the open case's highlights. */
export function highlightHandlers(ctx: RouterContext): Pick<Handlers, HighlightChannels> {
  const db = () => ctx.store.db;
  return {
    'highlights.list': ({ documentId }) => listHighlights(db(), documentId),
    'highlights.create': ({ documentId, targets, color, label, note }) =>
      createHighlight(db(), { documentId, targets, color, label, note, actor: ctx.actor() }),
    'highlights.update': ({ highlightId, color, label, note }) =>
      updateHighlight(db(), highlightId, { color, label, note }, ctx.actor()),
    'highlights.delete': ({ highlightId }) => setHighlightDeleted(db(), highlightId, true, ctx.actor()),
    'highlights.restore': ({ highlightId }) => setHighlightDeleted(db(), highlightId, false, ctx.actor()),
  };
}
