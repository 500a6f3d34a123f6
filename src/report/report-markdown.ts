import { terminalSafe } from '../output/terminal-text.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import type { ReportData } from './report-model.js';
import { sparkline } from './sparkline.js';
import { changeLabel, severityMix, windowLabel } from './theme-format.js';

/** The report as Markdown (plain text that reads well in a cron mail). Pure. */
export function renderMarkdown(r: ReportData): string {
  const w = windowLabel(r.window_ms);
  const out: string[] = [];
  out.push(`# issuetrack report: last ${w}`, '');
  out.push(`Generated ${r.generated_at}. ${r.totals.tickets_in_window} tickets in ${r.totals.themes} themes.`, '');
  out.push(`## Rising themes (${r.rising.length})`, '');
  out.push(r.rising.length ? table(r.rising, w) : '_Nothing is rising._', '');
  out.push(`## Top themes`, '');
  out.push(r.top.length ? table(r.top, w) : `_No tickets in the last ${w}._`, '');
  if (r.top.length) {
    const max = Math.max(1, ...r.top.map((t) => t.count));
    out.push('```');
    for (const t of r.top) out.push(`${clip(terminalSafe(t.title), 40).padEnd(40)} ${'█'.repeat(Math.max(1, Math.round((t.count / max) * 30)))} ${t.count}`);
    out.push('```', '');
  }
  out.push(`## New themes (${r.new_themes.length})`, '');
  out.push(r.new_themes.length ? table(r.new_themes, w) : `_No new themes in the last ${w}._`, '');
  return out.join('\n');
}

function table(themes: readonly ThemeSummary[], w: string): string {
  const head = `| # | theme | category | component | tickets (${w}) | change | last 14 days | severity |`;
  const rule = '|---:|---|---|---|---:|---:|---|---|';
  const rows = themes.map(
    (t) =>
      `| ${t.id} | ${cell(t.title)}${t.rising ? ' ▲' : ''} | ${cell(t.category)} | ${cell(t.component ?? '')} | ${t.count} | ${changeLabel(t.count, t.expected)} | ${sparkline(t.daily_14d)} | ${cell(severityMix(t.severity))} |`,
  );
  return [head, rule, ...rows].join('\n');
}

/** A table cell: one line, no raw control or bidi characters (the report is read in terminals and mail). */
function cell(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(/\|/g, '\\|');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
