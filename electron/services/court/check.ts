/**
 * The 'checking' phase: every document the plan names exists in the case, is not removed,
 * appears once, and its source can be read (sources.ts checkSource: the file parses, an
 * encrypted PDF's password is known). Nothing is written before this passes; each failure
 * names the document (its title as the error's subject).
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { CourtPlanBody, DocumentSummary } from '../../../shared/ipc/contract.ts';
import { listDocuments } from '../documents/documents.ts';
import { throwIfCancelled } from '../jobs/steps.ts';
import type { CourtBuildContext } from './build.ts';
import { checkSource, type SourceOptions } from './sources.ts';

export interface CheckedSection {
  title: string;
  docs: DocumentSummary[];
}

export async function checkPlan(
  ctx: CourtBuildContext,
  plan: CourtPlanBody,
  source: SourceOptions,
  report: (done: number, total: number, item: string | null) => void,
): Promise<CheckedSection[]> {
  const all = new Map(listDocuments(ctx.store.db, { includeRemoved: true }).map((d) => [d.documentId, d]));
  const seen = new Map<string, string>();
  const sections = plan.sections.map((s) => ({
    title: s.title,
    docs: s.documentIds.map((id) => {
      const doc = all.get(id);
      if (!doc) throw new ExhibitError('not-found', `The plan names a document that is not in the case (${id})`, id);
      if (doc.status !== 'ready')
        throw new ExhibitError('not-found', `"${doc.title}" was removed from the case: take it out of the plan`, doc.title);
      const earlier = seen.get(id);
      if (earlier !== undefined)
        throw new ExhibitError(
          'invalid-args',
          `"${doc.title}" is in the plan twice (in "${earlier}" and "${s.title}"): a document goes in one place`,
          doc.title,
        );
      seen.set(id, s.title);
      return doc;
    }),
  }));
  const docs = sections.flatMap((s) => s.docs);
  if (docs.length === 0) throw new ExhibitError('invalid-args', 'The plan has no documents: a court bundle needs at least one');
  for (const [i, doc] of docs.entries()) {
    throwIfCancelled(source.signal);
    report(i, docs.length, doc.title);
    try {
      await checkSource(ctx, doc, source);
    } catch (err) {
      if (err instanceof ExhibitError && err.code === 'cancelled') throw err;
      if (err instanceof ExhibitError) throw new ExhibitError(err.code, err.message, err.subject ?? doc.title);
      throw new ExhibitError('invalid-pdf', `"${doc.title}" cannot go into the bundle: ${(err as Error).message}`, doc.title);
    }
  }
  report(docs.length, docs.length, null);
  return sections;
}
