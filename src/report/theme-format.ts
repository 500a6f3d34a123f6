/** Small pure formatters shared by the theme table, the detail view and the reports. */

/** "+150%", "-20%", "±0%", or "new" when there was no baseline to compare with. */
export function changeLabel(count: number, expected: number | null): string {
  if (expected == null || expected <= 0) return count > 0 ? 'new' : '';
  const pct = Math.round(((count - expected) / expected) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : ''}${pct}%`;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** "critical 1 · high 3 · medium 2": the known severities first, most severe first. */
export function severityMix(mix: Readonly<Record<string, number>>): string {
  const rank = (s: string) => (SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : SEVERITY_ORDER.length);
  return Object.entries(mix)
    .filter(([, n]) => n > 0)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
    .map(([s, n]) => `${s} ${n}`)
    .join(' · ');
}

/** A window in milliseconds as people write it: 30m, 24h, 7d. */
export function windowLabel(ms: number): string {
  if (ms % 3_600_000 !== 0) return `${Math.round(ms / 60_000)}m`;
  const hours = ms / 3_600_000;
  if (hours % 24 === 0) return `${hours / 24}d`;
  return `${Math.round(hours)}h`;
}
