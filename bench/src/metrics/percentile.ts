/**
 * The nearest-rank percentile (the smallest value with at least `p` % of values at or below
 * it), or undefined for no values. `p` is in (0, 100].
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`Expected \`p\` in (0, 100], got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}
