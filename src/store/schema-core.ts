/** Tables of the worker: the lease row and the history of runs (migration 0001). */

export type WorkerState = 'idle' | 'running' | 'completed' | 'failed' | 'cancelled';
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface WorkerStatusTable {
  id: number; // always 1: one worker per database
  status: WorkerState;
  task: string | null;
  run_id: string | null;
  pid: number | null;
  host: string | null;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  lease_expires_at: string | null;
  progress_phase: string | null;
  progress_done: number | null;
  progress_total: number | null;
  progress_message: string | null;
  error: string | null;
}

export interface RunsTable {
  id: string; // run id, e.g. "r_20261128T020000Z_3f9a"
  task: string;
  status: RunStatus;
  params: string; // JSON object
  result: string | null; // JSON object of counts
  error: string | null;
  exit_code: number | null;
  pid: number;
  host: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** What the run did (migration 0012; worker/run-counts.ts): null where it had no such step. */
  tickets_synced: number | null;
  tickets_processed: number | null;
  issues_extracted: number | null;
}

/** The totals of `status`, one row kept by triggers (migration 0011); never written by code. */
export interface StatusCountersTable {
  id: number; // always 1
  tickets: number;
  tickets_analyzed: number;
  issues: number;
  clusters: number;
}

/** Runs per UTC day (of started_at) and task, kept by triggers on `runs` (migration 0011). */
export interface RunsDailyTable {
  day: string; // YYYY-MM-DD
  task: string;
  runs: number; // running ones included
  finished: number;
  completed: number;
  failed: number;
  cancelled: number;
  duration_ms_sum: number; // over finished runs with a duration
  durations: number; // finished runs with a duration
  tickets_synced: number; // sums of the runs' columns (migration 0012)
  tickets_processed: number;
  issues_extracted: number;
}
