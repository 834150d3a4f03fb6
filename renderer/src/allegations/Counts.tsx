/**
 * Stance counts in words ("1 contradicts", "1 denies"), each in its stance's colour and
 * only for stances that have passages. Words rather than two-letter codes: a reviewer
 * should not have to learn that "Cx" means context. Assistive technology hears the same
 * words once ("1 contradicts, 1 denies"), and the tooltip says what is being counted.
 */
import type { StanceCounts } from '../../../shared/ipc/allegation-schemas.ts';
import { countsText, STANCES, totalOf } from './stances.ts';

export function Counts({
  counts,
  named = true,
}: {
  counts: StanceCounts;
  /** Whether the counts carry their own words for assistive technology; false where the control around them names them. */
  named?: boolean;
}) {
  const words = countsText(counts);
  return (
    <span className="counts" title={totalOf(counts) === 0 ? 'No passages linked yet' : `Linked passages by stance: ${words}`}>
      {named && <span className="visually-hidden">{words}</span>}
      {totalOf(counts) === 0 && (
        <span className="cnt zero" aria-hidden="true">
          no passages
        </span>
      )}
      {STANCES.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} aria-hidden="true" className={`cnt stance-${s}`}>
          {counts[s]} {s}
        </span>
      ))}
    </span>
  );
}
