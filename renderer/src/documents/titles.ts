/**
 * The titles the interface shows: documents of one title told apart, as in the reports and
 * the CLI. Every place the window names a document — the library, the open document's
 * heading, search results' documents come from the engine already told apart — goes
 * through here, so one document reads the same everywhere.
 */
import { useMemo } from 'react';
import { displayTitles } from '../../../shared/display-titles.ts';
import type { DocumentSummary } from '../../../shared/ipc/contract.ts';

/** documentId -> display title (shared/display-titles.ts). */
export type Titles = ReadonlyMap<string, string>;

/** Display titles over the case's documents, recomputed only when the list changes. */
export function useDisplayTitles(documents: readonly DocumentSummary[]): Titles {
  return useMemo(() => displayTitles(documents), [documents]);
}

/** The title to show for one document: its display title, or `fallback` (its own title) when the case no longer lists it. */
export function shownTitle(titles: Titles, documentId: string, fallback: string): string {
  return titles.get(documentId) ?? fallback;
}
