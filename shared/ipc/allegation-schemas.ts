/**
 * Allegations, the links that tie highlighted passages to them with a stance, and the
 * views built on those links (board counts, detail, matrix, response map).
 */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';
import { Highlight } from './highlight-schemas.ts';

const id = z.string().min(1).max(200);
const int = z.number().int();

/** What a passage says about an allegation. admits/denies: a party concedes or rejects it. */
export const Stance = z.enum(['supports', 'contradicts', 'context', 'admits', 'denies']);
export type Stance = z.infer<typeof Stance>;

export const AllegationStatus = z.enum(['open', 'corroborated', 'disputed', 'refuted', 'withdrawn']);
export type AllegationStatus = z.infer<typeof AllegationStatus>;

export const StanceCounts = z.object({ supports: int, contradicts: int, context: int, admits: int, denies: int });
export type StanceCounts = z.infer<typeof StanceCounts>;

export const Allegation = z.object({
  allegationId: z.string(),
  /** Short code shown everywhere (A1, A2, …); unique in the case. */
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  /** Who alleges it and where, e.g. "Lanternwatch report, 10 January 2024". */
  source: z.string().nullable(),
  status: AllegationStatus,
  tags: z.array(z.string()),
  position: int,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Linked passages per stance (live highlights in documents still in the case). */
  counts: StanceCounts,
});
export type Allegation = z.infer<typeof Allegation>;

export const Link = z.object({
  highlightId: z.string(),
  allegationId: z.string(),
  stance: Stance,
  rationale: z.string().nullable(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Link = z.infer<typeof Link>;

/** A linked passage as the detail view and the matrix list it. */
export const LinkedPassage = Link.extend({
  documentId: z.string(),
  documentTitle: z.string(),
  page: int,
  quote: z.string(),
  color: z.string(),
});
export type LinkedPassage = z.infer<typeof LinkedPassage>;

export const MatrixCell = z.object({ allegationId: z.string(), documentId: z.string(), counts: StanceCounts });
export const Matrix = z.object({
  allegations: z.array(Allegation),
  documents: z.array(z.object({ documentId: z.string(), title: z.string() })),
  /** Only cells with at least one linked passage. */
  cells: z.array(MatrixCell),
});
export type Matrix = z.infer<typeof Matrix>;

export const ResponseEntry = z.object({
  allegationId: z.string(),
  code: z.string(),
  title: z.string(),
  /** True when the response document has at least one passage linked to the allegation. */
  addressed: z.boolean(),
  /** The distinct stances the response takes on it, in vocabulary order. */
  stances: z.array(Stance),
  passages: int,
});
export type ResponseEntry = z.infer<typeof ResponseEntry>;

const text = (max: number) => z.string().max(max);
const tags = z.array(z.string().min(1).max(60)).max(50);

export const allegationChannels = {
  'allegations.list': {
    access: 'read',
    args: z.object({ status: AllegationStatus.optional(), tag: z.string().optional() }).strict(),
    result: z.array(Allegation),
  },
  'allegations.create': {
    access: 'write',
    args: z
      .object({
        title: z.string().min(1).max(500),
        code: z.string().min(1).max(20).optional(),
        description: text(20000).optional(),
        source: text(2000).optional(),
        status: AllegationStatus.optional(),
        tags: tags.optional(),
      })
      .strict(),
    result: Allegation,
  },
  'allegations.update': {
    access: 'write',
    args: z
      .object({
        allegationId: id,
        title: z.string().min(1).max(500).optional(),
        code: z.string().min(1).max(20).optional(),
        description: text(20000).nullable().optional(),
        source: text(2000).nullable().optional(),
        status: AllegationStatus.optional(),
        tags: tags.optional(),
      })
      .strict(),
    result: Allegation,
  },
  /** Put allegations in this order (every live allegation's id, once). */
  'allegations.reorder': {
    access: 'write',
    args: z.object({ allegationIds: z.array(id).max(10000) }).strict(),
    result: z.array(Allegation),
  },
  /** Delete (restorable). An allegation with links is refused unless `withLinks` is true: the UI asks first. */
  'allegations.delete': {
    access: 'write',
    args: z.object({ allegationId: id, withLinks: z.boolean().optional() }).strict(),
    result: z.object({ allegation: Allegation, links: int }),
  },
  'allegations.restore': { access: 'write', args: z.object({ allegationId: id }).strict(), result: Allegation },
  /** Create allegations from pasted text: one per line, a Markdown list, or CSV with a header (title, code, description, source, status, tags). */
  'allegations.import': {
    access: 'write',
    args: z
      .object({ text: z.string().min(1).max(1_000_000), format: z.enum(['auto', 'lines', 'markdown', 'csv']).optional() })
      .strict(),
    result: z.array(Allegation),
  },
  'allegations.detail': {
    access: 'read',
    args: z.object({ allegationId: id }).strict(),
    result: z.object({ allegation: Allegation, passages: z.array(LinkedPassage) }),
  },
  /** Link a highlight to an allegation; refused if that link exists (use links.update). */
  'links.create': {
    access: 'write',
    args: z.object({ highlightId: id, allegationId: id, stance: Stance, rationale: text(20000).optional() }).strict(),
    result: Link,
  },
  'links.update': {
    access: 'write',
    args: z
      .object({ highlightId: id, allegationId: id, stance: Stance.optional(), rationale: text(20000).nullable().optional() })
      .strict(),
    result: Link,
  },
  'links.remove': { access: 'write', args: z.object({ highlightId: id, allegationId: id }).strict(), result: Link },
  /** Links of one highlight, or of all the highlights one document holds. */
  'links.list': {
    access: 'read',
    args: z.object({ highlightId: id.optional(), documentId: id.optional() }).strict(),
    result: z.array(Link),
  },
  'matrix.get': { access: 'read', args: z.object({}).strict(), result: Matrix },
  'highlights.unlinked': { access: 'read', args: z.object({}).strict(), result: z.array(Highlight) },
  'responseMap.get': { access: 'read', args: z.object({ documentId: id }).strict(), result: z.array(ResponseEntry) },
} as const satisfies Record<string, ChannelSpec>;
