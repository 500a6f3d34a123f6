import type { DailyMetrics, RunFigures } from '../metrics/daily-metrics.js';
import { formatDuration } from './duration-text.js';
import { renderPairs, renderTable } from './table.js';
import type { Terminal } from './terminal.js';

/**
 * The per-day run metrics of `status` for people: the last `days` UTC days as a table, newest
 * last (as `status --json` lists them), then the 7- and 30-day totals, one line each.
 */
export function renderDailyMetrics(term: Terminal, daily: DailyMetrics, days: number): string {
  const shown = daily.days.slice(-days);
  const title = term.stdoutIsTTY ? `\nRuns per day (last ${shown.length} days, UTC; issuetrack status --days 30 for a month)\n` : '';
  const table = renderTable(
    term,
    ['day (UTC)', 'runs', 'ok', 'failed', { head: 'success', numeric: true }, { head: 'errors', numeric: true }, { head: 'avg time', numeric: true }, 'synced', 'processed', 'issues'],
    shown.map((d) => [d.date, d.jobs_run, d.succeeded, d.failed, percent(d.success_rate), percent(d.error_rate), duration(d.avg_duration_ms), d.tickets_synced, d.tickets_processed, d.issues_extracted]),
  );
  return title + table + renderPairs(term, null, [
    ['last 7 days', summary(daily.last_7d)],
    ['last 30 days', summary(daily.last_30d)],
  ]);
}

/** "12 runs (11 ok, 1 failed), 92% success, 8% errors, avg 3.1 s; 40 tickets synced, 38 processed, 51 issues" */
function summary(f: RunFigures): string {
  const outcome = [`${f.succeeded} ok`, `${f.failed} failed`, ...(f.cancelled ? [`${f.cancelled} cancelled`] : [])].join(', ');
  const rates = f.success_rate == null ? '' : `, ${percent(f.success_rate)} success, ${percent(f.error_rate)} errors, avg ${duration(f.avg_duration_ms) || '-'}`;
  return `${f.jobs_run} run${f.jobs_run === 1 ? "" : "s"} (${outcome})${rates}; ${f.tickets_synced} tickets synced, ${f.tickets_processed} processed, ${f.issues_extracted} issues extracted`;
}

const percent = (rate: number | null) => (rate == null ? '' : `${Math.round(rate * 100)}%`);
const duration = (ms: number | null) => (ms == null ? '' : formatDuration(ms));
