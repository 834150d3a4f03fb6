/** Router handlers for the case's trusted signers, and the reviewer's own key beside them. */
import { reviewerKey } from '../bundle/keys.ts';
import { reviewerName } from '../case/settings.ts';
import type { Handlers, RouterContext } from '../router.ts';
import { addTrusted, listTrusted, ownEntry, removeTrusted, type OwnKey } from '../trust/trust.ts';

/** The reviewer's own key (made now if this is its first use) and their name. */
export const ownKeyOf = (ctx: RouterContext): OwnKey => ({
  fingerprint: reviewerKey(ctx.configDir).fingerprint,
  name: reviewerName(process.env, ctx.configDir),
});

/** Handlers for trust.list, trust.add and trust.remove. */
export function trustHandlers(ctx: RouterContext): Pick<Handlers, 'trust.list' | 'trust.add' | 'trust.remove'> {
  return {
    'trust.list': () => [ownEntry(ownKeyOf(ctx)), ...listTrusted(ctx.store.db)],
    'trust.add': ({ fingerprint, name }) => addTrusted(ctx.store.db, { fingerprint, name }, ctx.actor(), ownKeyOf(ctx)),
    'trust.remove': ({ fingerprint }) => removeTrusted(ctx.store.db, fingerprint, ctx.actor(), ownKeyOf(ctx)),
  };
}
