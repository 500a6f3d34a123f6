import type BetterSqlite3 from 'better-sqlite3';
import type { RunsTable, WorkerStatusTable } from './schema-core.js';

/*
 * The queries behind `status`. Raw prepared statements, not Kysely: `status` must start about as
 * fast as bare node (DESIGN.md), and loading Kysely alone costs ~20 ms. Every query here must
 * stay cheap on a database of 100k tickets (bench/status-cold-start.mjs).
 */

/** The worker row. Always exists (migration 0001 inserts it). */
export function readWorkerRow(sqlite: BetterSqlite3.Database): WorkerStatusTable {
  return sqlite.prepare('SELECT * FROM worker_status WHERE id = 1').get() as WorkerStatusTable;
}

/** The newest run of `task`, or undefined. */
export function readLastRun(sqlite: BetterSqlite3.Database, task: string): RunsTable | undefined {
  return sqlite.prepare('SELECT * FROM runs WHERE task = ? ORDER BY started_at DESC LIMIT 1').get(task) as RunsTable | undefined;
}

export interface Totals {
  tickets: number;
  tickets_analyzed: number;
  issues: number;
  clusters: number;
}

/**
 * Counts of what the database holds; deleted tickets are not counted. Analysed tickets are
 * counted as all analysed minus the deleted ones. CROSS JOIN fixes SQLite's join order to start
 * from the few deleted tickets: left to itself (no ANALYZE statistics) it walks every analysis,
 * 5 ms instead of 0.1 ms on 50k tickets.
 */
export function readTotals(sqlite: BetterSqlite3.Database): Totals {
  return sqlite
    .prepare(
      `SELECT
        (SELECT count(*) FROM tickets WHERE deleted = 0) AS tickets,
        (SELECT count(*) FROM ticket_analyses WHERE status = 'analyzed')
          - (SELECT count(*) FROM tickets t CROSS JOIN ticket_analyses a ON a.ticket_id = t.id
              WHERE t.deleted = 1 AND a.status = 'analyzed') AS tickets_analyzed,
        (SELECT count(*) FROM issues) AS issues,
        (SELECT count(*) FROM clusters WHERE merged_into IS NULL) AS clusters`,
    )
    .get() as Totals;
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

/** Run counts over the last 24 h, and per task over 7 days (finished runs only). */
export function readRunMetrics(sqlite: BetterSqlite3.Database, nowMs: number): RunMetrics {
  const dayAgo = new Date(nowMs - 86_400_000).toISOString();
  const weekAgo = new Date(nowMs - 7 * 86_400_000).toISOString();
  const day = sqlite
    .prepare(`SELECT count(*) AS runs, coalesce(sum(status = 'failed'), 0) AS failed FROM runs WHERE started_at >= ?`)
    .get(dayAgo) as { runs: number; failed: number };
  const perTask = sqlite
    .prepare(
      `SELECT task, count(*) AS runs, sum(status = 'completed') AS completed, avg(duration_ms) AS avg_duration_ms
       FROM runs WHERE started_at >= ? AND status != 'running' GROUP BY task ORDER BY task`,
    )
    .all(weekAgo) as Array<{ task: string; runs: number; completed: number; avg_duration_ms: number | null }>;
  const by_task: Record<string, TaskMetrics> = {};
  for (const row of perTask) {
    by_task[row.task] = {
      runs_7d: row.runs,
      completed_7d: row.completed,
      success_rate_7d: row.runs ? row.completed / row.runs : null,
      avg_duration_ms_7d: row.avg_duration_ms == null ? null : Math.round(row.avg_duration_ms),
    };
  }
  return { runs_24h: day.runs, failed_24h: day.failed, by_task };
}
