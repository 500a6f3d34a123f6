import { percentOf } from '../output/reporter.js';
import type { WorkerStatusTable } from '../store/schema-core.js';
import type { Store } from '../store/store.js';
import { readRunResult } from '../store/run-lookup.js';
import { readWorkerRow } from '../store/status-queries.js';
import { abandonedReason, type Observer } from './worker-truth.js';

/** The worker as `status --json` shows it (`worker`), from the lease row. */
export interface WorkerState {
  status: string;
  task: string | null;
  run_id: string | null;
  progress: { phase: string | null; done: number | null; total: number | null; percent: number | null; message: string | null } | null;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  /** Seconds since the running run's last heartbeat; null when no run holds the lease. */
  heartbeat_age_s: number | null;
  lease_expires_at: string | null;
  /** True when a run says "running" but its lease has expired: the next task takes it over. */
  stale: boolean;
  pid: number | null;
  host: string | null;
  error: string | null;
}

/** GET /api/tasks/worker/status: the worker state plus the run's elapsed time and its result. */
export interface WorkerStatusView extends WorkerState {
  /** Seconds since the run started (until it finished, once it has). */
  elapsed_s: number | null;
  /** The last run's result counts once it has ended; null while it runs. */
  result: Record<string, unknown> | null;
}

/** The lease row as people and scripts read it. Pure. */
export function workerState(row: WorkerStatusTable, nowMs: number): WorkerState {
  const running = row.status === 'running';
  return {
    status: row.status,
    task: row.task,
    run_id: row.run_id,
    // After the run the last progress stays: runTask writes the last update before it releases
    // the lease (progress-sink.ts), so it is the run's final count, or for a failed run the last
    // it reached.
    progress:
      row.progress_phase !== null
        ? {
            phase: row.progress_phase,
            done: row.progress_done,
            total: row.progress_total,
            percent: row.progress_done != null && row.progress_total ? percentOf(row.progress_done, row.progress_total) : null,
            message: row.progress_message,
          }
        : null,
    started_at: row.started_at,
    finished_at: row.finished_at,
    heartbeat_at: row.heartbeat_at,
    // Only a run holding the lease beats: once it has ended, an age that grows every second
    // would read as a worker gone silent. heartbeat_at stays, as the run's last beat.
    heartbeat_age_s: running && row.heartbeat_at ? Math.max(0, Math.round((nowMs - Date.parse(row.heartbeat_at)) / 1000)) : null,
    lease_expires_at: row.lease_expires_at,
    stale: running && (!row.lease_expires_at || Date.parse(row.lease_expires_at) < nowMs),
    pid: row.pid,
    host: row.host,
    error: row.error,
  };
}

/**
 * What the source service's worker route answered, and more. Read-only; never throws on an empty
 * database. The source knew idle|running|completed|failed only: a run cancelled by a signal
 * reads failed (its error says "cancelled: …"), and with `seen`, so does a run whose process is
 * gone from this host ("abandoned: …"), without waiting for the next run to take the lease.
 */
export async function readWorkerStatusView(store: Store, nowMs: number, seen?: Omit<Observer, 'nowMs'>): Promise<WorkerStatusView> {
  const row = await readWorkerRow(store);
  const abandoned = seen ? abandonedReason(row, { ...seen, nowMs }) : null;
  const plain = workerState(row, nowMs);
  const state =
    abandoned !== null
      ? { ...plain, status: 'failed', error: `abandoned: ${abandoned}` }
      : plain.status === 'cancelled'
        ? { ...plain, status: 'failed' }
        : plain;
  const endMs = row.status === 'running' || !row.finished_at ? nowMs : Date.parse(row.finished_at);
  return {
    ...state,
    elapsed_s: row.started_at ? Math.max(0, Math.round((endMs - Date.parse(row.started_at)) / 1000)) : null,
    result: row.run_id && row.status !== 'running' ? await readRunResult(store, row.run_id) : null,
  };
}
