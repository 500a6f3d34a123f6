import { localDateTime } from '../output/relative-time.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import type { ReportData } from './report-model.js';
import { escapeXml as e, sparkBarsSvg } from './svg-charts.js';
import { changeLabel, severityMix, windowLabel } from './theme-format.js';

/**
 * One theme's section of the HTML report (anchor `theme-ID`): what it is, its daily chart with
 * dated axis, and its newest tickets, each a link to Zendesk when the host is known. Pure.
 */
export function themeSection(t: ThemeSummary, r: ReportData, timeZone?: string): string {
  const w = windowLabel(r.window_ms);
  const change = changeLabel(t.count, t.expected);
  const facts = [t.category, t.component, `${t.count} tickets in ${w}${change ? ` (${change})` : ''}`, `${t.ticket_count} all time`, severityMix(t.severity)]
    .filter(Boolean)
    .map((x) => e(String(x)))
    .join(' · ');
  const samples = (r.samples[t.id] ?? [])
    .map((s) => {
      const subject = e(s.subject || `ticket ${s.ticket_id}`);
      const link = s.url ? `<a href="${e(s.url)}">#${s.ticket_id}</a>` : `#${s.ticket_id}`;
      return `<li>${link} ${subject} <span class="muted">· ${e(localDateTime(s.created_at, timeZone))} · ${e(s.severity)}</span></li>`;
    })
    .join('');
  return `<section class="theme" id="theme-${t.id}">
<h3>#${t.id} ${e(t.title)}${t.rising ? ' <span class="rising">▲ rising</span>' : ''}</h3>
<p class="muted">${facts}</p>
${t.description ? `<p>${e(t.description)}</p>` : ''}
${sparkBarsSvg(t.daily_14d, { days: r.days, axis: true, label: `tickets per day of theme ${t.id}` })}
${samples ? `<p>Newest tickets:</p><ul class="samples">${samples}</ul>` : ''}
</section>`;
}
