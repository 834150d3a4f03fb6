/** How a bundle job's progress reads, the same in the app and on the command line. */
import type { BundlePhase, BundleProgress } from './ipc/bundle-schemas.ts';

const LABELS: Record<BundlePhase, { label: string; unit: [string, string] | null }> = {
  quotes: { label: 'Checking each quote against its page', unit: ['highlight', 'highlights'] },
  originals: { label: 'Reading the originals', unit: ['document', 'documents'] },
  annotated: { label: 'Annotating PDFs', unit: ['PDF', 'PDFs'] },
  reports: { label: 'Writing the reports', unit: ['report', 'reports'] },
  signing: { label: 'Hashing and signing the manifests', unit: null },
  zip: { label: 'Writing the ZIP', unit: null },
  verifying: { label: 'Verifying the bundle', unit: null },
  staging: { label: 'Unpacking the originals', unit: null },
  documents: { label: 'Importing documents', unit: ['document', 'documents'] },
  merging: { label: 'Merging allegations, highlights and links', unit: null },
};

/** The step's name alone, e.g. "Annotating PDFs". */
export const phaseLabel = (phase: BundlePhase): string => LABELS[phase].label;

/** Done as a fraction of the step (0..1). */
export const stepFraction = (p: Pick<BundleProgress, 'done' | 'total'>): number =>
  p.total > 0 ? Math.min(1, p.done / p.total) : 0;

/** "Annotating PDFs: 2 of 5 (Border report)", "Writing the ZIP: 40%". */
export function describeProgress(p: Omit<BundleProgress, 'jobId'>): string {
  const { label, unit } = LABELS[p.phase];
  let count = '';
  if (p.phase === 'zip' || p.phase === 'staging') count = `: ${Math.round(stepFraction(p) * 100)}%`;
  else if (unit && p.total > 0)
    count = `: ${Math.min(p.done + 1, p.total).toLocaleString()} of ${p.total.toLocaleString()} ${unit[p.total === 1 ? 0 : 1]}`;
  return `${label}${count}${p.item ? ` (${p.item})` : ''}`;
}

/** The steps of an export and of a bundle import, in the order they run. */
export const EXPORT_STEPS: readonly BundlePhase[] = ['quotes', 'originals', 'annotated', 'reports', 'signing', 'zip'];
export const IMPORT_STEPS: readonly BundlePhase[] = ['verifying', 'staging', 'documents', 'merging'];

/** Where a job is as a whole (0..1), each of its steps counting the same. */
export function jobFraction(p: Pick<BundleProgress, 'phase' | 'done' | 'total'>, steps: readonly BundlePhase[]): number {
  const i = steps.indexOf(p.phase);
  return i < 0 ? 0 : (i + stepFraction(p)) / steps.length;
}
