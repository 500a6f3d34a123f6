import { terminalSafe } from '../output/terminal-text.js';
import type { ThemeDetail } from '../themes/theme-detail.js';
import { sparkline } from './sparkline.js';
import { changeLabel, severityMix } from './theme-format.js';

/**
 * `issuetrack issues show ID` for people: plain lines, the same on a TTY and a pipe. Titles,
 * descriptions and keywords come from Claude and tickets, so each goes through terminalSafe. Pure.
 */
export function renderThemeDetail(d: ThemeDetail, windowLabel: string): string {
  const safe = (text: string) => terminalSafe(text);
  const lines: string[] = [];
  if (d.merged_from != null) lines.push(`Theme ${d.merged_from} was merged into theme ${d.id}.`, '');
  lines.push(`#${d.id} ${safe(d.title)}${d.rising ? '  ▲ rising' : ''}`);
  lines.push(`${safe(d.category)}${d.component ? ` · ${safe(d.component)}` : ''}`);
  if (d.description) lines.push('', terminalSafe(d.description, { multiline: true }));
  lines.push('');
  lines.push(`${`tickets (last ${windowLabel})`.padEnd(20)} ${d.count}${d.expected != null ? ` (baseline ${d.expected}, ${changeLabel(d.count, d.expected)})` : ''}`);
  lines.push(`tickets (all time)   ${d.ticket_count} from ${d.requester_count} requesters, ${d.organization_count} organisations`);
  lines.push(`first seen           ${d.first_seen ?? '-'}`);
  lines.push(`last seen            ${d.last_seen ?? '-'}`);
  if (d.rising_since) lines.push(`rising since         ${d.rising_since}`);
  const mix = severityMix(d.severity);
  if (mix) lines.push(`severity             ${mix}`);
  if (d.keywords.length) lines.push(`keywords             ${safe(d.keywords.join(', '))}`);
  if (d.merges.length) lines.push(`absorbed themes      ${d.merges.map((m) => `#${m.from_id}`).join(', ')}`);
  const first = d.timeline[0]?.day ?? '';
  const last = d.timeline[d.timeline.length - 1]?.day ?? '';
  lines.push('', `Timeline, tickets per day ${first} … ${last}`, `  ${sparkline(d.timeline.map((t) => t.tickets))}  (max ${Math.max(0, ...d.timeline.map((t) => t.tickets))})`);
  lines.push('', 'Sample tickets');
  for (const s of d.samples) {
    lines.push(`  #${s.ticket_id}  ${s.created_at.slice(0, 16).replace('T', ' ')}  [${safe(s.severity)}]  ${safe(s.title)}`);
    if (s.url) lines.push(`      ${safe(s.url)}`);
  }
  if (d.samples.length === 0) lines.push('  none');
  return lines.join('\n') + '\n';
}
