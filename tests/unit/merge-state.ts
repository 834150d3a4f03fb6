/** What two reviewers must agree on after exchanging bundles, shared by the merge tests. */
import { buildModel } from '../../electron/services/report/model.ts';
import type { Services } from '../../electron/services/services.ts';

const byId = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The case's review work, deleted items and removed links included, with every time a
 * later merge compares (no import times, no counts).
 */
export function reviewState(s: Services) {
  const m = buildModel(s.store.db, 'x', 'x');
  const allegation = (a: (typeof m.allegations)[number] | (typeof m.deleted.allegations)[number]) => ({
    id: a.allegationId,
    code: a.code,
    title: a.title,
    description: a.description,
    source: a.source,
    status: a.status,
    tags: a.tags,
    updatedAt: a.updatedAt,
  });
  const highlight = (h: (typeof m.highlights)[number] | (typeof m.deleted.highlights)[number]) => ({
    id: h.highlightId,
    doc: h.documentId,
    quote: h.quote,
    note: h.note,
    label: h.label,
    color: h.color,
    updatedAt: h.updatedAt,
    targets: h.targets.map((t) => [t.page, t.rects, t.position]),
  });
  return {
    documents: byId(
      m.documents.map((d) => ({
        id: d.documentId,
        sha: d.sha256,
        title: d.title,
        fileName: d.fileName,
        provenance: d.provenance,
      })),
    ),
    allegations: m.allegations.map(allegation),
    highlights: byId(m.highlights.map(highlight)),
    links: m.highlights
      .flatMap((h) => h.links.map((l) => `${h.highlightId}|${l.allegationId}|${l.stance}|${l.rationale}|${l.updatedAt}`))
      .sort(),
    deleted: {
      allegations: byId(m.deleted.allegations.map((a) => ({ ...allegation(a), deletedAt: a.deletedAt }))),
      highlights: byId(m.deleted.highlights.map((h) => ({ ...highlight(h), deletedAt: h.deletedAt }))),
      links: m.deleted.links
        .map((l) => `${l.highlightId}|${l.allegationId}|${l.stance}|${l.rationale}|${l.updatedAt}|${l.deletedAt ?? 'kept'}`)
        .sort(),
    },
  };
}
