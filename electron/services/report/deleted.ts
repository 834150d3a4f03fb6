/**
 * What a bundle carries besides the review itself: deleted allegations and highlights (with
 * when each was deleted), removed links (with when), and links kept with a deleted
 * allegation or highlight. Only case.json carries these, under "deleted", so a deletion
 * reaches another reviewer's case when the bundle is merged there (and an edit made after
 * it brings the item back). Reports, annotated PDFs and annotations.jsonld are made from
 * the live part of the model and never see them.
 */
import type { Database } from 'better-sqlite3';
import type { Allegation, Highlight, Link } from '../../../shared/ipc/contract.ts';
import { listDeletedAllegations } from '../allegations/allegations.ts';
import { listLinkRows, toLink } from '../allegations/links.ts';
import { listDeletedHighlights } from '../highlights/highlights.ts';

/** A link as case.json records it outside the live review. */
export type LinkRecord = Link & { deletedAt: string | null };

export interface DeletedItems {
  allegations: (Omit<Allegation, 'counts'> & { deletedAt: string })[];
  highlights: (Highlight & { deletedAt: string })[];
  /** Removed links (deletedAt set), and links kept with a deleted allegation or highlight (deletedAt null). */
  links: LinkRecord[];
}

/** The ids the live part of a model carries. */
export interface LiveIds {
  allegationIds: Set<string>;
  highlightIds: Set<string>;
  /** "highlightId|allegationId" of every live link. */
  linkKeys: Set<string>;
}

const key = (l: { highlightId: string; allegationId: string }) => `${l.highlightId}|${l.allegationId}`;

/** Everything deleted that belongs with the live items given: every link not among the live ones whose two ends are carried. */
export function gatherDeleted(db: Database, live: LiveIds): DeletedItems {
  const allegations = listDeletedAllegations(db);
  const highlights = listDeletedHighlights(db);
  const a = new Set([...live.allegationIds, ...allegations.map((x) => x.allegationId)]);
  const h = new Set([...live.highlightIds, ...highlights.map((x) => x.highlightId)]);
  const links = listLinkRows(db)
    .map((r): LinkRecord => ({ ...toLink(r), deletedAt: r.deleted_at }))
    .filter((l) => h.has(l.highlightId) && a.has(l.allegationId) && !live.linkKeys.has(key(l)));
  return { allegations, highlights, links };
}

/**
 * The deleted items a scoped export carries, by the rules of the live ones: allegations
 * named (all when none are), highlights on the documents carried (and, when allegations are
 * named, linked to one of them), links whose two ends are carried.
 */
export function scopeDeleted(
  deleted: DeletedItems,
  scope: { named: Set<string> | null; documentIds: Set<string>; live: Omit<LiveIds, 'linkKeys'> },
): DeletedItems {
  const allegations = deleted.allegations.filter((x) => !scope.named || scope.named.has(x.allegationId));
  const a = new Set([...scope.live.allegationIds, ...allegations.map((x) => x.allegationId)]);
  const highlights = deleted.highlights.filter(
    (x) =>
      scope.documentIds.has(x.documentId) &&
      (!scope.named || deleted.links.some((l) => !l.deletedAt && l.highlightId === x.highlightId && a.has(l.allegationId))),
  );
  const h = new Set([...scope.live.highlightIds, ...highlights.map((x) => x.highlightId)]);
  return { allegations, highlights, links: deleted.links.filter((l) => h.has(l.highlightId) && a.has(l.allegationId)) };
}
