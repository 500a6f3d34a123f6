// How the dashboard writes times, durations, changes and sparklines: the same words as the
// CLI's (src/output/relative-time.ts, src/report/theme-format.ts), in the browser's time zone.

/** "3 min ago", "in 19 h, 02:00" in the browser's own time zone. */
export function when(iso) {
  if (!iso) return '-';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const diff = at - Date.now();
  const clock = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const abs = Math.abs(diff);
  if (diff >= 0) {
    if (abs < 60_000) return 'in <1 min';
    if (abs < 3_600_000) return `in ${Math.round(abs / 60_000)} min`;
    if (abs < 172_800_000) return `in ${Math.floor(abs / 3_600_000)} h, ${clock}`;
    return `in ${Math.floor(abs / 86_400_000)} d, ${clock}`;
  }
  if (abs < 45_000) return 'just now';
  if (abs < 3_600_000) return `${Math.max(1, Math.round(abs / 60_000))} min ago`;
  if (abs < 86_400_000) return `${Math.floor(abs / 3_600_000)} h ago, ${clock}`;
  return `${new Date(at).toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${clock}`;
}

export function duration(ms) {
  if (ms == null) return '';
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function change(count, expected) {
  if (expected == null || expected <= 0) return count > 0 ? 'new' : '';
  const pct = Math.round(((count - expected) / expected) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : ''}${pct}%`;
}

/** Daily counts as a small column chart, labelled for screen readers. */
export function sparkline(values) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const max = Math.max(1, ...values);
  svg.setAttribute('viewBox', `0 0 ${values.length * 7} 24`);
  svg.setAttribute('class', 'spark');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `tickets per day, oldest first: ${values.join(', ')}`);
  values.forEach((v, i) => {
    if (v <= 0) return;
    const h = Math.max(1, Math.round((v / max) * 22));
    const rect = document.createElementNS(ns, 'rect');
    for (const [k, val] of Object.entries({ x: i * 7, y: 24 - h, width: 6, height: h, fill: '#1f4f8f' })) rect.setAttribute(k, String(val));
    svg.append(rect);
  });
  return svg;
}
