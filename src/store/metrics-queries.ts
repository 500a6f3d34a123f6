import { sql, type Kysely } from 'kysely';
import type { WorkerStatusTable } from './schema-core.js';
import type { Database } from './schema.js';

/*
 * What GET /metrics reads. Counters come from the rollups (runs_daily, api_usage_daily: a few
 * rows per day), so a scrape every 15 s stays cheap as the history grows; only the duration
 * histogram and the last success per task read `runs`, one aggregate row per task.
 */

export interface RunCountsByTask {
  task: string;
  completed: number;
  failed: number;
  cancelled: number;
  running: number;
  tickets_synced: number;
  tickets_processed: number;
  issues_extracted: number;
}

/** Every run ever recorded, per task, by outcome, with what the runs did. Read-only. */
export async function readRunCountsByTask(db: Kysely<Database>): Promise<RunCountsByTask[]> {
  const sum = (column: 'completed' | 'failed' | 'cancelled' | 'tickets_synced' | 'tickets_processed' | 'issues_extracted') =>
    sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as(column);
  const rows = await db
    .selectFrom('runs_daily')
    .select(['task', sum('completed'), sum('failed'), sum('cancelled'), sql<number>`coalesce(sum(runs - finished), 0)`.as('running')])
    .select([sum('tickets_synced'), sum('tickets_processed'), sum('issues_extracted')])
    .groupBy('task')
    .orderBy('task')
    .execute();
  // PostgreSQL answers sum() as a numeric string: numbers here, whatever the dialect.
  return rows.map((r) => ({
    task: r.task,
    completed: Number(r.completed),
    failed: Number(r.failed),
    cancelled: Number(r.cancelled),
    running: Number(r.running),
    tickets_synced: Number(r.tickets_synced),
    tickets_processed: Number(r.tickets_processed),
    issues_extracted: Number(r.issues_extracted),
  }));
}

export interface DurationBuckets {
  task: string;
  /** How many finished runs took at most each bound, in the order of `boundsMs`. */
  cumulative: number[];
  count: number;
  sum_ms: number;
}

/** Finished runs with a duration, per task: cumulative counts at each bound (ms), count and sum. */
export async function readDurationBuckets(db: Kysely<Database>, boundsMs: readonly number[]): Promise<DurationBuckets[]> {
  const rows = await db
    .selectFrom('runs')
    .select('task')
    .select(boundsMs.map((bound, i) => sql<number>`sum(CASE WHEN duration_ms <= ${bound} THEN 1 ELSE 0 END)`.as(`le${i}`)))
    .select([sql<number>`count(*)`.as('count'), sql<number>`sum(duration_ms)`.as('sum_ms')])
    .where('status', '<>', 'running')
    .where('duration_ms', 'is not', null)
    .groupBy('task')
    .orderBy('task')
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, number | string>;
    return { task: r.task, cumulative: boundsMs.map((_, i) => Number(row[`le${i}`])), count: Number(r.count), sum_ms: Number(r.sum_ms) };
  });
}

/** The finish time (ISO) of each task's newest completed run. Read-only. */
export async function readLastSuccess(db: Kysely<Database>): Promise<Array<{ task: string; finished_at: string }>> {
  const rows = await db
    .selectFrom('runs')
    .select(['task', (eb) => eb.fn.max('finished_at').as('finished_at')])
    .where('status', '=', 'completed')
    .where('finished_at', 'is not', null)
    .groupBy('task')
    .orderBy('task')
    .execute();
  return rows.filter((r): r is { task: string; finished_at: string } => typeof r.finished_at === 'string');
}

/** USD spent on Claude calls whose model has a price, all time, and calls without one. */
export async function readClaudeSpend(db: Kysely<Database>): Promise<{ cost_usd: number; unpriced_calls: number }> {
  const row = await db
    .selectFrom('api_usage_daily')
    .select([sql<number>`coalesce(sum(cost_usd), 0)`.as('cost_usd'), sql<number>`coalesce(sum(unpriced_calls), 0)`.as('unpriced_calls')])
    .executeTakeFirstOrThrow();
  return { cost_usd: Number(row.cost_usd), unpriced_calls: Number(row.unpriced_calls) };
}

/** Themes rising now (merged ones excluded). */
export async function readRisingThemes(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('clusters')
    .select(sql<number>`count(*)`.as('n'))
    .where('rising', '=', 1)
    .where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The lease row, as the worker's truth is judged from it (worker/worker-truth.ts). Always exists (migration 0001). */
export async function readLeaseRow(db: Kysely<Database>): Promise<Pick<WorkerStatusTable, 'status' | 'pid' | 'host' | 'heartbeat_at' | 'lease_expires_at'>> {
  return db.selectFrom('worker_status').select(['status', 'pid', 'host', 'heartbeat_at', 'lease_expires_at']).where('id', '=', 1).executeTakeFirstOrThrow();
}
