import { queryAll, queryOne } from './raw-query.js';
import type { RunsTable, WorkerStatusTable } from './schema-core.js';
import type { Store } from './store.js';

/*
 * The queries behind `status`. Plain SQL through raw-query.ts, not Kysely: `status` must start
 * about as fast as bare node (DESIGN.md), and loading Kysely alone costs ~20 ms. The same text
 * runs on SQLite and PostgreSQL. Every query here must stay cheap on a database of 100k tickets
 * (bench/status-cold-start.mjs).
 */

/** The worker row. Always exists (migration 0001 inserts it). */
export async function readWorkerRow(store: Store): Promise<WorkerStatusTable> {
  return (await queryOne<WorkerStatusTable>(store, 'SELECT * FROM worker_status WHERE id = 1'))!;
}

/** A task's newest run and newest completed run (the runs_task_started index, one row each). */
export interface LastRuns {
  last?: RunsTable;
  success?: RunsTable;
}

/**
 * The newest run and the newest completed run of each of `tasks`, in one read (a statement per
 * task and kind cost `status` one prepare each). A task without runs has neither.
 */
export async function readLastRuns(store: Store, tasks: readonly string[]): Promise<Map<string, LastRuns>> {
  if (tasks.length === 0) return new Map();
  const parts = tasks.map(
    () => `SELECT 'last' AS pick, r.* FROM (SELECT * FROM runs WHERE task = ? ORDER BY started_at DESC LIMIT 1) AS r
      UNION ALL SELECT 'success' AS pick, s.* FROM (SELECT * FROM runs WHERE task = ? AND status = 'completed' ORDER BY started_at DESC LIMIT 1) AS s`,
  );
  const rows = await queryAll<RunsTable & { pick: 'last' | 'success' }>(store, parts.join(' UNION ALL '), tasks.flatMap((task) => [task, task]));
  const found = new Map<string, LastRuns>(tasks.map((task) => [task, {}]));
  for (const { pick, ...run } of rows) found.get(run.task)![pick] = run;
  return found;
}

export interface Totals {
  tickets: number;
  tickets_analyzed: number;
  issues: number;
  clusters: number;
}

/**
 * Counts of what the database holds; deleted tickets are not counted, nor the analyses of deleted
 * tickets. One row kept by triggers in the writing transaction (migration 0011), so this costs
 * the same at 1M tickets as at none; test/store/status-counters.test.ts checks it against real
 * counts through every kind of write.
 */
export async function readTotals(store: Store): Promise<Totals> {
  return (await queryOne<Totals>(store, 'SELECT tickets, tickets_analyzed, issues, clusters FROM status_counters WHERE id = 1'))!;
}

export interface TaskMetrics {
  runs_7d: number;
  completed_7d: number;
  success_rate_7d: number | null;
  avg_duration_ms_7d: number | null;
}

export interface RunMetrics {
  runs_24h: number;
  failed_24h: number;
  by_task: Record<string, TaskMetrics>;
}

/**
 * Run counts over the last 24 h (every run started since; a range of the runs_started index, as
 * long as one day's runs whatever the history), and per task over 7 UTC days, today and the six
 * before it (finished runs only), from the runs_daily rollup (migration 0011): at most 7 rows
 * per task.
 */
export async function readRunMetrics(store: Store, nowMs: number): Promise<RunMetrics> {
  const dayAgo = new Date(nowMs - 86_400_000).toISOString();
  const weekStart = new Date(nowMs - 6 * 86_400_000).toISOString().slice(0, 10);
  const [day, perTask] = await Promise.all([
    queryOne<{ runs: number; failed: number }>(
      store,
      `SELECT count(*) AS runs, count(CASE WHEN status = 'failed' THEN 1 END) AS failed FROM runs WHERE started_at >= ?`,
      [dayAgo],
    ),
    queryAll<{ task: string; runs: number; completed: number; duration_ms_sum: number; durations: number }>(
      store,
      `SELECT task, sum(finished) AS runs, sum(completed) AS completed, sum(duration_ms_sum) AS duration_ms_sum, sum(durations) AS durations
       FROM runs_daily WHERE day >= ? GROUP BY task HAVING sum(finished) > 0 ORDER BY task`,
      [weekStart],
    ),
  ]);
  const by_task: Record<string, TaskMetrics> = {};
  for (const row of perTask) {
    by_task[row.task] = {
      runs_7d: row.runs,
      completed_7d: row.completed,
      success_rate_7d: row.runs ? row.completed / row.runs : null,
      avg_duration_ms_7d: row.durations ? Math.round(row.duration_ms_sum / row.durations) : null,
    };
  }
  return { runs_24h: day!.runs, failed_24h: day!.failed, by_task };
}

/** One UTC day's runs_daily sums over every task. */
export interface DaySums {
  day: string; // YYYY-MM-DD
  runs: number;
  finished: number;
  completed: number;
  failed: number;
  cancelled: number;
  duration_ms_sum: number;
  durations: number;
  tickets_synced: number;
  tickets_processed: number;
  issues_extracted: number;
}

/**
 * Per-day sums from the UTC day `sinceDay` (YYYY-MM-DD) to `untilDay`, days with runs only, from
 * the runs_daily rollup (migrations 0011, 0012): a range of its primary key, a few rows per day.
 */
export function readRunsPerDay(store: Store, sinceDay: string, untilDay: string): Promise<DaySums[]> {
  return queryAll<DaySums>(
    store,
    `SELECT day, sum(runs) AS runs, sum(finished) AS finished, sum(completed) AS completed, sum(failed) AS failed,
       sum(cancelled) AS cancelled, sum(duration_ms_sum) AS duration_ms_sum, sum(durations) AS durations,
       sum(tickets_synced) AS tickets_synced, sum(tickets_processed) AS tickets_processed, sum(issues_extracted) AS issues_extracted
     FROM runs_daily WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`,
    [sinceDay, untilDay],
  );
}
