/**
 * A bundle's case.json, read before anything touches the case. Its signature only says who
 * sealed it, not that it is sound: anyone can re-seal a bundle with a key of their own. So
 * every field the merge writes is checked here (type, range, enum), every reference
 * resolves inside the file (a highlight's document, a link's highlight and allegation) and
 * no item is listed twice; the error names the field, so nothing is half-merged and no
 * database error surfaces. Fields added to exhibit-case/1 since it began (the "deleted"
 * section, a link's author and times, a target's area) are optional, so older bundles still read.
 */
import { z } from 'zod';
import { ExhibitError } from '../../../shared/errors.ts';
import { AllegationStatus, DocumentSummary, HighlightColor, Rect, Stance } from '../../../shared/ipc/contract.ts';
import { CASE_SCHEMA } from './payload.ts';
import { travellingPlanSchema } from './plans-travel.ts';
import type { ZipEntryInfo } from './read-zip.ts';

const id = z.string().min(1).max(200);
const int = z.number().int();
/**
 * A time as Exhibit writes it (UTC, to the millisecond), so times compare correctly as text
 * in the merge's newer-wins rule; and not more than a day ahead of this computer's clock,
 * so a bundle cannot win every conflict by dating its edits in the future.
 */
const time = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'not a UTC time such as 2024-05-01T09:30:00.000Z')
  .refine((t) => !Number.isNaN(Date.parse(t)), 'not a real date')
  .refine((t) => Date.parse(t) <= Date.now() + 24 * 3600 * 1000, 'is more than a day in the future');
const text = z.string().max(100_000);

const Allegation = z.object({
  allegationId: id,
  code: z.string().min(1).max(100),
  title: z.string().min(1).max(10_000),
  description: text.nullable(),
  source: text.nullable(),
  status: AllegationStatus,
  tags: z.array(z.string().max(200)).max(1000),
  position: int,
  createdAt: time,
  updatedAt: time,
});

/**
 * An area target's rectangle (PDF user space, as `rects`); a bundle from before areas has
 * none, and every target in it is a passage of text.
 */
const Area = Rect.refine(([x1, y1, x2, y2]) => x1 < x2 && y1 < y2, 'an area must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2')
  .nullable()
  .default(null);

const Highlight = z.object({
  highlightId: id,
  documentId: id,
  author: z.string().max(1000),
  createdAt: time,
  updatedAt: time,
  color: HighlightColor,
  label: z.string().max(1000).nullable(),
  note: text.nullable(),
  targets: z
    .array(
      z.object({
        page: int.min(1),
        rects: z.array(Rect),
        area: Area,
        quote: z.object({ exact: text, prefix: text, suffix: text }),
        position: z.object({ start: int.min(0), end: int.min(0) }).refine((p) => p.end >= p.start, 'end comes before start'),
      }),
    )
    .min(1),
});

// A bundle from before links carried their author and times has none of them; the merge
// then takes the link as older than any the case has.
const Link = z.object({
  highlightId: id,
  allegationId: id,
  stance: Stance,
  rationale: text.nullable(),
  author: z.string().max(1000).optional(),
  createdAt: time.optional(),
  updatedAt: time.optional(),
});

const CourtPlan = travellingPlanSchema(time);

const CaseFileSchema = z.object({
  schema: z.literal(CASE_SCHEMA),
  case: z.object({ name: z.string().max(1000), reviewer: z.string().max(1000) }),
  // The documents decide file names in the staging folder, so they are checked field by field.
  // A bundle from before documents carried their date has none.
  documents: z.array(
    DocumentSummary.extend({
      documentId: id,
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256'),
      date: z.string().max(100).nullable().default(null),
    }),
  ),
  allegations: z.array(Allegation),
  highlights: z.array(Highlight),
  links: z.array(Link),
  // Court bundle plans; a bundle from before plans travelled has none.
  courtPlans: z.array(CourtPlan).max(1000).default([]),
  // Deleted items (see deleted.ts); a bundle from before deletions travelled has none.
  deleted: z
    .object({
      allegations: z.array(Allegation.extend({ deletedAt: time })).default([]),
      highlights: z.array(Highlight.extend({ deletedAt: time })).default([]),
      links: z.array(Link.extend({ deletedAt: time.nullable() })).default([]),
      courtPlans: z
        .array(CourtPlan.extend({ deletedAt: time }))
        .max(1000)
        .default([]),
    })
    .default({ allegations: [], highlights: [], links: [], courtPlans: [] }),
});

