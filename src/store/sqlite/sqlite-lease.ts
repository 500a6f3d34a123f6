import type BetterSqlite3 from 'better-sqlite3';
import { type LeaseClaimOutcome, type LeaseClaimRow, type LeaseProgressRow, type LeaseReleaseRow, releaseStatements } from '../lease-rows.js';
import { claimOutcome, decideLeaseClaim } from '../lease-takeover.js';
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
      const decision = decideLeaseClaim(sqlite.prepare('SELECT * FROM worker_status WHERE id = 1').get() as WorkerStatusTable, claim);
      if (decision.acquired) for (const { sql, values } of decision.statements) sqlite.prepare(sql).run(...values);
      return claimOutcome(decision);
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
