/**
 * Adjusted Rand Index (Hubert & Arabie 1985) between two labellings of the same items:
 * 1 for identical partitions, about 0 for chance agreement, negative for worse than chance.
 */
export function adjustedRandIndex(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  if (truth.length !== predicted.length) throw new Error('labellings differ in length');
  const n = truth.length;
  const choose2 = (k: number) => (k * (k - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${truth[i]}\u0000${predicted[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(truth[i]!, (rows.get(truth[i]!) ?? 0) + 1);
    cols.set(predicted[i]!, (cols.get(predicted[i]!) ?? 0) + 1);
  }
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
