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
  return {
    generated_at: '2026-11-28T12:00:00.000Z', window_ms: 7 * 86_400_000, totals: { themes: 3, tickets_in_window: 33 },
    top: [rising, theme(), fresh], rising: [rising], new_themes: [fresh], ...overrides,
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

  it('renders self-contained HTML: inline SVG, escaped text, no external URLs', () => {
    const html = renderHtml(report());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)!.length).toBe(1 + 3 + 1 + 1); // top chart + one per table row
    expect(html).toContain('Refunds &lt;stuck&gt; &amp; &quot;pending&quot;');
    expect(html).not.toContain('<stuck>');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(/i);
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
