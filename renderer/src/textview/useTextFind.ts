/**
 * In-document find for text documents: mark.js marks every match in the loaded pages;
 * next/previous move a "current" mark and scroll to it.
 */
import Mark from 'mark.js';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { FindResult } from '../viewer/FindBar.tsx';

const CLASS = 'exhibit-find';

/** Mark every match of `query` in `el` (none when blank), then call `then`. */
function markAll(el: HTMLElement, query: string, then: () => void): void {
  const m = new Mark(el);
  m.unmark({
    className: CLASS,
    done: () => {
      if (!query.trim()) return then();
      m.mark(query, { className: CLASS, separateWordSearch: false, acrossElements: true, diacritics: true, done: then });
    },
  });
}

export function useTextFind(root: React.RefObject<HTMLElement | null>, loaded: boolean, repaintKey: unknown) {
  const [result, setResult] = useState<FindResult | null>(null);
  const query = useRef('');
  const index = useRef(0);

  const show = (i: number) => {
    const all = [...(root.current?.querySelectorAll<HTMLElement>(`mark.${CLASS}`) ?? [])];
    all.forEach((m) => m.classList.remove('current'));
    if (!query.current.trim()) return setResult(null);
    if (all.length === 0) return setResult({ current: 0, total: 0, pending: false });
    index.current = ((i % all.length) + all.length) % all.length;
    const m = all[index.current]!;
    m.classList.add('current');
    m.scrollIntoView({ block: 'center' });
    setResult({ current: index.current + 1, total: all.length, pending: false });
  };

  const run = (q: string, opts: { again: boolean; previous: boolean }) => {
    if (opts.again && q === query.current) return show(index.current + (opts.previous ? -1 : 1));
    query.current = q;
    if (root.current) markAll(root.current, q, () => show(0));
  };

  // Pages drawn again (text arrived, highlights changed) lose their marks: put them back.
  const remark = useEffectEvent(() => {
    if (query.current && root.current) markAll(root.current, query.current, () => show(index.current));
  });
  useEffect(() => remark(), [loaded, repaintKey]);

  const clear = () => {
    query.current = '';
    if (root.current) markAll(root.current, '', () => undefined);
    setResult(null);
  };

  return { result, run, clear };
}
