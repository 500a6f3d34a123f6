import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { RunsTable, WorkerStatusTable } from './schema-core.js';

/** The worker row. Always exists (migration 0001 inserts it). */
export async function readWorkerRow(db: Kysely<Database>): Promise<WorkerStatusTable> {
  return db.selectFrom('worker_status').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** The newest run of `task`, or undefined. */
export async function readLastRun(db: Kysely<Database>, task: string): Promise<RunsTable | undefined> {
  return db.selectFrom('runs').selectAll().where('task', '=', task).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}

export interface Totals {
  tickets: number;
  tickets_analyzed: number;
  issues: number;
  clusters: number;
}

/** Counts of what the database holds. Deleted tickets are not counted. */
export async function readTotals(db: Kysely<Database>): Promise<Totals> {
  const row = await sql<Totals>`
    SELECT
      (SELECT count(*) FROM tickets WHERE deleted = 0) AS tickets,
      (SELECT count(*) FROM ticket_analyses a JOIN tickets t ON t.id = a.ticket_id
        WHERE a.status = 'analyzed' AND t.deleted = 0) AS tickets_analyzed,
      (SELECT count(*) FROM issues) AS issues,
      (SELECT count(*) FROM clusters WHERE merged_into IS NULL) AS clusters
  `.execute(db);
  return row.rows[0]!;
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
export async function readRunMetrics(db: Kysely<Database>, nowMs: number): Promise<RunMetrics> {
  const dayAgo = new Date(nowMs - 86_400_000).toISOString();
  const weekAgo = new Date(nowMs - 7 * 86_400_000).toISOString();
  const day = await db
    .selectFrom('runs')
    .select((eb) => [
      eb.fn.countAll<number>().as('runs'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'failed').then(1).else(0).end()).as('failed'),
    ])
    .where('started_at', '>=', dayAgo)
    .executeTakeFirstOrThrow();
  const perTask = await db
    .selectFrom('runs')
    .select((eb) => [
      'task',
      eb.fn.countAll<number>().as('runs'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'completed').then(1).else(0).end()).as('completed'),
      eb.fn.avg<number>('duration_ms').as('avg_duration_ms'),
    ])
    .where('started_at', '>=', weekAgo)
    .where('status', '!=', 'running')
    .groupBy('task')
    .orderBy('task')
    .execute();
  const by_task: Record<string, TaskMetrics> = {};
  for (const row of perTask) {
    by_task[row.task] = {
      runs_7d: row.runs,
      completed_7d: row.completed,
      success_rate_7d: row.runs ? row.completed / row.runs : null,
      avg_duration_ms_7d: row.avg_duration_ms == null ? null : Math.round(row.avg_duration_ms),
    };
  }
  return { runs_24h: day.runs, failed_24h: day.failed ?? 0, by_task };
}
