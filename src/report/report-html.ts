import { localDateTime } from '../output/relative-time.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import { themeSection } from './report-html-theme.js';
import type { ReportData } from './report-model.js';
import { barChartSvg, escapeXml as e, sparkBarsSvg } from './svg-charts.js';
import { changeLabel, severityMix, windowLabel } from './theme-format.js';

// Readable from a 360 px phone to a wide screen: charts scale with the page, wide tables scroll
// inside their own box instead of pushing the page sideways, long words wrap.
const CSS = `
*{box-sizing:border-box}
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1d1d;background:#fff;max-width:980px;margin:0 auto;padding:12px 16px 48px;line-height:1.45;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:.6em 0 .2em}h2{font-size:1.12rem;margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:4px}h3{font-size:1rem;margin:1.4em 0 .3em}
a{color:#1f4f8f}.muted{color:#555}.empty{color:#555;font-style:italic}.rising{color:#b03a2e;font-weight:bold}
.scroll{overflow-x:auto;max-width:100%;border:1px solid #e3e3e3;border-radius:4px}
table{border-collapse:collapse;width:100%;min-width:680px;font-size:.85rem;overflow-wrap:normal}
th,td{text-align:left;padding:5px 7px;border-bottom:1px solid #eee;vertical-align:middle}th{background:#f3f3f3;font-weight:600;white-space:nowrap}td.t{overflow-wrap:anywhere;min-width:14em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:0}svg.bars{display:block;width:100%;max-width:480px;height:auto}
svg.spark{display:block;width:100px;height:auto}
section.theme svg.spark{width:196px}
.legend{font-size:.85rem;background:#f7f7f7;border-left:3px solid #3b5f8f;padding:6px 10px}
ul.samples{padding-left:1.2em}ul.samples li{margin:.2em 0}
`;

/**
 * The report as one self-contained HTML document: inline CSS and inline SVG charts, no scripts,
 * no images or fonts from elsewhere, so a mail client shows it as is. Links go to each theme's
 * own section and, when the Zendesk host is known, to the tickets. `timeZone` is where the
 * generation time is written in (the process's own by default). Pure.
 */
export function renderHtml(r: ReportData, opts: { timeZone?: string } = {}): string {
  const w = windowLabel(r.window_ms);
  const listed = new Set(r.themes.map((t) => t.id));
  const list = (title: string, themes: readonly ThemeSummary[], empty: string) =>
    `<h2>${e(title)}</h2>\n${themes.length ? table(themes, r, listed) : `<p class="empty">${e(empty)}</p>`}`;
  const chart = r.top.length
    ? `<figure>${barChartSvg(r.top.map((t) => ({ label: t.title, value: t.count, highlight: t.rising, href: `#theme-${t.id}` })))}<figcaption class="muted">The ${r.top.length} themes with most tickets in the last ${e(w)}; red ones are rising.</figcaption></figure>`
    : '';
  const more = r.more > 0 ? `<p class="more">+${r.more} more themes not listed here: see them all with <code>issuetrack issues --since ${e(w)} --limit ${r.themes.length + r.more}</code>.</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>issuetrack report: last ${e(w)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>issuetrack report: last ${e(w)}</h1>
<p class="muted">Generated <time datetime="${e(r.generated_at)}">${e(localDateTime(r.generated_at, opts.timeZone))}</time>. ${r.totals.tickets_in_window} tickets in ${r.totals.themes} themes.</p>
<p class="legend"><strong>change</strong>: tickets in the last ${e(w)} against what the 28 days before them predict for ${e(w)} (+100% is twice as many; <em>new</em>: no tickets before). <span class="rising">▲ rising</span>: more than chance explains. Daily charts count tickets per UTC day.</p>
${list(`Rising themes (${r.rising.length})`, r.rising, 'Nothing is rising.')}
<h2>Top themes</h2>
${chart || `<p class="empty">No tickets in the last ${e(w)}.</p>`}
${list(`All themes in the last ${w} (${r.totals.themes})`, r.themes, `No tickets in the last ${w}.`)}
${more}
${list(`New themes (${r.new_themes.length})`, r.new_themes, `No new themes in the last ${w}.`)}
${r.themes.length ? `<h2>Themes in detail</h2>\n${r.themes.map((t) => themeSection(t, r, opts.timeZone)).join('\n')}` : ''}
</body>
</html>
`;
}

function table(themes: readonly ThemeSummary[], r: ReportData, listed: ReadonlySet<number>): string {
  const w = windowLabel(r.window_ms);
  const rows = themes
    .map((t) => {
      const title = listed.has(t.id) ? `<a href="#theme-${t.id}">${e(t.title)}</a>` : e(t.title);
      return (
        `<tr data-theme-id="${t.id}"><td class="n">${t.id}</td><td class="t">${title}${t.rising ? ' <span class="rising">▲ rising</span>' : ''}</td>` +
        `<td>${e(t.category)}</td><td>${e(t.component ?? '')}</td><td class="n">${t.count}</td><td class="n">${e(changeLabel(t.count, t.expected))}</td>` +
        `<td>${sparkBarsSvg(t.daily_14d, { days: r.days })}</td><td>${e(severityMix(t.severity))}</td></tr>`
      );
    })
    .join('\n');
  return `<div class="scroll" role="region" aria-label="themes table" tabindex="0"><table>
<thead><tr><th class="n">#</th><th>theme</th><th>category</th><th>component</th><th class="n">tickets (${e(w)})</th><th class="n">change</th><th>per day, ${e(dayRange(r.days))}</th><th>severity</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function dayRange(days: readonly string[]): string {
  return days.length ? `${days[0]!.slice(5)} to ${days[days.length - 1]!.slice(5)}` : '';
}
