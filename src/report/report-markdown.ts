import { cellText } from '../output/cell-text.js';
import { localDateTime } from '../output/relative-time.js';
import { clip } from '../output/table.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import type { ReportData } from './report-model.js';
import { sparkline } from './sparkline.js';
import { dayLabel } from './svg-charts.js';
import { changeLabel, severityMix, windowLabel } from './theme-format.js';

/** The report as Markdown (plain text that reads well in a cron mail). Pure. */
export function renderMarkdown(r: ReportData, opts: { timeZone?: string } = {}): string {
  const w = windowLabel(r.window_ms);
  const span = r.days.length ? `${dayLabel(r.days[0]!)} to ${dayLabel(r.days[r.days.length - 1]!)}` : '';
  const out: string[] = [];
  out.push(`# issuetrack report: last ${w}`, '');
  out.push(`Generated ${localDateTime(r.generated_at, opts.timeZone)}. ${r.totals.tickets_in_window} tickets in ${r.totals.themes} themes.`, '');
  out.push(`_change_: tickets in the last ${w} against what the 28 days before them predict (new: no tickets before). ▲: rising. Per day: tickets per UTC day, ${span}.`, '');
  out.push(`## Rising themes (${r.rising.length})`, '');
  out.push(r.rising.length ? table(r.rising, w) : '_Nothing is rising._', '');
  out.push(`## Top themes`, '');
  if (r.top.length) {
    const max = Math.max(1, ...r.top.map((t) => t.count));
    out.push('```');
    for (const t of r.top) out.push(`${clip(cellText(t.title), 40).padEnd(40)} ${'█'.repeat(Math.max(1, Math.round((t.count / max) * 30)))} ${t.count}`);
    out.push('```', '');
  } else out.push(`_No tickets in the last ${w}._`, '');
  out.push(`## All themes in the last ${w} (${r.totals.themes})`, '');
  out.push(r.themes.length ? table(r.themes, w) : `_No tickets in the last ${w}._`, '');
  if (r.more > 0) out.push(`+${r.more} more themes not listed here: see them all with \`issuetrack issues --since ${w} --limit ${r.themes.length + r.more}\`.`, '');
  out.push(`## New themes (${r.new_themes.length})`, '');
  out.push(r.new_themes.length ? table(r.new_themes, w) : `_No new themes in the last ${w}._`, '');
  return out.join('\n');
}

function table(themes: readonly ThemeSummary[], w: string): string {
  const head = `| # | theme | category | component | tickets (${w}) | change | per day | severity |`;
  const rule = '|---:|---|---|---|---:|---:|---|---|';
  const rows = themes.map(
    (t) =>
      `| ${t.id} | ${cell(t.title)}${t.rising ? ' ▲' : ''} | ${cell(t.category)} | ${cell(t.component ?? '')} | ${t.count} | ${changeLabel(t.count, t.expected)} | ${sparkline(t.daily_14d)} | ${cell(severityMix(t.severity))} |`,
  );
  return [head, rule, ...rows].join('\n');
}

/** A table cell: one line, no raw control or bidi characters (the report is read in terminals and mail). */
function cell(text: string): string {
  return cellText(text).replace(/\|/g, '\\|');
}

