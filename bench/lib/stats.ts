/** Small numeric helpers shared by the benchmark sections. */

/** The q-quantile (0..1) of the values, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const best = (values: readonly number[]): number => Math.min(...values);

/** Milliseconds taken by a synchronous call, with its result. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** A number with a fixed count of decimals, or '—' when there is none. */
export function fmt(n: number | null | undefined, decimals = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(decimals);
}
