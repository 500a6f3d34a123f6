/*
 * The source service's run metrics per day (issue 9): jobs run, success rate, average duration,
 * tickets processed, issues extracted, error rate, for each of the last 30 UTC days and summed
 * over 7 and 30. Days are UTC because the runs_daily rollup they come from is kept per UTC date
 * (migration 0011); `status` says so beside the table. Pure: rows and `now` in, figures out.
 */
import type { DaySums } from '../store/status-queries.js';


/** The figures of a day or a span of days. Rates are fractions 0..1 of finished runs; null with none finished. */
export interface RunFigures {
  /** Runs started, those still running included. */
  jobs_run: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  success_rate: number | null;
  error_rate: number | null;
  avg_duration_ms: number | null;
  tickets_synced: number;
  tickets_processed: number;
  issues_extracted: number;
}

export interface DailyMetrics {
  time_zone: 'UTC';
  /** The last 30 days, oldest first; the last is today. Days without runs are zeros. */
  days: Array<{ date: string } & RunFigures>;
  last_7d: RunFigures;
  last_30d: RunFigures;
}

export const METRIC_DAYS = 30;
const DAY_MS = 86_400_000;

/** The first UTC date (YYYY-MM-DD) of the `days` days ending today. */
export function firstDay(nowMs: number, days = METRIC_DAYS): string {
  return new Date(nowMs - (days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** Fills the 30 days ending today from `rows` (any order; days outside the window are ignored). */
export function dailyMetrics(rows: readonly DaySums[], nowMs: number): DailyMetrics {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days: DailyMetrics['days'] = [];
  const week = emptySums();
  const month = emptySums();
  // One pass, the sums added field by field: status runs this once per start, cold, where keyed
  // loops over Object.keys cost (0.40 -> 0.27 ms in a fresh process with the code cache).
  for (let i = 0; i < METRIC_DAYS; i++) {
    const date = new Date(nowMs - (METRIC_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    const sums = byDay.get(date) ?? emptySums();
    add(month, sums);
    if (i >= METRIC_DAYS - 7) add(week, sums);
    days.push({ date, ...figures(sums) });
  }
  return { time_zone: 'UTC', days, last_7d: figures(week), last_30d: figures(month) };
}

type Sums = Omit<DaySums, 'day'>;

function emptySums(): Sums {
  return { runs: 0, finished: 0, completed: 0, failed: 0, cancelled: 0, duration_ms_sum: 0, durations: 0, tickets_synced: 0, tickets_processed: 0, issues_extracted: 0 };
}

function add(to: Sums, day: Sums): void {
  to.runs += day.runs;
  to.finished += day.finished;
  to.completed += day.completed;
  to.failed += day.failed;
  to.cancelled += day.cancelled;
  to.duration_ms_sum += day.duration_ms_sum;
  to.durations += day.durations;
  to.tickets_synced += day.tickets_synced;
  to.tickets_processed += day.tickets_processed;
  to.issues_extracted += day.issues_extracted;
}

function figures(s: Sums): RunFigures {
  return {
    jobs_run: s.runs,
    succeeded: s.completed,
    failed: s.failed,
    cancelled: s.cancelled,
    success_rate: s.finished ? s.completed / s.finished : null,
    error_rate: s.finished ? s.failed / s.finished : null,
    avg_duration_ms: s.durations ? Math.round(s.duration_ms_sum / s.durations) : null,
    tickets_synced: s.tickets_synced,
    tickets_processed: s.tickets_processed,
    issues_extracted: s.issues_extracted,
  };
}
