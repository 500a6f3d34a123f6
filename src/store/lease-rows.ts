import type { RunStatus, WorkerStatusTable } from './schema-core.js';

/**
 * The lease's writes, as plain values, shared by the SQLite and PostgreSQL implementations
 * (store/sqlite/sqlite-lease.ts, store/postgres/postgres-lease.ts); src/worker/lease.ts decides
 * what they hold. Times are ISO strings.
 */
export interface LeaseClaimRow {
  runId: string;
  task: string;
  params: string; // JSON
  pid: number;
  host: string;
  startedAt: string;
  leaseExpiresAt: string;
  /** Why the current holder may be taken over, or null when it is alive. Called under the lock. */
  staleReason: (row: WorkerStatusTable) => string | null;
  /** For the abandoned run's row: when the takeover happened. */
  nowMs: number;
}

export type LeaseClaimOutcome =
  | { acquired: true; tookOverRunId: string | null; tookOverReason: string | null }
  | { acquired: false; holder: WorkerStatusTable };

export interface LeaseProgressRow {
  phase: string;
  done: number | null;
  total: number | null;
  message: string | null;
}

export interface LeaseReleaseRow {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  result: string | null; // JSON
  error: string | null;
  exitCode: number;
  finishedAt: string;
  durationMs: number;
  ticketsSynced: number | null;
  ticketsProcessed: number | null;
  issuesExtracted: number | null;
}

/** The UPDATE of a taken-over run: failed, "abandoned: why". Same text on both databases. */
export function abandonedError(reason: string): string {
  return `abandoned: ${reason}`;
}
