import type BetterSqlite3 from 'better-sqlite3';
import type { RunStatus, WorkerStatusTable } from '../store/schema-core.js';
import { runCounts } from './run-counts.js';
import { abandonedReason } from './worker-truth.js';

/**
 * The worker lease: one row (worker_status, id 1) that at most one run holds at a time.
 * Every function here is synchronous and runs through better-sqlite3 directly, because Kysely's
 * SQLite driver only sends a plain BEGIN, and a deferred transaction that reads then writes can
 * fail with SQLITE_BUSY whatever the busy timeout. A better-sqlite3 transaction opened inside an
 * open Kysely transaction would silently become a SAVEPOINT, hence the inTransaction asserts.
 */

export interface LeaseClaim {
  runId: string;
  task: string;
  params: Record<string, unknown>;
  pid: number;
  host: string;
  nowMs: number;
  leaseMs: number;
  /** Whether a process with this pid exists on this host. */
  isPidAlive: (pid: number) => boolean;
}

export interface LeaseHolder {
  task: string;
  runId: string;
  pid: number | null;
  host: string | null;
  startedAt: string | null;
  heartbeatAt: string | null;
}

export type AcquireResult =
  | { acquired: true; tookOverRunId: string | null; tookOverReason: string | null }
  | { acquired: false; holder: LeaseHolder };

export interface LeaseRelease {
  runId: string;
  status: Exclude<RunStatus, 'running'>;
  result: Record<string, unknown> | null;
  error: string | null;
  exitCode: number;
  nowMs: number;
  startedMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the lease in one BEGIN IMMEDIATE transaction, or reports who holds it. A holder whose
 * heartbeat has expired, or whose pid is gone on this host, is taken over and its run recorded
 * failed with "abandoned". Also inserts the new run into `runs`. Never throws for a held lease.
 */
export function acquireLease(sqlite: BetterSqlite3.Database, claim: LeaseClaim): AcquireResult {
  assertNoOpenTransaction(sqlite);
  return sqlite
    .transaction((): AcquireResult => {
      const row = sqlite.prepare('SELECT * FROM worker_status WHERE id = 1').get() as WorkerStatusTable;
      let tookOverRunId: string | null = null;
      let tookOverReason: string | null = null;
      if (row.status === 'running') {
        const reason = staleReason(row, claim);
        if (!reason) {
          return {
            acquired: false,
            holder: {
              task: row.task ?? '?',
              runId: row.run_id ?? '?',
              pid: row.pid,
              host: row.host,
              startedAt: row.started_at,
              heartbeatAt: row.heartbeat_at,
            },
          };
        }
        tookOverRunId = row.run_id;
        tookOverReason = reason;
        sqlite
          .prepare(
            `UPDATE runs SET status = 'failed', error = ?, finished_at = ?, duration_ms = ?
             WHERE id = ? AND status = 'running'`,
          )
          .run(
            `abandoned: ${reason}`,
            iso(claim.nowMs),
            row.started_at ? claim.nowMs - Date.parse(row.started_at) : null,
            row.run_id,
          );
      }
      const now = iso(claim.nowMs);
      sqlite
        .prepare(
          `INSERT INTO runs (id, task, status, params, pid, host, started_at)
           VALUES (?, ?, 'running', ?, ?, ?, ?)`,
        )
        .run(claim.runId, claim.task, JSON.stringify(claim.params), claim.pid, claim.host, now);
      sqlite
        .prepare(
          `UPDATE worker_status SET status = 'running', task = ?, run_id = ?, pid = ?, host = ?,
             started_at = ?, finished_at = NULL, heartbeat_at = ?, lease_expires_at = ?,
             progress_phase = NULL, progress_done = NULL, progress_total = NULL,
             progress_message = NULL, error = NULL
           WHERE id = 1`,
        )
        .run(claim.task, claim.runId, claim.pid, claim.host, now, now, iso(claim.nowMs + claim.leaseMs));
      return { acquired: true, tookOverRunId, tookOverReason };
    })
    .immediate();
}

function staleReason(row: WorkerStatusTable, claim: LeaseClaim): string | null {
  return abandonedReason(row, { host: claim.host, nowMs: claim.nowMs, isPidAlive: claim.isPidAlive }, claim.pid);
}

/** Extends the lease. Returns false when this run no longer holds it (it must then abort). */
export function renewLease(sqlite: BetterSqlite3.Database, runId: string, nowMs: number, leaseMs: number): boolean {
  const info = sqlite
    .prepare(
      `UPDATE worker_status SET heartbeat_at = ?, lease_expires_at = ?
       WHERE id = 1 AND run_id = ? AND status = 'running'`,
    )
    .run(iso(nowMs), iso(nowMs + leaseMs), runId);
  return info.changes === 1;
}

export interface ProgressUpdate {
  phase: string;
  done?: number | null;
  total?: number | null;
  message?: string | null;
}

/** Records progress for `status`. Returns false when this run no longer holds the lease. */
export function writeProgress(sqlite: BetterSqlite3.Database, runId: string, progress: ProgressUpdate): boolean {
  const info = sqlite
    .prepare(
      `UPDATE worker_status SET progress_phase = ?, progress_done = ?, progress_total = ?, progress_message = ?
       WHERE id = 1 AND run_id = ? AND status = 'running'`,
    )
    .run(progress.phase, progress.done ?? null, progress.total ?? null, progress.message ?? null, runId);
  return info.changes === 1;
}

/**
 * Records the run's outcome and frees the lease, in one transaction. Idempotent. When another
 * process has taken the lease over meanwhile, only the run row is written.
 */
export function releaseLease(sqlite: BetterSqlite3.Database, release: LeaseRelease): void {
  assertNoOpenTransaction(sqlite);
  const now = iso(release.nowMs);
  const counts = runCounts(release.result);
  sqlite
    .transaction(() => {
      sqlite
        .prepare(
          `UPDATE runs SET status = ?, result = ?, error = ?, exit_code = ?, finished_at = ?, duration_ms = ?,
             tickets_synced = ?, tickets_processed = ?, issues_extracted = ?
           WHERE id = ? AND status = 'running'`,
        )
        .run(
          release.status,
          release.result ? JSON.stringify(release.result) : null,
          release.error,
          release.exitCode,
          now,
          release.nowMs - release.startedMs,
          counts.tickets_synced,
          counts.tickets_processed,
          counts.issues_extracted,
          release.runId,
        );
      sqlite
        .prepare(
          `UPDATE worker_status SET status = ?, finished_at = ?, error = ?, lease_expires_at = NULL
           WHERE id = 1 AND run_id = ? AND status = 'running'`,
        )
        .run(release.status, now, release.error, release.runId); // cancelled stays cancelled (SIGTERM is not a failure)
    })
    .immediate();
}

function assertNoOpenTransaction(sqlite: BetterSqlite3.Database): void {
  if (sqlite.inTransaction) throw new Error('lease operations must not run inside an open transaction');
}
