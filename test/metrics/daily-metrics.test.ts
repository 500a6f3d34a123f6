import { describe, expect, it } from 'vitest';
import { dailyMetrics, firstDay } from '../../src/metrics/daily-metrics.js';
import type { DaySums } from '../../src/store/status-queries.js';

const NOW = Date.parse('2026-11-30T08:00:00Z');
const sums = (day: string, over: Partial<DaySums> = {}): DaySums => ({
  day, runs: 0, finished: 0, completed: 0, failed: 0, cancelled: 0, duration_ms_sum: 0, durations: 0, tickets_synced: 0, tickets_processed: 0, issues_extracted: 0, ...over,
});

describe('dailyMetrics', () => {
  it('lists 30 UTC days ending today, zeros where nothing ran', () => {
    const m = dailyMetrics([], NOW);
    expect(m.days).toHaveLength(30);
    expect(m.days[0]!.date).toBe('2026-11-01');
    expect(m.days.at(-1)!.date).toBe('2026-11-30');
    expect(firstDay(NOW)).toBe('2026-11-01');
    expect(m.days[5]).toEqual({ date: '2026-11-06', jobs_run: 0, succeeded: 0, failed: 0, cancelled: 0, success_rate: null, error_rate: null, avg_duration_ms: null, tickets_synced: 0, tickets_processed: 0, issues_extracted: 0 });
  });

  it('rates finished runs only and sums 7 and 30 days from the day sums, not from averaged days', () => {
    const m = dailyMetrics(
      [
        sums('2026-11-30', { runs: 3, finished: 2, completed: 1, failed: 1, duration_ms_sum: 3000, durations: 2, tickets_synced: 5 }),
        sums('2026-11-24', { runs: 1, finished: 1, completed: 1, duration_ms_sum: 9000, durations: 1, issues_extracted: 4 }),
        sums('2026-11-23', { runs: 4, finished: 4, failed: 4, duration_ms_sum: 400, durations: 4 }),
        sums('2026-10-31', { runs: 100, finished: 100, completed: 100 }), // a day before the window
      ],
      NOW,
    );
    expect(m.days.at(-1)).toMatchObject({ jobs_run: 3, succeeded: 1, failed: 1, success_rate: 0.5, error_rate: 0.5, avg_duration_ms: 1500, tickets_synced: 5 });
    expect(m.last_7d).toMatchObject({ jobs_run: 4, succeeded: 2, failed: 1, success_rate: 2 / 3, avg_duration_ms: 4000, issues_extracted: 4 });
    expect(m.last_30d).toMatchObject({ jobs_run: 8, succeeded: 2, failed: 5, success_rate: 2 / 7, error_rate: 5 / 7, avg_duration_ms: Math.round(12400 / 7) });
  });
});
