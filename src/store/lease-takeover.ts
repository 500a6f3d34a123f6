import { abandonedError, type LeaseClaimOutcome, type LeaseClaimRow, type LeaseStatement } from './lease-rows.js';
import type { WorkerStatusTable } from './schema-core.js';

/** A claim's decision: refused (the holder is alive), or granted with the writes that make it so. */
export type LeaseClaimDecision =
  | { acquired: false; holder: WorkerStatusTable }
  | { acquired: true; tookOverRunId: string | null; tookOverReason: string | null; statements: LeaseStatement[] };

/**
 * Decides a lease claim from the worker row read under the claim's lock (SQLite's BEGIN
 * IMMEDIATE, PostgreSQL's SELECT … FOR UPDATE): refused while a running holder is not stale
 * (`claim.staleReason`), otherwise granted, taking over the stale holder's run (recorded failed,
 * "abandoned: why", with its duration up to `claim.nowMs`). The writes come back as statements
 * with `?` placeholders for each seam to run inside that same transaction, in order. Pure apart
 * from calling `claim.staleReason`; never throws.
 */
export function decideLeaseClaim(row: WorkerStatusTable, claim: LeaseClaimRow): LeaseClaimDecision {
  const statements: LeaseStatement[] = [];
  let tookOverRunId: string | null = null;
  let tookOverReason: string | null = null;
  if (row.status === 'running') {
    const reason = claim.staleReason(row);
    if (!reason) return { acquired: false, holder: row };
    tookOverRunId = row.run_id;
    tookOverReason = reason;
    statements.push({
      sql: `UPDATE runs SET status = 'failed', error = ?, finished_at = ?, duration_ms = ? WHERE id = ? AND status = 'running'`,
      values: [abandonedError(reason), claim.startedAt, row.started_at ? claim.nowMs - Date.parse(row.started_at) : null, row.run_id],
    });
  }
  statements.push(
    {
      sql: `INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES (?, ?, 'running', ?, ?, ?, ?)`,
      values: [claim.runId, claim.task, claim.params, claim.pid, claim.host, claim.startedAt],
    },
    {
      sql: `UPDATE worker_status SET status = 'running', task = ?, run_id = ?, pid = ?, host = ?,
              started_at = ?, finished_at = NULL, heartbeat_at = ?, lease_expires_at = ?,
              progress_phase = NULL, progress_done = NULL, progress_total = NULL, progress_message = NULL, error = NULL
            WHERE id = 1`,
      values: [claim.task, claim.runId, claim.pid, claim.host, claim.startedAt, claim.startedAt, claim.leaseExpiresAt],
    },
  );
  return { acquired: true, tookOverRunId, tookOverReason, statements };
}

/** The outcome a seam returns for `decision` once its statements ran (the statements left out). */
export function claimOutcome(decision: LeaseClaimDecision): LeaseClaimOutcome {
  return decision.acquired ? { acquired: true, tookOverRunId: decision.tookOverRunId, tookOverReason: decision.tookOverReason } : decision;
}
