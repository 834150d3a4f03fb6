/** Plain-text tables for the terminal: columns padded to their widest cell. */

export type Align = 'left' | 'right';

/** Render rows under a header; numbers-looking columns are right-aligned unless told. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const side = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (side(i) === 'left' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 'PASS' or 'MISS' against a target, with the target shown. */
export function verdict(ok: boolean | null, target: string): string {
  return ok === null ? `— (${target})` : `${ok ? 'PASS' : 'MISS'} (${target})`;
}
