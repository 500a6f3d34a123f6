import type { Pool } from 'pg';
import { abandonedError, type LeaseClaimOutcome, type LeaseClaimRow, type LeaseProgressRow, type LeaseReleaseRow, releaseStatements } from '../lease-rows.js';
import { numbered } from '../raw-query.js';
import type { WorkerStatusTable } from '../schema-core.js';
import { pgTransaction } from './pg-transaction.js';

/*
 * The worker lease on PostgreSQL: the same worker_status row as on SQLite, guarded by a row lock.
 * A claim reads the row with SELECT … FOR UPDATE inside a transaction, so claims from every host
 * queue on that one row; the winner commits "running" and the next claimer then reads it and is
 * refused (75). Heartbeats and progress are conditional UPDATEs that say whether this run still
 * holds the lease.
 *
 * Why not advisory locks: a session advisory lock belongs to one connection, and our connections
 * come from a pool (and may pass through PgBouncer), so the lock would live on whichever
 * connection took it and vanish when the pool recycles it; a holder whose connection dropped
 * for a moment would lose the lease without knowing. Transaction advisory locks end with each
 * transaction and hold nothing between heartbeats. The row, on the other hand, is what `status`
 * and `serve` read anyway, survives any connection, and gives the same takeover rules as SQLite:
 * pid gone on the same host, or no heartbeat within the lease elsewhere.
 *
 * lock_timeout bounds the wait behind another claimer (their transaction is a few statements);
 * past it PostgreSQL raises 55P03, which errors.ts maps to 75 like SQLite's busy timeout.
 */
const LOCK_TIMEOUT = { lockTimeout: '10s' };

/** Claims the lease in one transaction holding the worker row's lock, or returns the holder's row. */
export async function claimPostgresLease(pool: Pool, claim: LeaseClaimRow): Promise<LeaseClaimOutcome> {
  return pgTransaction(pool, async (client) => {
    const { rows } = await client.query<WorkerStatusTable>('SELECT * FROM worker_status WHERE id = 1 FOR UPDATE');
    const row = rows[0]!;
    let tookOverRunId: string | null = null;
    let tookOverReason: string | null = null;
    if (row.status === 'running') {
      const reason = claim.staleReason(row);
      if (!reason) return { acquired: false, holder: row };
      tookOverRunId = row.run_id;
      tookOverReason = reason;
      await client.query(
        `UPDATE runs SET status = 'failed', error = $1, finished_at = $2, duration_ms = $3 WHERE id = $4 AND status = 'running'`,
        [abandonedError(reason), claim.startedAt, row.started_at ? claim.nowMs - Date.parse(row.started_at) : null, row.run_id],
      );
    }
    await client.query(
      `INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES ($1, $2, 'running', $3, $4, $5, $6)`,
      [claim.runId, claim.task, claim.params, claim.pid, claim.host, claim.startedAt],
    );
    await client.query(
      `UPDATE worker_status SET status = 'running', task = $1, run_id = $2, pid = $3, host = $4,
         started_at = $5, finished_at = NULL, heartbeat_at = $5, lease_expires_at = $6,
         progress_phase = NULL, progress_done = NULL, progress_total = NULL, progress_message = NULL, error = NULL
       WHERE id = 1`,
      [claim.task, claim.runId, claim.pid, claim.host, claim.startedAt, claim.leaseExpiresAt],
    );
    return { acquired: true, tookOverRunId, tookOverReason };
  }, LOCK_TIMEOUT);
}

/** Extends the lease; false when this run no longer holds it. */
export async function renewPostgresLease(pool: Pool, runId: string, heartbeatAt: string, leaseExpiresAt: string): Promise<boolean> {
  const result = await pool.query(
    `UPDATE worker_status SET heartbeat_at = $1, lease_expires_at = $2 WHERE id = 1 AND run_id = $3 AND status = 'running'`,
    [heartbeatAt, leaseExpiresAt, runId],
  );
  return result.rowCount === 1;
}

/** Records progress; false when this run no longer holds the lease. */
export async function writePostgresProgress(pool: Pool, runId: string, progress: LeaseProgressRow): Promise<boolean> {
  const result = await pool.query(
    `UPDATE worker_status SET progress_phase = $1, progress_done = $2, progress_total = $3, progress_message = $4
     WHERE id = 1 AND run_id = $5 AND status = 'running'`,
    [progress.phase, progress.done, progress.total, progress.message, runId],
  );
  return result.rowCount === 1;
}

/** Records the run's outcome and frees the lease (if still this run's) in one transaction. */
export async function releasePostgresLease(pool: Pool, release: LeaseReleaseRow): Promise<void> {
  await pgTransaction(pool, async (client) => {
    for (const { sql, values } of releaseStatements(release)) await client.query(numbered(sql), values);
  }, LOCK_TIMEOUT);
}
