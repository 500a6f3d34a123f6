import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli, runShell } from '../helpers/cli.js';
import { DAY_MS, rawRuns, resultCounts, standInHistory, type RawRun } from '../helpers/stand-in-runs.js';

const FULL_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The figures `status` must show for a set of runs, computed from the raw rows. */
function figuresOf(runs: RawRun[]) {
  const finished = runs.filter((r) => r.status !== 'running');
  const timed = finished.filter((r) => r.duration_ms != null);
  const count = (status: string) => runs.filter((r) => r.status === status).length;
  const sum = (key: 'synced' | 'processed' | 'issues') => runs.reduce((n, r) => n + resultCounts(r)[key], 0);
  return {
    jobs_run: runs.length,
    succeeded: count('completed'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    success_rate: finished.length ? count('completed') / finished.length : null,
    error_rate: finished.length ? count('failed') / finished.length : null,
    avg_duration_ms: timed.length ? Math.round(timed.reduce((n, r) => n + r.duration_ms!, 0) / timed.length) : null,
    tickets_synced: sum('synced'),
    tickets_processed: sum('processed'),
    issues_extracted: sum('issues'),
  };
}

describe('status: runs per day', () => {
  it('reports each of the last 30 UTC days and the 7- and 30-day totals exactly as the runs table holds them', async () => {
    const { db, env } = await standInHistory();
    const result = await runCli(['status', '--json'], { env });
    expect(result.exitCode).toBe(0);
    const daily = JSON.parse(result.stdout).metrics.daily;

    const runs = await rawRuns(db);
    const now = Date.now();
    const dates = Array.from({ length: 30 }, (_, i) => new Date(now - (29 - i) * DAY_MS).toISOString().slice(0, 10));
    const on = (date: string) => runs.filter((r) => r.started_at.slice(0, 10) === date);
    expect(daily.time_zone).toBe('UTC');
    expect(daily.days).toEqual(dates.map((date) => ({ date, ...figuresOf(on(date)) })));
    expect(daily.last_7d).toEqual(figuresOf(dates.slice(-7).flatMap(on)));
    expect(daily.last_30d).toEqual(figuresOf(dates.flatMap(on)));
    // The history is what the test meant it to be: real runs today, older ones, one outside the window.
    expect(daily.days.at(-1).tickets_synced).toBeGreaterThan(0);
    expect(daily.days.at(-1).issues_extracted).toBeGreaterThan(0);
    expect(daily.days.at(-1).failed).toBe(1);
    expect(daily.last_30d.jobs_run).toBe(runs.length - 1);
    expect(daily.days.filter((d: { jobs_run: number }) => d.jobs_run === 0).length).toBe(25);
  });

  it('shows 7 days by default, 30 with --days 30, and refuses --days 31', async () => {
    const { env } = await standInHistory();
    const rows = (stdout: string) => stdout.split('\n').filter((line) => /^\d{4}-\d\d-\d\d\t/.test(line));
    const week = await runCli(['status'], { env });
    expect(week.exitCode).toBe(0);
    expect(rows(week.stdout)).toHaveLength(7);
    expect(week.stdout).toMatch(/^last 30 days\t\d+ runs \(\d+ ok, \d+ failed, 1 cancelled\), \d+% success/m);
    const month = await runCli(['status', '--days', '30'], { env });
    expect(rows(month.stdout)).toHaveLength(30);
    // The same through the full program (bin/issuetrack sends plain status calls down the fast path).
    const full = await runShell(`node ${JSON.stringify(FULL_CLI)} status --days 30`, { env });
    expect(full.stdout).toBe(month.stdout);
    const refused = await runCli(['status', '--days', '31'], { env });
    expect(refused.exitCode).toBe(64);
    expect(refused.stderr).toMatch(/^issuetrack: .*--days/);
  });
});
