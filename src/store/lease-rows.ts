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

/** One write of the lease with `?` placeholders and its values; PostgreSQL numbers the placeholders. */
export interface LeaseStatement {
  sql: string;
  values: unknown[];
}

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

/**
 * The release's two statements with `?` placeholders and their values, written once for both
 * seams (PostgreSQL numbers the placeholders). The worker row is freed only if it is still this
 * run's: a cancelled run stays cancelled (SIGTERM is not a failure).
 */
export function releaseStatements(release: LeaseReleaseRow): LeaseStatement[] {
  return [
    {
      sql: `UPDATE runs SET status = ?, result = ?, error = ?, exit_code = ?, finished_at = ?, duration_ms = ?,
              tickets_synced = ?, tickets_processed = ?, issues_extracted = ?
            WHERE id = ? AND status = 'running'`,
      values: [
        release.status,
        release.result,
        release.error,
        release.exitCode,
        release.finishedAt,
        release.durationMs,
        release.ticketsSynced,
        release.ticketsProcessed,
        release.issuesExtracted,
        release.runId,
      ],
    },
    {
      sql: `UPDATE worker_status SET status = ?, finished_at = ?, error = ?, lease_expires_at = NULL
            WHERE id = 1 AND run_id = ? AND status = 'running'`,
      values: [release.status, release.finishedAt, release.error, release.runId],
    },
  ];
}

/** The UPDATE of a taken-over run: failed, "abandoned: why". Same text on both databases. */
export function abandonedError(reason: string): string {
  return `abandoned: ${reason}`;
}
