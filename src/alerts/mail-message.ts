import { createHash } from 'node:crypto';
import type { AlertPayload } from './alert-payload.js';

/**
 * The alert as a plain-text RFC 5322 message for `sendmail -t -i`. Every header value is built
 * from our own text or one-line, redacted alert fields; the subject is RFC 2047 encoded when it is
 * not ASCII, so no ticket text can add a header. Message-ID comes from the idempotency key, so a
 * repeat after a crash is the same message to mail clients. Pure.
 */
export function mailMessage(p: AlertPayload, to: readonly string[], from: string | undefined, nowMs: number): string {
  const id = createHash('sha256').update(p.id).digest('hex').slice(0, 32);
  const headers = [
    ...(from ? [`From: issuetrack <${from}>`] : []),
    `To: ${to.join(', ')}`,
    `Subject: ${encodeHeader(`[issuetrack] ${p.summary}`)}`,
    `Date: ${new Date(nowMs).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}@issuetrack.alerts>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    'Auto-Submitted: auto-generated',
    `X-Issuetrack-Alert: ${p.kind}`,
  ];
  return `${headers.join('\n')}\n\n${mailBody(p)}\n`;
}

function mailBody(p: AlertPayload): string {
  const lines = [p.summary, ''];
  const t = p.theme;
  if (t) {
    lines.push(`Theme #${t.id}: ${t.title}`, `Category: ${t.category}${t.component ? ` · component: ${t.component}` : ''}`);
    lines.push(`Tickets in 24 h: ${t.count_24h}${t.expected_24h === null ? '' : ` (expected ${t.expected_24h.toFixed(1)})`}, in 7 days: ${t.count_7d}`);
    lines.push(`Last 14 days: ${t.sparkline}  (${t.daily_14d.join(' ')})`);
    if (t.tickets.length) {
      lines.push('', 'Recent tickets:');
      for (const k of t.tickets) lines.push(`  #${k.id} ${k.subject}${k.url ? `\n    ${k.url}` : ''}`);
    }
    if (t.url) lines.push('', `Theme: ${t.url}`);
  }
  const j = p.job;
  if (j) {
    lines.push(`Job: ${j.name} (${j.schedule})`);
    if (j.last_run_at) lines.push(`Last run: ${j.last_run_at}`);
    if (j.expected_at) lines.push(`Was due: ${j.expected_at}`);
    if (j.last_error) lines.push(`Last error: ${j.last_error}`);
  }
  if (p.dashboard_url) lines.push(`Dashboard: ${p.dashboard_url}`);
  lines.push('', `Alert id: ${p.id}`);
  // A lone "." line ends input for sendmail without -i; we pass -i, and guard anyway.
  return lines.join('\n').replace(/^\.$/gm, '..');
}

function encodeHeader(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  return `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}
