/**
 * Court bundles: one paginated, indexed, bookmarked PDF of chosen documents in sections,
 * every page stamped with its bundle number. A plan says what goes in and how; plans are
 * kept in the case (several per case), audited, and travel in the evidence bundle.
 */
import { z } from 'zod';
import type { ChannelSpec } from './channel-spec.ts';

const file = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);
const n = z.number().int();

/** Where the bundle number is stamped, on the page as it is shown (after its /Rotate). */
export const StampPosition = z.enum(['bottom-right', 'bottom-center', 'bottom-left', 'top-right', 'top-left']);
export type StampPosition = z.infer<typeof StampPosition>;

export const CourtOptions = z
  .object({
    /** Printed before the number: `EXH-` gives `EXH-00012`; empty gives plain numbers. */
    prefix: z
      .string()
      .max(20)
      .regex(/^[^\n\r\t]*$/, 'no line breaks or tabs'),
    /** Zero-padded to this many digits (1 = no padding). */
    digits: n.min(1).max(8),
    stampPosition: StampPosition,
    /** Draw the case's highlights on the bundle pages as Highlight annotations; false gives a clean copy. */
    highlights: z.boolean(),
    /** With highlights: each carries its note (and the allegations it bears on) as the annotation's text. */
    notes: z.boolean(),
    /** Keep each PDF's own annotations (comments, stamps, form fields as filled); false copies only the page content. */
    ownAnnotations: z.boolean(),
    /** Stamp the cover too (it is page 1 either way). */
    stampCover: z.boolean(),
  })
  .strict();
export type CourtOptions = z.infer<typeof CourtOptions>;

export const DEFAULT_COURT_OPTIONS: CourtOptions = {
  prefix: '',
  digits: 1,
  stampPosition: 'bottom-right',
  highlights: false,
  notes: false,
  ownAnnotations: true,
  stampCover: false,
};

export const CourtSection = z
  .object({
    title: z.string().min(1).max(300),
    /** Documents in the order they appear; a document may appear in one section only. */
    documentIds: z.array(id).max(10_000),
  })
  .strict();
export type CourtSection = z.infer<typeof CourtSection>;

/** What the cover says. */
export const CourtCover = z
  .object({
    title: z.string().min(1).max(300),
    /** ISO date (YYYY-MM-DD) printed on the cover; null prints the day the bundle is built. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .nullable(),
    preparedBy: z.string().max(300),
  })
  .strict();
export type CourtCover = z.infer<typeof CourtCover>;

/** A plan as the reviewer edits it (and as `court.build` takes it inline). */
export const CourtPlanBody = z
  .object({
    cover: CourtCover,
    sections: z.array(CourtSection).min(1).max(500),
    options: CourtOptions,
  })
  .strict();
export type CourtPlanBody = z.infer<typeof CourtPlanBody>;

/** A plan kept in the case, under a name unique within it. */
export const CourtPlan = CourtPlanBody.extend({
  planId: id,
  name: z.string().min(1).max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CourtPlan = z.infer<typeof CourtPlan>;

/** One document in the built bundle: where it starts and ends (PDF page numbers, 1-based, equal to the stamps). */
export const CourtEntry = z.object({
  section: z.string(),
  documentId: z.string(),
  title: z.string(),
  firstPage: n,
  lastPage: n,
});
export type CourtEntry = z.infer<typeof CourtEntry>;

export const CourtBundleResult = z.object({
  out: z.string(),
  pages: n,
  /** Pages of the cover and of the index (the documents start after them). */
  coverPages: n,
  indexPages: n,
  entries: z.array(CourtEntry),
  /** Bundle pages put on a larger sheet so the stamp would not cover their content. */
  shrunkPages: z.array(n),
  /** The index as DOCX, when asked. */
  indexDocx: z.string().nullable(),
  /** What the reviewer should know that did not stop the build. */
  warnings: z.array(z.string()),
});
export type CourtBundleResult = z.infer<typeof CourtBundleResult>;

/** `done`/`total` count pages for 'documents' and 'stamping', documents for 'checking'. */
export const CourtPhase = z.enum(['checking', 'documents', 'index', 'stamping', 'saving']);
export type CourtPhase = z.infer<typeof CourtPhase>;

export const CourtProgress = z.object({
  jobId: z.string(),
  phase: CourtPhase,
  done: n,
  total: n,
  item: z.string().nullable(),
});
export type CourtProgress = z.infer<typeof CourtProgress>;

export const courtChannels = {
  /** The case's plans, by name. */
  'court.plans': { args: z.object({}).strict(), result: z.array(CourtPlan), access: 'read' },
  /** Create a plan (no planId) or replace one; names are unique in the case ('invalid-args' names the clash). */
  'court.savePlan': {
    args: z.object({ planId: id.optional(), name: z.string().min(1).max(200), plan: CourtPlanBody }).strict(),
    result: CourtPlan,
    access: 'write',
  },
  'court.deletePlan': {
    args: z.object({ planId: id }).strict(),
    result: z.object({ deleted: z.boolean() }),
    access: 'write',
  },
  /**
   * Build a court bundle at `path` from a saved plan or one given inline. Every document is
   * checked before anything is written (a deleted document, a damaged PDF, an encrypted PDF
   * whose password neither the session nor `passwords` holds: 'password-required', subject
   * the document's title). Written to a temporary file and renamed: never a partial file
   * under `path`. court.cancel stops it.
   */
  'court.build': {
    args: z
      .object({
        path: file,
        planId: id.optional(),
        plan: CourtPlanBody.optional(),
        jobId: id.optional(),
        passwords: z.array(z.string().min(1).max(1024)).max(100).optional(),
        /** Also write the index as DOCX beside the PDF (`NAME-index.docx` for `NAME.pdf`), for counsel to edit. */
        indexDocx: z.boolean().optional(),
      })
      .strict()
      .refine((a) => (a.planId === undefined) !== (a.plan === undefined), 'give planId or plan, not both'),
    result: CourtBundleResult,
    access: 'read',
    path: { field: 'path', need: 'save-bundle' },
  },
  'court.cancel': {
    args: z.object({ jobId: id }).strict(),
    result: z.object({ cancelled: z.boolean() }),
    access: 'read',
  },
  'dialog.saveCourtBundle': {
    args: z.object({ suggestedName: z.string().max(255) }).strict(),
    result: z.array(z.string()),
    access: 'read',
    host: true,
    grants: { purpose: 'save-bundle' },
  },
} as const satisfies Record<string, ChannelSpec>;
