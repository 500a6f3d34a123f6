import type { AlertPayload } from './alert-payload.js';

/*
 * The Block Kit message an incoming webhook posts. Limits from Slack's reference: a header block's
 * plain_text at most 150 characters, a section's text at most 3000, at most 50 blocks
 * (docs.slack.dev/reference/block-kit/blocks/header-block and .../section-block). `text` is the
 * notification fallback when blocks are present. In mrkdwn, &, < and > are control characters and
 * must be sent as &amp; &lt; &gt; (api.slack.com/reference/surfaces/formatting, "Escaping text"):
 * a ticket subject of "<!channel>" must not ping a channel.
 */

const HEADER_MAX = 150;
const SECTION_MAX = 3000;

type Block = Record<string, unknown>;

/** The JSON body for a Slack incoming webhook. Pure. */
export function slackMessage(p: AlertPayload): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  const theme = p.theme;
  if (theme) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(`${headline(p.kind)}: ${theme.title}`, HEADER_MAX) } });
    const where = [theme.category, theme.component].filter(Boolean).map((s) => escape(s!)).join(' · ');
    const expected = theme.expected_24h === null ? '' : ` (expected ${theme.expected_24h.toFixed(1)})`;
    const was = theme.previous_count_24h !== null ? `, ${theme.previous_count_24h} at the last alert` : '';
    blocks.push(section(`*${theme.count_24h}* tickets in 24 h${expected}${was} · ${theme.customers_24h} customers · ${where}\n\`${theme.sparkline}\` last 14 days`));
    if (theme.tickets.length) {
      const lines = theme.tickets.map((t) => `• ${t.url ? `<${t.url}|#${t.id}>` : `#${t.id}`} ${escape(t.subject)}`);
      blocks.push(section(`Recent tickets:\n${lines.join('\n')}`));
    }
    const links = [theme.url ? `<${theme.url}|Theme #${theme.id}>` : `Theme #${theme.id}`];
    if (p.dashboard_url) links.push(`<${p.dashboard_url}|Dashboard>`);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] });
  } else {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(headline(p.kind), HEADER_MAX) } });
    blocks.push(section(escape(p.summary)));
    if (p.dashboard_url) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${p.dashboard_url}|Dashboard>` }] });
  }
  return { text: escape(cut(p.summary, SECTION_MAX)), blocks };
}

function headline(kind: AlertPayload['kind']): string {
  return {
    theme_rising: 'Rising',
    theme_escalated: 'Still rising, doubled',
    theme_recovered: 'No longer rising',
    new_theme: 'New theme',
    job_failing: 'Scheduled job failing',
    job_overdue: 'Scheduled job overdue',
    test: 'issuetrack test alert',
  }[kind];
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_MAX) } };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
