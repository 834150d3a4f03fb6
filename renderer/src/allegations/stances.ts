/** The stance vocabulary as the UI shows it: a label, the key that picks it, a short tag. */
import type { AllegationStatus, Stance, StanceCounts } from '../../../shared/ipc/allegation-schemas.ts';
import { STANCE_LABEL, STANCES } from '../../../shared/stances.ts';

export type { AllegationStatus, Stance, StanceCounts };

export const STATUSES: readonly AllegationStatus[] = ['open', 'corroborated', 'disputed', 'refuted', 'withdrawn'];

export { STANCE_LABEL, STANCES };

/** One key per stance in the link picker; X for context because C is contradicts. */
export const STANCE_KEY: Record<Stance, string> = {
  supports: 'S',
  contradicts: 'C',
  context: 'X',
  admits: 'A',
  denies: 'D',
};

export const STATUS_LABEL: Record<AllegationStatus, string> = {
  open: 'Open',
  corroborated: 'Corroborated',
  disputed: 'Disputed',
  refuted: 'Refuted',
  withdrawn: 'Withdrawn',
};

export const totalOf = (c: StanceCounts): number => STANCES.reduce((n, s) => n + c[s], 0);

/** "2 supports, 1 denies" — what a counts cell says aloud; "no passages" when empty. */
export function countsText(c: StanceCounts): string {
  const parts = STANCES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'no passages';
}
