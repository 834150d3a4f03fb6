/** What the document viewer asks of a PDF or text view, whichever is showing, and gives it. */
import type { ReactNode, Ref } from 'react';
import type { Rect, TargetSpec } from '../../../shared/ipc/contract.ts';
import type { PagePaint } from '../highlights/model.ts';

export interface Surface {
  /**
   * A selection as highlight targets (one per page), or null when nothing is selected here:
   * `range` when given (a copy taken when the selection was made), else the live selection.
   */
  selectionTargets(range?: Range): Promise<TargetSpec[] | null>;
  /** Bring a painted passage into view. */
  reveal(page: number, rect: Rect | null, start: number): void;
  goToPage(page: number): void;
}

/** The props the PDF view and the text view share. */
export interface DocumentViewProps {
  documentId: string;
  initialPage: number;
  searchTerms: readonly string[];
  paints: Map<number, PagePaint[]>;
  selectedId: string | null;
  highlightsPanel: ReactNode;
  surface: Ref<Surface>;
  onPageChange?(page: number): void;
  onHighlightClick(highlightId: string, at: { x: number; y: number }): void;
}
