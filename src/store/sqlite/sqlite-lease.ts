import type BetterSqlite3 from 'better-sqlite3';
import { abandonedError, type LeaseClaimOutcome, type LeaseClaimRow, type LeaseProgressRow, type LeaseReleaseRow, releaseStatements } from '../lease-rows.js';
import type { WorkerStatusTable } from '../schema-core.js';

/*
 * The worker lease on SQLite. Every function here is synchronous and runs through better-sqlite3
 * directly, because Kysely's SQLite driver only sends a plain BEGIN, and a deferred transaction
 * that reads then writes can fail with SQLITE_BUSY whatever the busy timeout. A better-sqlite3
 * transaction opened inside an open Kysely transaction would silently become a SAVEPOINT, hence
 * the inTransaction asserts.
 */

/** Claims the lease in one BEGIN IMMEDIATE transaction, or returns the holder's row. */
export function claimSqliteLease(sqlite: BetterSqlite3.Database, claim: LeaseClaimRow): LeaseClaimOutcome {
  assertNoOpenTransaction(sqlite);
  return sqlite
    .transaction((): LeaseClaimOutcome => {
      const row = sqlite.prepare('SELECT * FROM worker_status WHERE id = 1').get() as WorkerStatusTable;
      let tookOverRunId: string | null = null;
      let tookOverReason: string | null = null;
      if (row.status === 'running') {
        const reason = claim.staleReason(row);
        if (!reason) return { acquired: false, holder: row };
        tookOverRunId = row.run_id;
        tookOverReason = reason;
        sqlite
          .prepare(
            `UPDATE runs SET status = 'failed', error = ?, finished_at = ?, duration_ms = ?
             WHERE id = ? AND status = 'running'`,
          )
          .run(abandonedError(reason), claim.startedAt, row.started_at ? claim.nowMs - Date.parse(row.started_at) : null, row.run_id);
      }
      sqlite
        .prepare(
          `INSERT INTO runs (id, task, status, params, pid, host, started_at)
           VALUES (?, ?, 'running', ?, ?, ?, ?)`,
        )
        .run(claim.runId, claim.task, claim.params, claim.pid, claim.host, claim.startedAt);
      sqlite
        .prepare(
          `UPDATE worker_status SET status = 'running', task = ?, run_id = ?, pid = ?, host = ?,
             started_at = ?, finished_at = NULL, heartbeat_at = ?, lease_expires_at = ?,
             progress_phase = NULL, progress_done = NULL, progress_total = NULL,
             progress_message = NULL, error = NULL
           WHERE id = 1`,
        )
        .run(claim.task, claim.runId, claim.pid, claim.host, claim.startedAt, claim.startedAt, claim.leaseExpiresAt);
      return { acquired: true, tookOverRunId, tookOverReason };
    })
    .immediate();
}

/** Extends the lease; false when this run no longer holds it. */
export function renewSqliteLease(sqlite: BetterSqlite3.Database, runId: string, heartbeatAt: string, leaseExpiresAt: string): boolean {
  const info = sqlite
    .prepare(
      `UPDATE worker_status SET heartbeat_at = ?, lease_expires_at = ?
       WHERE id = 1 AND run_id = ? AND status = 'running'`,
    )
    .run(heartbeatAt, leaseExpiresAt, runId);
  return info.changes === 1;
}

/** Records progress; false when this run no longer holds the lease. */
export function writeSqliteProgress(sqlite: BetterSqlite3.Database, runId: string, progress: LeaseProgressRow): boolean {
  const info = sqlite
    .prepare(
      `UPDATE worker_status SET progress_phase = ?, progress_done = ?, progress_total = ?, progress_message = ?
       WHERE id = 1 AND run_id = ? AND status = 'running'`,
    )
    .run(progress.phase, progress.done, progress.total, progress.message, runId);
  return info.changes === 1;
}

/** Records the run's outcome and frees the lease (if still this run's) in one transaction. */
export function releaseSqliteLease(sqlite: BetterSqlite3.Database, release: LeaseReleaseRow): void {
  assertNoOpenTransaction(sqlite);
  sqlite
    .transaction(() => {
      for (const { sql, values } of releaseStatements(release)) sqlite.prepare(sql).run(...values);
    })
    .immediate();
}

function assertNoOpenTransaction(sqlite: BetterSqlite3.Database): void {
  if (sqlite.inTransaction) throw new Error('lease operations must not run inside an open transaction');
}