export type CaseFile = z.infer<typeof CaseFileSchema>;

/** case.json from the verified entries, every field and reference checked. */
export function parseCaseFile(file: string, entries: ZipEntryInfo[]): CaseFile {
  const bytes = entries.find((e) => e.path === 'data/case.json')?.bytes;
  if (!bytes) throw new ExhibitError('invalid-args', `${file}: the bundle has no data/case.json`, file);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ExhibitError('invalid-args', `${file}: data/case.json is not valid JSON`, file);
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (schema !== CASE_SCHEMA)
    throw new ExhibitError('invalid-args', `${file}: case.json is "${String(schema)}", not ${CASE_SCHEMA}`, file);
  const parsed = CaseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ExhibitError('invalid-args', `${file}: case.json ${issue.path.join('.') || '(top)'}: ${issue.message}`, file);
  }
  const data = parsed.data;
  const refuse = (message: string) => new ExhibitError('invalid-args', `${file}: case.json ${message}`, file);
  const documents = new Set(data.documents.map((d) => d.documentId));
  if (documents.size !== data.documents.length) throw refuse('lists a document id twice');
  const { deleted } = data;
  // Each allegation and highlight once, live or deleted: the merge takes one version of each.
  const unique = (where: string[], ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((x, i) => {
      if (seen.has(x)) throw refuse(`${where[i]}: ${x} is listed twice`);
      seen.add(x);
    });
    return seen;
  };
  const allegations = unique(
    [...data.allegations.map((_, i) => `allegations.${i}`), ...deleted.allegations.map((_, i) => `deleted.allegations.${i}`)],
    [...data.allegations, ...deleted.allegations].map((a) => a.allegationId),
  );
  const highlights = unique(
    [...data.highlights.map((_, i) => `highlights.${i}`), ...deleted.highlights.map((_, i) => `deleted.highlights.${i}`)],
    [...data.highlights, ...deleted.highlights].map((h) => h.highlightId),
  );
  const liveAllegations = new Set(data.allegations.map((a) => a.allegationId));
  const liveHighlights = new Set(data.highlights.map((h) => h.highlightId));
  data.highlights.forEach((h, i) => {
    if (!documents.has(h.documentId)) throw refuse(`highlights.${i}: its document ${h.documentId} is not in the bundle`);
  });
  deleted.highlights.forEach((h, i) => {
    if (!documents.has(h.documentId)) throw refuse(`deleted.highlights.${i}: its document ${h.documentId} is not in the bundle`);
  });
  // A live link joins live items; a deleted one may join any the bundle carries.
  const pairs = new Set<string>();
  const checkLink = (where: string, l: { highlightId: string; allegationId: string }, h: Set<string>, a: Set<string>) => {
    if (!h.has(l.highlightId)) throw refuse(`${where}: its highlight ${l.highlightId} is not in the bundle`);
    if (!a.has(l.allegationId)) throw refuse(`${where}: its allegation ${l.allegationId} is not in the bundle`);
    const pair = `${l.highlightId}|${l.allegationId}`;
    if (pairs.has(pair)) throw refuse(`${where}: the link of ${l.highlightId} to ${l.allegationId} is listed twice`);
    pairs.add(pair);
  };
  data.links.forEach((l, i) => checkLink(`links.${i}`, l, liveHighlights, liveAllegations));
  // Each plan once; the documents it names may be missing (the build names them), not the plan's own shape.
  unique(
    [...data.courtPlans.map((_, i) => `courtPlans.${i}`), ...deleted.courtPlans.map((_, i) => `deleted.courtPlans.${i}`)],
    [...data.courtPlans, ...deleted.courtPlans].map((p) => p.planId),
  );
  deleted.links.forEach((l, i) => checkLink(`deleted.links.${i}`, l, highlights, allegations));
  return data;
}
