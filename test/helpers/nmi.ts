/**
 * Normalised mutual information between two labellings of the same items, with the arithmetic
 * mean of the two entropies as normaliser (scikit-learn's default): 1 for identical partitions,
 * 0 for independent ones.
 */
export function normalizedMutualInfo(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  if (truth.length !== predicted.length) throw new Error('labellings differ in length');
  const n = truth.length;
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${truth[i]}\u0000${predicted[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(truth[i]!, (rows.get(truth[i]!) ?? 0) + 1);
    cols.set(predicted[i]!, (cols.get(predicted[i]!) ?? 0) + 1);
  }
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) h -= (c / n) * Math.log(c / n);
    return h;
  };
  let mi = 0;
  for (const [key, c] of cells) {
    const [t, p] = key.split('\u0000');
    const a = [...rows].find(([k]) => String(k) === t)![1];
    const b = [...cols].find(([k]) => String(k) === p)![1];
    mi += (c / n) * Math.log((n * c) / (a * b));
  }
  const hu = entropy(rows.values());
  const hv = entropy(cols.values());
  if (hu === 0 && hv === 0) return 1;
  const denom = (hu + hv) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}
