import type { ThemeSummary } from '../themes/theme-queries.js';
import type { ReportData } from './report-model.js';
import { barChartSvg, escapeXml, sparkBarsSvg } from './svg-charts.js';
import { changeLabel, severityMix, windowLabel } from './theme-format.js';

/**
 * The report as one self-contained HTML document: inline CSS and inline SVG charts, no scripts,
 * no images or fonts from elsewhere, so a mail client shows it as is. Pure.
 */
export function renderHtml(r: ReportData): string {
  const w = windowLabel(r.window_ms);
  const e = escapeXml;
  const section = (title: string, themes: readonly ThemeSummary[], empty: string) =>
    `<h2>${e(title)}</h2>\n${themes.length ? table(themes, w) : `<p class="empty">${e(empty)}</p>`}`;
  const chart = r.top.length ? `<div class="chart">${barChartSvg(r.top.map((t) => ({ label: t.title, value: t.count, highlight: t.rising })))}</div>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>issuetrack report: last ${e(w)}</title>
<style>
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;max-width:960px;margin:24px auto;padding:0 12px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:middle}
th{background:#f5f5f5}td.n{text-align:right}.rising{color:#c0392b;font-weight:bold}.empty{color:#777;font-style:italic}.muted{color:#777}
</style>
</head>
<body>
<h1>issuetrack report: last ${e(w)}</h1>
<p class="muted">Generated ${e(r.generated_at)}. ${r.totals.tickets_in_window} tickets in ${r.totals.themes} themes.</p>
${section(`Rising themes (${r.rising.length})`, r.rising, 'Nothing is rising.')}
<h2>Top themes</h2>
${chart}
${r.top.length ? table(r.top, w) : `<p class="empty">No tickets in the last ${e(w)}.</p>`}
${section(`New themes (${r.new_themes.length})`, r.new_themes, `No new themes in the last ${w}.`)}
</body>
</html>
`;
}

function table(themes: readonly ThemeSummary[], w: string): string {
  const e = escapeXml;
  const rows = themes
    .map(
      (t) => `<tr><td class="n">${t.id}</td><td>${e(t.title)}${t.rising ? ' <span class="rising">▲ rising</span>' : ''}${t.description ? `<br><span class="muted">${e(t.description)}</span>` : ''}</td>` +
        `<td>${e(t.category)}</td><td>${e(t.component ?? '')}</td><td class="n">${t.count}</td><td class="n">${e(changeLabel(t.count, t.expected))}</td>` +
        `<td>${sparkBarsSvg(t.daily_14d, { label: `tickets per day, last ${t.daily_14d.length} days` })}</td><td>${e(severityMix(t.severity))}</td></tr>`,
    )
    .join('\n');
  return `<table>
<tr><th>#</th><th>theme</th><th>category</th><th>component</th><th>tickets (${e(w)})</th><th>change</th><th>last 14 days</th><th>severity</th></tr>
${rows}
</table>`;
}
