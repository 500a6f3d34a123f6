/**
 * Inline SVG charts for the HTML report: no scripts, no fonts, no external references, so the
 * file survives being mailed. Pure; every text is escaped.
 */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Daily counts as a small column chart (width grows with the number of days). */
export function sparkBarsSvg(values: readonly number[], opts: { height?: number; barWidth?: number; label?: string } = {}): string {
  const height = opts.height ?? 24;
  const bw = opts.barWidth ?? 6;
  const max = Math.max(1, ...values);
  const bars = values
    .map((v, i) => {
      const h = v > 0 ? Math.max(1, Math.round((v / max) * (height - 2))) : 0;
      return h ? `<rect x="${i * (bw + 1)}" y="${height - h}" width="${bw}" height="${h}" fill="#4a6fa5"/>` : '';
    })
    .join('');
  const width = values.length * (bw + 1);
  const label = escapeXml(opts.label ?? 'tickets per day');
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title><line x1="0" y1="${height - 0.5}" x2="${width}" y2="${height - 0.5}" stroke="#ccc"/>${bars}</svg>`;
}

/** Horizontal bars with labels and values, for "top themes". */
export function barChartSvg(rows: ReadonlyArray<{ label: string; value: number; highlight?: boolean }>, opts: { width?: number } = {}): string {
  const width = opts.width ?? 640;
  const rowHeight = 22;
  const labelWidth = Math.round(width * 0.45);
  const barSpace = width - labelWidth - 50;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * rowHeight + 4;
  const items = rows
    .map((r, i) => {
      const y = i * rowHeight + 2;
      const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barSpace));
      const text = r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label;
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" font-size="12" font-family="sans-serif" fill="#222">${escapeXml(text)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="${r.highlight ? '#c0392b' : '#4a6fa5'}"/>` +
        `<text x="${labelWidth + w + 4}" y="${y + 15}" font-size="12" font-family="sans-serif" fill="#222">${r.value}</text>`
      );
    })
    .join('');
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="tickets per theme"><title>tickets per theme</title>${items}</svg>`;
}
