import { contingency } from './contingency.js';

/**
 * Adjusted Rand Index (Hubert & Arabie 1985) between two labellings of the same items:
 * 1 for identical partitions, about 0 for chance agreement, negative for worse than chance.
 */
export function adjustedRandIndex(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  const { n, cells, rows, cols } = contingency(truth, predicted);
  const choose2 = (k: number) => (k * (k - 1)) / 2;
  let index = 0;
  for (const c of cells.values()) index += choose2(c);
  let a = 0;
  for (const c of rows.values()) a += choose2(c);
  let b = 0;
  for (const c of cols.values()) b += choose2(c);
  const expected = (a * b) / choose2(n);
  const max = (a + b) / 2;
  if (max === expected) return 1; // both partitions trivial (all singletons or one block)
  return (index - expected) / (max - expected);
}
