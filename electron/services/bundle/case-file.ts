/**
 * A bundle's case.json, read before anything touches the case. Its signature only says who
 * sealed it, not that it is sound: anyone can re-seal a bundle with a key of their own. So
 * every field the merge writes is checked here (type, range, enum) and every reference
 * resolves inside the file (a highlight's document, a link's highlight and allegation);
 * the error names the field, so nothing is half-merged and no database error surfaces.
 */
import { z } from 'zod';
import { ExhibitError } from '../../../shared/errors.ts';
import { AllegationStatus, DocumentSummary, HighlightColor, Rect, Stance } from '../../../shared/ipc/contract.ts';
import { CASE_SCHEMA } from './payload.ts';
import type { ZipEntryInfo } from './read-zip.ts';

const id = z.string().min(1).max(200);
const int = z.number().int();
const time = z.string().min(1).max(100);
const text = z.string().max(100_000);

const CaseFileSchema = z.object({
  schema: z.literal(CASE_SCHEMA),
  case: z.object({ name: z.string().max(1000), reviewer: z.string().max(1000) }),
  // The documents decide file names in the staging folder, so they are checked field by field.
  documents: z.array(DocumentSummary.extend({ documentId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256') })),
  allegations: z.array(
    z.object({
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
    }),
  ),
  highlights: z.array(
    z.object({
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
            quote: z.object({ exact: text, prefix: text, suffix: text }),
            position: z.object({ start: int.min(0), end: int.min(0) }).refine((p) => p.end >= p.start, 'end comes before start'),
          }),
        )
        .min(1),
    }),
  ),
  links: z.array(z.object({ highlightId: id, allegationId: id, stance: Stance, rationale: text.nullable() })),
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
  const highlights = new Set(data.highlights.map((h) => h.highlightId));
  const allegations = new Set(data.allegations.map((a) => a.allegationId));
  data.highlights.forEach((h, i) => {
    if (!documents.has(h.documentId)) throw refuse(`highlights.${i}: its document ${h.documentId} is not in the bundle`);
  });
  data.links.forEach((l, i) => {
    if (!highlights.has(l.highlightId)) throw refuse(`links.${i}: its highlight ${l.highlightId} is not in the bundle`);
    if (!allegations.has(l.allegationId)) throw refuse(`links.${i}: its allegation ${l.allegationId} is not in the bundle`);
  });
  return data;
}
