/**
 * Building a court bundle: the cover, the index, then each section's documents, every page
 * stamped with its bundle number (equal to its PDF page number), page labels matching the
 * stamps, one bookmark per section and per document, index entries linking to their pages.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { CourtBundleResult, CourtPlanBody, CourtProgress } from '../../../shared/ipc/contract.ts';
import type { CaseStore } from '../case/case.ts';
import type { WorkerPool } from '../workers/pool.ts';

export interface CourtBuildContext {
  store: CaseStore;
  pool: WorkerPool;
  /** An encrypted PDF's password held for this session (by the document's SHA-256), if any. */
  sessionPassword(sha256: string): string | null;
}

export interface CourtBuildOptions {
  out: string;
  /** Also write the index as DOCX at this path. */
  indexDocx?: string | undefined;
  /** Passwords to try on encrypted PDFs the session holds none for. */
  passwords?: string[] | undefined;
  /** The case's name, for the cover. */
  caseName: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Omit<CourtProgress, 'jobId'>) => void) | undefined;
}

export async function buildCourtBundle(
  _ctx: CourtBuildContext,
  _plan: CourtPlanBody,
  _opts: CourtBuildOptions,
): Promise<CourtBundleResult> {
  await Promise.resolve();
  throw new ExhibitError('internal', 'Court bundles are not built yet');
}
