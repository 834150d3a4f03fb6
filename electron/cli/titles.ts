/** The titles the command line shows: documents of one title told apart, as everywhere else. */
import { displayTitles } from '../../shared/display-titles.ts';
import { callTyped } from '../services/router.ts';
import type { Services } from '../services/services.ts';

/** documentId -> display title, over the case's documents (shared/display-titles.ts). */
export async function caseTitles(s: Services): Promise<Map<string, string>> {
  return displayTitles(await callTyped(s.router, 'documents.list', {}));
}
