import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/report-html.js';
import { renderMarkdown } from '../../src/report/report-markdown.js';
import type { ReportData } from '../../src/report/report-model.js';
import { sparkline } from '../../src/report/sparkline.js';
import { changeLabel, severityMix } from '../../src/report/theme-format.js';
import { themeSummary } from '../helpers/theme-summary.js';

const theme = themeSummary;

function report(overrides: Partial<ReportData> = {}): ReportData {
  const rising = theme({ id: 2, title: 'Refunds <stuck> & "pending"', rising: true, rising_since: '2026-11-28T09:00:00.000Z', count: 20, expected: 2 });
  const fresh = theme({ id: 3, title: 'Dark mode', category: 'feature_request', first_seen: '2026-11-27T00:00:00.000Z', count: 1, expected: null });
  const days = Array.from({ length: 14 }, (_, i) => `2026-11-${String(15 + i).padStart(2, '0')}`);
  return {
    generated_at: '2026-11-28T12:00:00.000Z', window_ms: 7 * 86_400_000, totals: { themes: 3, tickets_in_window: 33 }, days,
    top: [rising, theme(), fresh], themes: [rising, theme(), fresh], more: 0, rising: [rising], new_themes: [fresh],
    samples: {
      2: [{ ticket_id: 41, subject: 'Refund for order 88 still pending', created_at: '2026-11-28T09:30:00.000Z', severity: 'high', url: 'https://acme.zendesk.com/agent/tickets/41' }],
      1: [{ ticket_id: 42, subject: 'Export <never> ends', created_at: '2026-11-27T09:30:00.000Z', severity: 'low', url: null }],
    },
    ...overrides,
  };
}

describe('report renderers', () => {
  it('renders Markdown with the rising, top and new sections', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('# issuetrack report: last 7d');
    expect(md).toMatch(/## Rising themes \(1\)\n\n\| # \|/);
    expect(md).toContain('| 2 | Refunds <stuck> & "pending" ▲ | performance | reports | 20 | +900% |');
    expect(md).toContain('## New themes (1)');
    expect(md).toContain('| 3 | Dark mode | feature_request | reports | 1 | new |');
  });

  it('says so when nothing is rising', () => {
    expect(renderMarkdown(report({ rising: [] }))).toContain('_Nothing is rising._');
    expect(renderHtml(report({ rising: [] }))).toContain('Nothing is rising.');
  });

  it('renders self-contained HTML: inline SVG, escaped text, no scripts and nothing fetched', () => {
    const html = renderHtml(report());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)!.length).toBe(1 + 1 + 3 + 1 + 3); // top chart, one per table row, one per theme section
    expect(html).toContain('Refunds &lt;stuck&gt; &amp; &quot;pending&quot;');
    expect(html).toContain('Export &lt;never&gt; ends');
    expect(html).not.toContain('<stuck>');
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual(['https://acme.zendesk.com/agent/tickets/41']);
  });

  it('fits a phone: viewport meta, charts sized by viewBox only, tables in their own scroll box', () => {
    const html = renderHtml(report());
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    for (const svg of html.match(/<svg [^>]*>/g)!) {
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg).not.toMatch(/ (width|height)=/);
    }
    expect(html.match(/<div class="scroll"[^>]*><table>/g)).toHaveLength(3);
  });

  it('links each theme row to its section, and each sample ticket to Zendesk', () => {
    const html = renderHtml(report());
    expect(html).toContain('<tr data-theme-id="2"><td class="n">2</td><td class="t"><a href="#theme-2">Refunds');
    expect(html).toContain('<section class="theme" id="theme-2">');
    expect(html).toContain('<a href="https://acme.zendesk.com/agent/tickets/41">#41</a> Refund for order 88 still pending');
    expect(html).toContain('#42 Export &lt;never&gt; ends'); // no host: no link
  });

  it('dates the daily charts, explains "change", and writes the generation time in local time with its zone', () => {
    const html = renderHtml(report(), { timeZone: 'Europe/Paris' });
    expect(html).toContain('>15 Nov</text>');
    expect(html).toContain('>28 Nov</text>');
    expect(html).toContain('15 Nov to 28 Nov');
    expect(html).toContain('<strong>change</strong>: tickets in the last 7d against what the 28 days before them predict');
    expect(html).toContain('<time datetime="2026-11-28T12:00:00.000Z">2026-11-28 13:00 CET</time>');
    expect(renderMarkdown(report(), { timeZone: 'UTC' })).toContain('Generated 2026-11-28 12:00 UTC.');
  });

  it('lists every theme of the window, or says how many more and how to see them', () => {
    const html = renderHtml(report());
    expect(html).toContain('All themes in the last 7d (3)');
    expect(html.match(/<tr data-theme-id=/g)!.length).toBe(1 + 3 + 1);
    const capped = report({ totals: { themes: 140, tickets_in_window: 400 }, more: 137 });
    expect(renderHtml(capped)).toContain('+137 more themes not listed here: see them all with <code>issuetrack issues --since 7d --limit 140</code>');
    expect(renderMarkdown(capped)).toContain('+137 more themes not listed here: see them all with `issuetrack issues --since 7d --limit 140`');
  });
});

describe('theme formatting', () => {
  it('draws a sparkline scaled to its largest value', () => {
    expect(sparkline([0, 1, 2, 4])).toBe('▁▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });

  it('labels change against the baseline', () => {
    expect([changeLabel(12, 4), changeLabel(2, 4), changeLabel(4, 4), changeLabel(3, null), changeLabel(0, null)]).toEqual(['+200%', '-50%', '±0%', 'new', '']);
  });

  it('lists severities most severe first', () => {
    expect(severityMix({ low: 3, critical: 1, odd: 2, high: 0 })).toBe('critical 1 · low 3 · odd 2');
  });
});
