/** A bundle job's progress: the step and its count in words, and a bar for the job as a whole. */
import { describeProgress, jobFraction } from '../../../shared/bundle-progress.ts';
import type { BundlePhase, BundleProgress } from '../../../shared/ipc/contract.ts';

export function JobProgress({
  progress,
  steps,
  label,
  starting,
  describe = describeProgress,
}: {
  progress: BundleProgress | null;
  steps: readonly BundlePhase[];
  /** The bar's accessible name, e.g. "Export progress". */
  label: string;
  /** What to say before the first event. */
  starting: string;
  /** The step in words (describeProgress unless the dialog words a step its own way). */
  describe?: (p: BundleProgress) => string;
}) {
  const step = progress ? steps.indexOf(progress.phase) : -1;
  return (
    <div className="bundle-progress" role="status">
      <div className="bundle-progress-line">
        <span className="bundle-progress-text">{progress ? describe(progress) : starting}</span>
        {step >= 0 && (
          <span className="bundle-progress-step">
            Step {step + 1} of {steps.length}
          </span>
        )}
      </div>
      {/* Before the first event the bar is indeterminate rather than falsely empty. */}
      <progress aria-label={label} max={1} value={progress ? jobFraction(progress, steps) : undefined} />
    </div>
  );
}
