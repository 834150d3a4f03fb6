/**
 * Stance counts as compact colour-coded chips ("2 Su", "1 De"), only for stances that
 * have passages, read aloud as words ("2 supports, 1 denies").
 */
import type { StanceCounts } from '../../../shared/ipc/allegation-schemas.ts';
import { countsText, STANCE_ABBR, STANCE_LABEL, STANCES, totalOf } from './stances.ts';

export function Counts({ counts }: { counts: StanceCounts }) {
  return (
    <span className="counts">
      <span className="visually-hidden">{countsText(counts)}</span>
      {totalOf(counts) === 0 && (
        <span className="cnt zero" aria-hidden="true">
          no passages
        </span>
      )}
      {STANCES.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} aria-hidden="true" className={`cnt stance-${s}`} title={`${STANCE_LABEL[s]}: ${counts[s]}`}>
          {counts[s]} {STANCE_ABBR[s]}
        </span>
      ))}
    </span>
  );
}
