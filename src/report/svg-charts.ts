import { clip } from '../output/table.js';

/**
 * Inline SVG charts for the HTML report: no scripts, no fonts, no external references, so the
 * file survives being mailed. Each has a viewBox and no fixed size, so CSS scales it to the page
 * (from a 360 px phone to a wide screen). Pure; every text is escaped.
 */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-16" as "16 Nov" (a UTC day, as the daily counts are kept). */
export function dayLabel(day: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}` : day;
}

/**
 * Daily counts as a small column chart. With `days` (one per value) the title names the span and
 * each bar's date, and `axis` adds the first and last dates under the bars.
 */
export function sparkBarsSvg(values: readonly number[], opts: { days?: readonly string[]; label?: string; axis?: boolean } = {}): string {
  const bars = 24;
  const bw = 6;
  const axis = opts.axis && opts.days?.length ? 12 : 0;
  const max = Math.max(1, ...values);
  const width = values.length * (bw + 1);
  const rects = values
    .map((v, i) => {
      const h = v > 0 ? Math.max(1, Math.round((v / max) * (bars - 2))) : 0;
      const tip = opts.days?.[i] ? `<title>${escapeXml(`${dayLabel(opts.days[i]!)}: ${v}`)}</title>` : '';
      return h ? `<rect x="${i * (bw + 1)}" y="${bars - h}" width="${bw}" height="${h}" fill="#3b5f8f">${tip}</rect>` : '';
    })
    .join('');
  const first = opts.days?.[0];
  const last = opts.days?.[opts.days.length - 1];
  const span = first && last ? ` ${dayLabel(first)} to ${dayLabel(last)}` : '';
  const label = escapeXml(`${opts.label ?? 'tickets per day'}${span}; most in a day: ${Math.max(0, ...values)}`);
  const ticks = axis
    ? `<text x="0" y="${bars + 9}" font-size="6" font-family="sans-serif" fill="#555">${escapeXml(dayLabel(first!))}</text>` +
      `<text x="${width}" y="${bars + 9}" font-size="6" font-family="sans-serif" fill="#555" text-anchor="end">${escapeXml(dayLabel(last!))}</text>`
    : '';
  return `<svg class="spark" viewBox="0 0 ${width} ${bars + axis}" role="img" aria-label="${label}"><title>${label}</title><line x1="0" y1="${bars - 0.5}" x2="${width}" y2="${bars - 0.5}" stroke="#bbb"/>${rects}${ticks}</svg>`;
}

/**
 * Horizontal bars for "top themes": each label sits above its bar, so the chart stays legible
 * when scaled down to a phone's width. `href` makes a row a link (to the theme's section).
 */
export function barChartSvg(rows: ReadonlyArray<{ label: string; value: number; highlight?: boolean; href?: string }>): string {
  const width = 360;
  const rowHeight = 34;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const items = rows
    .map((r, i) => {
      const y = i * rowHeight;
      const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * (width - 40)));
      const text = clip(r.label, 52);
      const row =
        `<text x="0" y="${y + 13}" font-size="13" font-family="sans-serif" fill="#222">${escapeXml(text)}</text>` +
        `<rect x="0" y="${y + 17}" width="${w}" height="12" fill="${r.highlight ? '#b03a2e' : '#3b5f8f'}"/>` +
        `<text x="${w + 6}" y="${y + 28}" font-size="12" font-family="sans-serif" fill="#222">${r.value}</text>`;
      return r.href ? `<a href="${escapeXml(r.href)}">${row}</a>` : row;
    })
    .join('');
  return `<svg class="bars" viewBox="0 0 ${width} ${rows.length * rowHeight + 2}" role="img" aria-label="tickets per theme"><title>tickets per theme</title>${items}</svg>`;
}
