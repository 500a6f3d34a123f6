const BARS = '▁▂▃▄▅▆▇█';

/**
 * A unicode sparkline, one character per value, scaled to the largest value; zeros are the lowest
 * bar so the width stays fixed. Empty input gives "". Pure.
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 || v <= 0 ? BARS[0] : BARS[Math.max(1, Math.round((v / max) * (BARS.length - 1)))])).join('');
}
