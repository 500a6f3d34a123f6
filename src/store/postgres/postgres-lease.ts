import type { Pool } from 'pg';
import { type LeaseClaimOutcome, type LeaseClaimRow, type LeaseProgressRow, type LeaseReleaseRow, releaseStatements } from '../lease-rows.js';
import { claimOutcome, decideLeaseClaim } from '../lease-takeover.js';
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
    const decision = decideLeaseClaim(rows[0]!, claim);
    if (decision.acquired) for (const { sql, values } of decision.statements) await client.query(numbered(sql), values);
    return claimOutcome(decision);
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
