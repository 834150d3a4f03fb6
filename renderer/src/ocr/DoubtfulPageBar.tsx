/**
 * Above the pages, while the page in view was read with a doubtful confidence (its mean
 * below LOW_CONFIDENCE): which page, its mean confidence, how many words are doubtful and
 * which, and the way to check them against the image — as the library's flag says it of the
 * document. A reviewer quoting from such a page then knows the quote may not be what the
 * page says. It sits beside the pages rather than on them, so it never hides the top of
 * the scan it is about.
 */
import type { OcrPageReading } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';
import { shortcutText } from '../shortcuts/keymap.ts';
import { isDoubtful } from './paint-words.ts';

/** Doubtful words named; the rest are counted. */
const NAMED = 4;

const percent = (n: number) => `${Math.round(n)}%`;

export function DoubtfulPageBar({
  reading,
  wordsShown,
  onShowWords,
}: {
  /** The reading of the page in view, if known. */
  reading: OcrPageReading | null | undefined;
  wordsShown: boolean;
  onShowWords(): void;
}) {
  if (!reading || reading.words.length === 0 || reading.confidence >= LOW_CONFIDENCE) return null;
  const words = reading.words.filter(isDoubtful);
  const named = words
    .slice(0, NAMED)
    .map((w) => `“${w.text}” ${percent(w.confidence)}`)
    .join(', ');
  const more = words.length > NAMED ? ` and ${words.length - NAMED} more` : '';
  return (
    <div className="ocr-doubt-bar" role="note" aria-label={`Page ${reading.page}: doubtful reading`}>
      <p>
        <strong>Doubtful reading on page {reading.page}:</strong> mean confidence {percent(reading.confidence)}, below{' '}
        {LOW_CONFIDENCE}%; {words.length} of {reading.words.length} words doubtful
        {words.length > 0 ? ` (${named}${more})` : ''}. Check the text against the image before quoting it.
      </p>
      {!wordsShown && (
        <button type="button" onClick={onShowWords} aria-keyshortcuts="Control+Shift+L">
          Show recognised text <span className="ocr-doubt-keys">({shortcutText('toggle-ocr-text')})</span>
        </button>
      )}
    </div>
  );
}
