import type { ThemeSummary } from '../../src/themes/theme-queries.js';

/** A theme as listThemes() returns it, with overrides. */
export function themeSummary(overrides: Partial<ThemeSummary> = {}): ThemeSummary {
  return {
    id: 1, title: 'CSV export times out', description: null, category: 'performance', component: 'reports', count: 12, expected: 4,
    ticket_count: 40, requester_count: 30, organization_count: 10, first_seen: '2026-10-01T00:00:00.000Z', last_seen: '2026-11-28T10:00:00.000Z',
    rising: false, rising_since: null, daily_14d: [0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 1, 1, 3, 0], severity: { high: 2, low: 10 }, ...overrides,
  };
}
