/**
 * What is being dragged in the court bundle view. The data transfer carries the kind in its
 * type, so a drop target can tell during dragover (when the data itself cannot be read)
 * whether it accepts what is coming.
 */
import type { DragEvent } from 'react';

export const DOC_TYPE = 'application/x-exhibit-court-document';
export const SECTION_TYPE = 'application/x-exhibit-court-section';

export function startDrag(e: DragEvent, type: string, value: string): void {
  e.dataTransfer.setData(type, value);
  e.dataTransfer.effectAllowed = 'move';
}

/** Whether the drag carries `type` (checked in dragover, to allow the drop). */
export const carries = (e: DragEvent, type: string): boolean => e.dataTransfer.types.includes(type);

/** Allow a drop of `type` here; returns whether it was allowed. */
export function allowDrop(e: DragEvent, type: string): boolean {
  if (!carries(e, type)) return false;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
  return true;
}
