/**
 * Paints the words a search hit matched, with mark.js, inside a text layer (PDF) or a
 * text page. The marks exist only on screen; nothing about them is stored.
 */
import Mark from 'mark.js';

const CLASS = 'exhibit-term';

/** Replace the term marks in `root` with marks for `terms` (none when empty). */
export function paintTerms(root: HTMLElement, terms: readonly string[]): void {
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
