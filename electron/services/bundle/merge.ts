/**
 * Importing a bundle into the open case: verify it, stage its originals in a fresh folder,
 * take the pages it carries for its PDFs or else extract the documents it brings (keeping
 * their ids; known SHA-256s are not imported twice; see stage.ts), then store them and
 * merge allegations, highlights, links and court bundle plans by id in one transaction, so a failure anywhere
 * leaves the case as it was. Every item, deleted or not,
 * is settled by one rule (newer-wins.ts): the newer version wins, and on equal times the
 * same version wins whichever side imports, so two reviewers who exchange bundles end up
 * with the same case. Every conflict is listed in the result with what was kept, and the
 * merge is one row of the audit log.
 * A cancel is heard between the steps, while originals stream out of the ZIP and while
 * documents are extracted, up to the merge's transaction; that is short and all-or-nothing,
 * so once begun it runs to its end.
 */
import path from 'node:path';
import { ExhibitError } from '../../../shared/errors.ts';
import type { MergeResult } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CaseStore } from '../case/case.ts';
import { parseCaseFile } from './case-file.ts';
import { mergeAllegations, mergeHighlights, mergeLinks } from './merge-items.ts';
import { mergePlans } from './plans-travel.ts';
import { stageDocuments, type StageOptions } from './stage.ts';
import { jobSteps, type StepProgress } from '../jobs/steps.ts';
import { checkBundle } from './verify.ts';
import type { SignerPolicy } from '../trust/import-policy.ts';

export type ImportOptions = StageOptions & {
  /**
   * Whether the bundle's signer may come in: asked after the check, before anything is
   * staged. The router always gives the case's policy; only engine tests of the merge
   * itself leave it out.
   */
  signer?: SignerPolicy | undefined;
  /** Told as each step starts and advances (verifying, staging, documents, merging). */
  onProgress?: ((p: StepProgress) => void) | undefined;
  /** Cancels the import before its merge; the case is left exactly as it was. */
  signal?: AbortSignal | undefined;
};

/** Verify, stage and merge a bundle into the case. A cancelled import throws the 'cancelled' error. */
export async function importBundle(store: CaseStore, file: string, opts: ImportOptions): Promise<MergeResult> {
  try {
    return await mergeBundle(store, file, opts);
  } catch (err) {
    if (err instanceof ExhibitError && err.code === 'cancelled')
      throw new ExhibitError(
        'cancelled',
        `The import of ${path.basename(file)} was cancelled; nothing was imported and the case is unchanged`,
        file,
      );
    throw err;
  }
}

async function mergeBundle(store: CaseStore, file: string, opts: ImportOptions): Promise<MergeResult> {
  const steps = jobSteps(opts);
  steps.report('verifying', 0, 1);
  const { report, entries } = await checkBundle(file, { limits: opts.limits, signal: opts.signal });
  steps.report('verifying', 1, 1);
  steps.check();
  if (!report.ok)
    throw new ExhibitError(
      'invalid-args',
      `${file} did not verify, so nothing was imported:\n${report.problems.join('\n')}`,
      file,
    );
  // Before anything is staged: a bundle from a key the case does not trust leaves no trace.
  opts.signer?.admit(report.signer);
  // case.json as the verify pass read it, so it is the copy the manifest vouched for.
  const data = parseCaseFile(file, entries);

  const result: MergeResult = {
    documents: { added: 0, known: 0 },
    allegations: { added: 0, updated: 0, unchanged: 0 },
    highlights: { added: 0, updated: 0, unchanged: 0 },
    links: { added: 0, updated: 0, unchanged: 0 },
    conflicts: [],
  };
  const staged = await stageDocuments(store, file, data, entries, opts, result, steps);
  try {
    steps.report('merging', 0, 1);
    // The last moment to stop: the transaction below is never interrupted.
    steps.check();
    // One transaction for the documents and the merge: either all of the bundle is in the case, or none of it.
    store.db.transaction(() => {
      staged.commit();
      mergeAllegations(store.db, data, result);
      mergeHighlights(store.db, data, staged.ids, result);
      mergeLinks(store.db, data, result);
      mergePlans(store.db, { courtPlans: data.courtPlans, deleted: data.deleted.courtPlans }, result);
      opts.signer?.merged(store.db);
      appendAudit(store.db, {
        actor: opts.actor,
        action: 'bundle.import',
        entity: 'case',
        entityId: null,
        payload: { file: path.basename(file), from: data.case, signer: report.signer?.fingerprint ?? null, result },
      });
    })();
  } catch (err) {
    staged.rollback();
    throw err;
  } finally {
    staged.dispose();
  }
  steps.report('merging', 1, 1);
  return result;
}
