/** What the document viewer asks of a PDF or text view, whichever is showing. */
import type { Rect, TargetSpec } from '../../../shared/ipc/contract.ts';

export interface Surface {
  /** The current selection as highlight targets (one per page), or null when nothing is selected here. */
  selectionTargets(): Promise<TargetSpec[] | null>;
  /** Bring a painted passage into view. */
  reveal(page: number, rect: Rect | null, start: number): void;
  goToPage(page: number): void;
}
