import { contingency } from './contingency.js';

/**
 * Normalised mutual information between two labellings of the same items, with the arithmetic
 * mean of the two entropies as normaliser (scikit-learn's default): 1 for identical partitions,
 * 0 for independent ones.
 */
export function normalizedMutualInfo(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  const { n, cells, rows, cols } = contingency(truth, predicted);
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) h -= (c / n) * Math.log(c / n);
    return h;
  };
  let mi = 0;
  const rowOf = new Map([...rows].map(([k, v]) => [String(k), v]));
  const colOf = new Map([...cols].map(([k, v]) => [String(k), v]));
  for (const [key, c] of cells) {
    const [t, p] = key.split('\u0000');
    mi += (c / n) * Math.log((n * c) / (rowOf.get(t!)! * colOf.get(p!)!));
  }
  const hu = entropy(rows.values());
  const hv = entropy(cols.values());
  if (hu === 0 && hv === 0) return 1;
  const denom = (hu + hv) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}
