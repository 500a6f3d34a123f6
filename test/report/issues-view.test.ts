import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderThemesTable } from '../../src/report/issues-view.js';
import { renderThemeDetail } from '../../src/report/theme-view.js';
import type { ThemeDetail } from '../../src/themes/theme-detail.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { themeSummary } from '../helpers/theme-summary.js';

const LONG = 'Invoice PDF export fails with a timeout when the invoice has more than two hundred line items and a custom logo';
const themes = [
  themeSummary({ id: 7, title: LONG, category: 'bug', component: 'invoices', count: 31, rising: true, severity: { critical: 3, high: 12, medium: 16 } }),
  themeSummary({ id: 12, title: 'Bank sync disconnects every night', category: 'integration', component: 'bank feeds', count: 9, expected: 8 }),
  themeSummary({ id: 103, title: 'Dark mode', category: 'feature_request', component: null, count: 1, expected: null, severity: { low: 1 } }),
];
const lines = (text: string) => text.trimEnd().split('\n');

describe('the theme table', () => {
  for (const columns of [80, 120]) {
    it(`fits ${columns} columns: no line is wider, one line per theme`, () => {
      const out = renderThemesTable(fakeTerminal({ columns }), themes);
      expect(lines(out)).toHaveLength(2 + themes.length);
      for (const line of lines(out)) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
      expect(out).toContain('Invoice PDF export');
      expect(out).toContain('…');
      expect(out).not.toContain(LONG);
    });
  }

  it('shows more of a title and more columns in a wider terminal', () => {
    const narrow = renderThemesTable(fakeTerminal({ columns: 80 }), themes);
    const wide = renderThemesTable(fakeTerminal({ columns: 120 }), themes);
    expect(narrow).not.toContain('category');
    expect(wide).toContain('category');
    expect(wide.split('\n')[2]!.indexOf('…')).toBeGreaterThan(narrow.split('\n')[2]!.indexOf('…'));
  });

  it('right-aligns the counts under their header', () => {
    const out = lines(renderThemesTable(fakeTerminal({ columns: 120 }), themes));
    const end = out[0]!.indexOf('count') + 'count'.length;
    expect(out.slice(2).map((l) => l.slice(end - 2, end))).toEqual(['31', ' 9', ' 1']);
  });

  it('paints rising in red on a colour terminal, and not with NO_COLOR', () => {
    expect(renderThemesTable(fakeTerminal({ columns: 120, env: {} }), themes)).toContain('\x1b[31m▲ rising\x1b[39m');
    expect(renderThemesTable(fakeTerminal({ columns: 120, env: { NO_COLOR: '1' } }), themes)).not.toContain('\x1b[');
  });

  it('keeps the whole title on a pipe', () => {
    expect(renderThemesTable(fakeTerminal({ tty: false, columns: 80 }), themes)).toContain(LONG);
  });

  it('suggests the command as it can be typed here when there is nothing yet', () => {
    expect(renderThemesTable(fakeTerminal({}), [], './bin/issuetrack')).toContain('run `./bin/issuetrack trends`');
  });
});

describe('one theme in full', () => {
  const detail: ThemeDetail = {
    ...themeSummary({ id: 7, title: LONG }),
    keywords: ['invoice', 'pdf'],
    merged_from: null,
    merges: [],
    timeline: [{ day: '2026-11-29', tickets: 1 }, { day: '2026-11-30', tickets: 2 }],
    samples: [
      { ticket_id: 501, subject: 'PDF never finishes for our March invoice', title: 'Invoice PDF export times out', severity: 'high', summary: null, created_at: '2026-11-30T06:57:00.000Z', url: 'https://acme.zendesk.com/agent/tickets/501' },
      { ticket_id: 502, subject: 'Cannot download invoice 2231', title: 'Invoice PDF export times out', severity: 'medium', summary: null, created_at: '2026-11-29T10:00:00.000Z', url: null },
    ],
  };

  it('lists each sample ticket with its own subject, time and link, and the title whole', () => {
    const when = (iso: string | null) => (iso === '2026-11-30T06:57:00.000Z' ? '3 min ago' : (iso ?? '-'));
    const out = renderThemeDetail(detail, '7d', when);
    expect(out).toContain(LONG);
    expect(out).toContain('#501  3 min ago  [high]  PDF never finishes for our March invoice');
    expect(out).toContain('https://acme.zendesk.com/agent/tickets/501');
    expect(out).toContain('#502  2026-11-29T10:00:00.000Z  [medium]  Cannot download invoice 2231');
  });
});
