/**
 * While the recognised text is shown, the word under the pointer says how it was read and
 * how sure the engine was. The drawn words lie under the text layer (so selection keeps
 * working), which also means they never get the pointer: the word is found from where the
 * pointer is on the page instead (ocrWordAt), and the tip follows the pointer.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { OcrPageWord } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE } from '../../../shared/ocr.ts';
import { isDoubtful, ocrWordAt } from './paint-words.ts';

interface Tip {
  word: OcrPageWord;
  x: number;
  y: number;
}

export function OcrWordTip({ container, active }: { container: RefObject<HTMLElement | null>; active: boolean }) {
  const [tip, setTip] = useState<Tip | null>(null);
  useEffect(() => {
    const el = container.current;
    if (!el || !active) return undefined;
    let frame = 0;
    const onMove = (e: PointerEvent) => {
      cancelAnimationFrame(frame);
      // At most once a frame: finding the word costs a walk over the page's words.
      frame = requestAnimationFrame(() => {
        const page = (e.target as Element | null)?.closest<HTMLElement>('.page');
        const word = page ? ocrWordAt(page, e.clientX, e.clientY) : null;
        setTip(word ? { word, x: e.clientX, y: e.clientY } : null);
      });
    };
    const onLeave = () => {
      cancelAnimationFrame(frame);
      setTip(null);
    };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerleave', onLeave);
    // The page scrolls under a still pointer: the word it was over has moved away.
    el.addEventListener('scroll', onLeave, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      setTip(null);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('scroll', onLeave);
    };
  }, [container, active]);

  if (!tip || !active) return null;
  const doubtful = isDoubtful(tip.word);
  return (
    <div
      className={`ocr-word-tip${doubtful ? ' doubtful' : ''}`}
      role="tooltip"
      // Kept inside the window: the tip is at most 300px wide (ocr-review.css).
      style={{ left: Math.min(tip.x + 14, window.innerWidth - 310), top: Math.min(tip.y + 18, window.innerHeight - 60) }}
    >
      Read as <strong>“{tip.word.text}”</strong>, {Math.round(tip.word.confidence)}% confidence
      {doubtful ? ` — doubtful (below ${LOW_CONFIDENCE}%)` : ''}
    </div>
  );
}
