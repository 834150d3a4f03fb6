/** Five stance counts in fixed slots, colour-coded, read aloud as words ("2 supports, 1 denies"). */
import type { StanceCounts } from '../../../shared/ipc/allegation-schemas.ts';
import { countsText, STANCE_ABBR, STANCE_LABEL, STANCES } from './stances.ts';

export function Counts({ counts }: { counts: StanceCounts }) {
  return (
    <span className="counts">
      <span className="visually-hidden">{countsText(counts)}</span>
      {STANCES.map((s) => (
        <span
          key={s}
          aria-hidden="true"
          className={`cnt stance-${s}${counts[s] === 0 ? ' zero' : ''}`}
          title={`${STANCE_LABEL[s]}: ${counts[s]}`}
        >
          {counts[s] === 0 ? '·' : `${counts[s]}${STANCE_ABBR[s][0]}`}
        </span>
      ))}
    </span>
  );
}
