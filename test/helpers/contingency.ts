/** The counts two labellings of the same items share: per (truth, predicted) cell, per row, per column. */
export interface Contingency {
  n: number;
  cells: Map<string, number>;
  rows: Map<string | number, number>;
  cols: Map<string | number, number>;
}

/** Counts the contingency table of two labellings; throws if their lengths differ. */
export function contingency(truth: readonly (string | number)[], predicted: readonly (string | number)[]): Contingency {
  if (truth.length !== predicted.length) throw new Error('labellings differ in length');
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < truth.length; i++) {
    const key = `${truth[i]}\u0000${predicted[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(truth[i]!, (rows.get(truth[i]!) ?? 0) + 1);
    cols.set(predicted[i]!, (cols.get(predicted[i]!) ?? 0) + 1);
  }
  return { n: truth.length, cells, rows, cols };
}
