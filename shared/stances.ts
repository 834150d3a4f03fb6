/**
 * The stance vocabulary in its own order (supports, contradicts, context, admits, denies)
 * and the words shown for it, shared by the reports and the interface so neither drifts
 * from the other. Plain constants (no schema code), so the interface can import them.
 */
import type { Stance } from './ipc/allegation-schemas.ts';

export const STANCES: readonly Stance[] = ['supports', 'contradicts', 'context', 'admits', 'denies'];

export const STANCE_LABEL: Record<Stance, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context',
  admits: 'Admits',
  denies: 'Denies',
};
