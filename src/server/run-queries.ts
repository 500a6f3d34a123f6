import type { Kysely } from 'kysely';
import type { RunStatus, RunsTable } from '../store/schema-core.js';
import type { Database } from '../store/schema.js';
import { parseStoredObject } from '../store/run-lookup.js';

/** A run as the API shows it: the `--json` run record, with `running` as a status and its params. */
export interface RunView {
  run_id: string;
  task: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  params: Record<string, unknown>;
}

/** Most recent first (ids sort by start time). Read-only; [] on an empty database. */
export async function listRuns(db: Kysely<Database>, opts: { limit: number; task?: string; status?: RunStatus }): Promise<RunView[]> {
  let query = db.selectFrom('runs').selectAll();
  if (opts.task) query = query.where('task', '=', opts.task);
  if (opts.status) query = query.where('status', '=', opts.status);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(runView);
}

/** One run by id, or undefined. Read-only. */
export async function findRun(db: Kysely<Database>, runId: string): Promise<RunView | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  return row && runView(row);
}

function runView(row: RunsTable): RunView {
  return {
    run_id: row.id,
    task: row.task,
    status: row.status,
    started_at: row.started_at,
    finished_at: row.finished_at,
    duration_ms: row.duration_ms,
    result: parseStoredObject(row.result),
    error: row.error,
    params: parseStoredObject(row.params) ?? {},
  };
}
