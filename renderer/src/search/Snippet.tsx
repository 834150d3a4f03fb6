/** A search snippet with its hits wrapped in <mark>; text is rendered as text, never as HTML. */
import type { ReactNode } from 'react';

type Range = readonly [number, number];

/** Split `text` into plain runs and marked runs; overlapping or out-of-range offsets are tolerated. */
export function markRuns(text: string, highlights: readonly Range[]): { text: string; hit: boolean }[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const runs: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    const start = Math.max(s, at);
    if (e <= start) continue;
    if (start > at) runs.push({ text: text.slice(at, start), hit: false });
    runs.push({ text: text.slice(start, e), hit: true });
    at = e;
  }
  if (at < text.length) runs.push({ text: text.slice(at), hit: false });
  return runs;
}

export function Snippet({ text, highlights }: { text: string; highlights: readonly Range[] }) {
  const parts: ReactNode[] = markRuns(text, highlights).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : run.text));
  // A span, so a snippet can sit inside the button that opens its hit.
  return <span className="snippet">{parts}</span>;
}
