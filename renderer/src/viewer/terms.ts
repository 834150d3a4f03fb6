/**
 * Paints the words a search hit matched, with mark.js, inside a text layer (PDF) or a
 * text page. The marks exist only on screen; nothing about them is stored.
 */
import Mark from 'mark.js';

const CLASS = 'exhibit-term';

// The terms each root shows now. Painting the same terms again is skipped: unmarking
// splits and rejoins the text nodes, which would drop a selection the reviewer is making.
const painted = new WeakMap<HTMLElement, string>();

/** Replace the term marks in `root` with marks for `terms` (none when empty). */
export function paintTerms(root: HTMLElement, terms: readonly string[]): void {
  const key = JSON.stringify(terms);
  // A root redrawn since (a re-rendered text layer) lost its marks and is painted again.
  if (painted.get(root) === key && (terms.length === 0 || firstTerm(root))) return;
  painted.set(root, key);
  const marker = new Mark(root);
  marker.unmark({
    className: CLASS,
    done: () => {
      if (terms.length === 0) return;
      marker.mark([...terms], {
        className: CLASS,
        separateWordSearch: false,
        // A phrase may run across the spans of one line.
        acrossElements: true,
        diacritics: true,
        caseSensitive: false,
        ignorePunctuation: [],
      });
    },
  });
}

/** The first search-term mark inside `root`, if any. */
export const firstTerm = (root: ParentNode): HTMLElement | null => root.querySelector<HTMLElement>(`mark.${CLASS}`);
