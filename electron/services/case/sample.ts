/**
 * The sample case, built from the files of resources/sample: the documents are imported
 * like any folder (the importer takes the PDF and the letter and passes over the rest),
 * then `sample-review.json` adds a review made for them — allegations, highlights found by
 * their quotes, links with their stances — so a first-time reviewer sees the ledger, the
 * matrix and the response map at work at once. Everything goes through the same services
 * a reviewer's own work does, and so into the audit log, under the review's own (fictional)
 * reviewer name rather than the user's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExhibitError } from '../../../shared/errors.ts';
import { AllegationStatus, HighlightColor, Stance, type ImportResult } from '../../../shared/ipc/contract.ts';
import { createAllegations } from '../allegations/allegations.ts';
import { createLink } from '../allegations/links.ts';
import { createHighlight } from '../highlights/highlights.ts';
import { importPaths } from '../ingest/import.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { CaseStore } from './case.ts';

/** The review's file in the sample folder; not a document (the importer takes .pdf, .txt and .md only). */
export const SAMPLE_REVIEW = 'sample-review.json';

const text = z.string().min(1).max(2000);

const SampleReview = z
  .object({
    about: z.string().optional(),
    reviewer: text,
    allegations: z.array(
      z
        .object({
          code: text,
          title: text,
          source: text.optional(),
          description: text.optional(),
          status: AllegationStatus.optional(),
          tags: z.array(text).optional(),
        })
        .strict(),
    ),
    highlights: z.array(
      z
        .object({
          id: text,
          /** The sample document's file name. */
          file: text,
          page: z.number().int().min(1),
          quote: text,
          color: HighlightColor.optional(),
          note: text.optional(),
        })
        .strict(),
    ),
    links: z.array(z.object({ highlight: text, allegation: text, stance: Stance, rationale: text.optional() }).strict()),
  })
  .strict();
type SampleReview = z.infer<typeof SampleReview>;

/** Read and check the sample folder's review; null when the folder has none. */
export function readSampleReview(sampleDir: string): SampleReview | null {
  const file = path.join(sampleDir, SAMPLE_REVIEW);
  if (!fs.existsSync(file)) return null;
  const parsed = SampleReview.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ExhibitError('internal', `${file} is not a sample review: ${parsed.error.issues[0]?.message ?? ''}`, file);
  return parsed.data;
}

/**
 * Add the review to a case holding the sample documents, in one transaction: a quote not
 * found on its page, or a file or highlight the review does not have, leaves the case with
 * its documents only and names what is wrong.
 */
export function applySampleReview(store: CaseStore, review: SampleReview, imported: ImportResult[]): void {
  const documentOf = (file: string) => {
    const r = imported.find((i) => path.basename(i.path) === file && i.documentId);
    if (!r) throw new ExhibitError('not-found', `The sample review names "${file}", which the sample folder does not hold`, file);
    return r.documentId!;
  };
  const actor = review.reviewer;
  const db = store.db;
  db.transaction(() => {
    createAllegations(db, review.allegations, actor);
    const highlights = new Map<string, string>();
    for (const h of review.highlights) {
      const made = createHighlight(db, {
        documentId: documentOf(h.file),
        targets: [{ page: h.page, quote: h.quote, acrossPages: true }],
        color: h.color,
        note: h.note,
        actor,
      });
      highlights.set(h.id, made.highlightId);
    }
    for (const l of review.links) {
      const highlightId = highlights.get(l.highlight);
      if (!highlightId)
        throw new ExhibitError('not-found', `The sample review links "${l.highlight}", which it does not highlight`, l.highlight);
      createLink(db, highlightId, l.allegation, l.stance, l.rationale ?? null, actor);
    }
  })();
}

/** Build the sample case in a fresh, empty case: its documents, then its review. */
export async function buildSampleCase(
  store: CaseStore,
  sampleDir: string,
  opts: { pool: WorkerPool; actor: string },
): Promise<void> {
  const imported = await importPaths(store, [sampleDir], opts);
  const failed = imported.filter((r) => r.status === 'failed');
  if (failed.length > 0)
    throw new ExhibitError('internal', `The sample case could not be built: ${failed[0]!.error}`, failed[0]!.path);
  const review = readSampleReview(sampleDir);
  if (review) applySampleReview(store, review, imported);
}
