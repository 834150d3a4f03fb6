/**
 * Every change to allegations and links, each pushed as an undo step replayed against the
 * engine and announced on the ledger bus. Views call these and never the channels
 * directly, so nothing changes the ledger without a way back.
 */
import type { Allegation, Link, Stance } from '../../../shared/ipc/allegation-schemas.ts';
import type { ArgsOf } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { pushUndo } from '../undo/undo.ts';
import { ledgerChanged } from './changes.ts';

export type AllegationFields = Omit<ArgsOf<'allegations.create'>, never>;
type Update = Omit<ArgsOf<'allegations.update'>, 'allegationId'>;

const announce = <T>(value: T): T => {
  ledgerChanged();
  return value;
};

/** Create one allegation; undo deletes it, redo restores the same one. */
export async function createAllegation(fields: AllegationFields): Promise<Allegation> {
  const made = await call('allegations.create', fields);
  const allegationId = made.allegationId;
  pushUndo({
    label: `Create allegation ${made.code}`,
    undo: async () => void announce(await call('allegations.delete', { allegationId, withLinks: true })),
    redo: async () => void announce(await call('allegations.restore', { allegationId })),
  });
  return announce(made);
}

/** Change some fields; undo puts back exactly the fields that changed. */
export async function updateAllegation(before: Allegation, edit: Update): Promise<Allegation> {
  const back: Update = {};
  for (const key of Object.keys(edit) as (keyof Update)[]) {
    if (edit[key] !== undefined) Object.assign(back, { [key]: before[key] });
  }
  const allegationId = before.allegationId;
  const after = await call('allegations.update', { allegationId, ...edit });
  pushUndo({
    label: `Edit allegation ${after.code}`,
    undo: async () => void announce(await call('allegations.update', { allegationId, ...back })),
    redo: async () => void announce(await call('allegations.update', { allegationId, ...edit })),
  });
  return announce(after);
}

/** Put the allegations in a new order; undo restores the old one. */
export async function reorderAllegations(before: string[], after: string[]): Promise<void> {
  await call('allegations.reorder', { allegationIds: after });
  pushUndo({
    label: 'Reorder allegations',
    undo: async () => void announce(await call('allegations.reorder', { allegationIds: before })),
    redo: async () => void announce(await call('allegations.reorder', { allegationIds: after })),
  });
  ledgerChanged();
}

/** Delete an allegation (with its links once the reviewer agreed); undo restores both. */
export async function deleteAllegation(a: Allegation): Promise<number> {
  const allegationId = a.allegationId;
  const { links } = await call('allegations.delete', { allegationId, withLinks: true });
  pushUndo({
    label: `Delete allegation ${a.code}`,
    undo: async () => void announce(await call('allegations.restore', { allegationId })),
    redo: async () => void announce(await call('allegations.delete', { allegationId, withLinks: true })),
  });
  return announce(links);
}

/** Create allegations from pasted text; undo deletes every one it made. */
export async function importAllegations(text: string): Promise<Allegation[]> {
  const made = await call('allegations.import', { text, format: 'auto' });
  const ids = made.map((a) => a.allegationId);
  pushUndo({
    label: `Import ${made.length} allegations`,
    undo: async () => {
      for (const allegationId of ids) await call('allegations.delete', { allegationId, withLinks: true });
      ledgerChanged();
    },
    redo: async () => {
      for (const allegationId of ids) await call('allegations.restore', { allegationId });
      ledgerChanged();
    },
  });
  return announce(made);
}

/**
 * Tie a highlight to an allegation with a stance. One link per pair: when it exists the
 * stance and rationale are edited instead, and undo puts the old ones back.
 */
export async function linkHighlight(
  highlightId: string,
  allegationId: string,
  stance: Stance,
  rationale?: string,
): Promise<Link> {
  const existing = (await call('links.list', { highlightId })).find((l) => l.allegationId === allegationId);
  const pair = { highlightId, allegationId };
  if (existing) {
    const edit = { stance, ...(rationale !== undefined ? { rationale: rationale || null } : {}) };
    const link = await call('links.update', { ...pair, ...edit });
    const back = { stance: existing.stance, rationale: existing.rationale };
    pushUndo({
      label: 'Change stance',
      undo: async () => void announce(await call('links.update', { ...pair, ...back })),
      redo: async () => void announce(await call('links.update', { ...pair, ...edit })),
    });
    return announce(link);
  }
  const args = { ...pair, stance, ...(rationale ? { rationale } : {}) };
  const link = await call('links.create', args);
  pushUndo({
    label: 'Link passage',
    undo: async () => void announce(await call('links.remove', pair)),
    redo: async () => void announce(await call('links.create', args)),
  });
  return announce(link);
}

/** Remove a link; undo recreates it with the same stance and rationale. */
export async function unlinkHighlight(link: Link): Promise<void> {
  const pair = { highlightId: link.highlightId, allegationId: link.allegationId };
  await call('links.remove', pair);
  const again = { ...pair, stance: link.stance, ...(link.rationale ? { rationale: link.rationale } : {}) };
  pushUndo({
    label: 'Unlink passage',
    undo: async () => void announce(await call('links.create', again)),
    redo: async () => void announce(await call('links.remove', pair)),
  });
  ledgerChanged();
}
