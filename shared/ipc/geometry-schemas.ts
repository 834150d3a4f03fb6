/**
 * The event that tells the window how re-measuring documents from an older Exhibit goes
 * (their highlights' boxes are cut anew from the glyphs when a case opens).
 */
import { z } from 'zod';

export const GeometryStatus = z.discriminatedUnion('state', [
  /** A document is being re-measured: `done` of `total` finished so far. */
  z.object({ state: z.literal('running'), case: z.string(), done: z.number(), total: z.number(), title: z.string() }),
  /** One document finished: its highlights now have new boxes, or it could not be opened (`failure`). */
  z.object({
    state: z.literal('measured'),
    case: z.string(),
    documentId: z.string(),
    title: z.string(),
    targets: z.number(),
    failure: z.string().nullable(),
  }),
  /** All finished. */
  z.object({
    state: z.literal('finished'),
    case: z.string(),
    documents: z.number(),
    targets: z.number(),
    failed: z.array(z.object({ title: z.string(), reason: z.string() })),
  }),
]);
export type GeometryStatus = z.infer<typeof GeometryStatus>;
