/**
 * The one rule a merge settles every allegation, highlight and link by, so that two
 * reviewers who exchange bundles, in either order, end up with the same case: the newer
 * version wins, its time being the later of its last edit and its deletion. On equal times
 * the greater canonical form wins (a plain comparison of the two serialised versions), an
 * answer that does not depend on which side is importing. A missing time (a bundle from
 * before links carried one) is the empty string: older than any.
 */

/** One side's version of an item: when, its canonical form, and what a reviewer sees of it. */
export interface Version {
  at: string;
  /** Every merged field, timestamps included, serialised in a fixed order. */
  canon: string;
  /** What a reviewer sees (no timestamps), by field; `deleted` says whether it is deleted. */
  seen: Record<string, unknown> & { deleted: boolean };
}

export type Pick = 'same' | 'case' | 'bundle';

/** Which version the merge keeps. */
export function pick(local: Version, incoming: Version): Pick {
  if (local.at !== incoming.at) return incoming.at > local.at ? 'bundle' : 'case';
  if (local.canon === incoming.canon) return 'same';
  return incoming.canon > local.canon ? 'bundle' : 'case';
}

/** The later of an edit time and a deletion time. */
export const versionTime = (updatedAt: string, deletedAt: string | null): string =>
  deletedAt && deletedAt > updatedAt ? deletedAt : updatedAt;

/** Whether a reviewer could tell the two apart (when only the times differ, there is nothing to report). */
export const visiblyDifferent = (a: Version, b: Version): boolean => JSON.stringify(a.seen) !== JSON.stringify(b.seen);

/** How two versions differ, e.g. "deleted in the bundle" or "title, status differ". */
export function differences(local: Version, incoming: Version): string {
  if (local.seen.deleted !== incoming.seen.deleted) return local.seen.deleted ? 'deleted in the case' : 'deleted in the bundle';
  const fields = Object.keys(local.seen).filter((k) => JSON.stringify(local.seen[k]) !== JSON.stringify(incoming.seen[k]));
  return `${fields.join(', ')} ${fields.length === 1 ? 'differs' : 'differ'}`;
}

const when = (at: string) => at || 'an unknown time';

/** The conflict list's line: what differs, which version was kept, and why. */
export function settled(what: string, detail: string, local: Version, incoming: Version, winner: Exclude<Pick, 'same'>): string {
  const done = winner === 'bundle' ? 'taken' : 'kept';
  if (local.at === incoming.at)
    return `${what}: ${detail}; both are from ${when(local.at)}, and the ${winner}'s was ${done} (on equal times the same version wins in every case)`;
  const [newer, older] = winner === 'bundle' ? [incoming.at, local.at] : [local.at, incoming.at];
  return `${what}: ${detail}; the ${winner}'s (${when(newer)}) is newer than the ${winner === 'bundle' ? "case's" : "bundle's"} (${when(older)}) and was ${done}`;
}
