import { cellText } from '../output/cell-text.js';
import { terminalSafe } from '../output/terminal-text.js';
import type { ThemeDetail } from '../themes/theme-detail.js';
import { sparkline } from './sparkline.js';
import { changeLabel, severityMix } from './theme-format.js';

/**
 * `issuetrack issues show ID` for people: plain lines, every title whole, outside text (titles,
 * subjects, descriptions, keywords) made safe for a terminal. `when` writes a time
 * (relative and local on a terminal, ISO on a pipe: see output/relative-time.ts). Pure.
 */
export function renderThemeDetail(d: ThemeDetail, windowLabel: string, when: (iso: string | null) => string = (iso) => iso ?? '-'): string {
  const t = cellText;
  const lines: string[] = [];
  if (d.merged_from != null) lines.push(`Theme ${d.merged_from} was merged into theme ${d.id}.`, '');
  lines.push(`#${d.id} ${t(d.title)}${d.rising ? '  ▲ rising' : ''}`);
  lines.push(`${t(d.category)}${d.component ? ` · ${t(d.component)}` : ''}`);
  if (d.description) lines.push('', terminalSafe(d.description, { multiline: true }));
  lines.push('');
  lines.push(`${`tickets (last ${windowLabel})`.padEnd(20)} ${d.count}${d.expected != null ? ` (baseline ${d.expected}, ${changeLabel(d.count, d.expected)})` : ''}`);
  lines.push(`tickets (all time)   ${d.ticket_count} from ${d.requester_count} requesters, ${d.organization_count} organisations`);
  lines.push(`first seen           ${when(d.first_seen)}`);
  lines.push(`last seen            ${when(d.last_seen)}`);
  if (d.rising_since) lines.push(`rising since         ${when(d.rising_since)}`);
  const mix = severityMix(d.severity);
  if (mix) lines.push(`severity             ${t(mix)}`);
  if (d.keywords.length) lines.push(`keywords             ${t(d.keywords.join(', '))}`);
  if (d.merges.length) lines.push(`absorbed themes      ${d.merges.map((m) => `#${m.from_id}`).join(', ')}`);
  const first = d.timeline[0]?.day ?? '';
  const last = d.timeline[d.timeline.length - 1]?.day ?? '';
  lines.push('', `Timeline, tickets per day ${first} … ${last}`, `  ${sparkline(d.timeline.map((x) => x.tickets))}  (max ${Math.max(0, ...d.timeline.map((x) => x.tickets))})`);
  lines.push('', 'Sample tickets');
  for (const s of d.samples) {
    // The ticket's own subject: the issue titles of a theme all read alike by construction.
    lines.push(`  #${s.ticket_id}  ${when(s.created_at)}  [${t(s.severity)}]  ${t(s.subject || s.title)}`);
    if (s.url) lines.push(`      ${t(s.url)}`);
  }
  if (d.samples.length === 0) lines.push('  none');
  return lines.join('\n') + '\n';
}
