import type { RunStatus } from '../store/schema-core.js';
import { claimLease, releaseLeaseRow, renewLeaseRow, writeProgressRow } from '../store/lease-store.js';
import type { Store } from '../store/store.js';
import { runCounts } from './run-counts.js';
import { abandonedReason } from './worker-truth.js';

/**
 * The worker lease: one row (worker_status, id 1) that at most one run holds at a time, across
 * every process and host that shares the database. What the lease means lives here (who is
 * stale, what a run records); how each database guards the row lives in src/store/
 * (sqlite/sqlite-lease.ts: BEGIN IMMEDIATE; postgres/postgres-lease.ts: a row lock).
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
 * Takes the lease, or reports who holds it. A holder whose heartbeat has expired, or whose pid
 * is gone on this host, is taken over and its run recorded failed with "abandoned". Also inserts
 * the new run into `runs`. Never throws for a held lease (database failures do throw).
 */
export async function acquireLease(store: Store, claim: LeaseClaim): Promise<AcquireResult> {
  const outcome = await claimLease(store, {
    runId: claim.runId,
    task: claim.task,
    params: JSON.stringify(claim.params),
    pid: claim.pid,
    host: claim.host,
    startedAt: iso(claim.nowMs),
    leaseExpiresAt: iso(claim.nowMs + claim.leaseMs),
    nowMs: claim.nowMs,
    staleReason: (row) => abandonedReason(row, { host: claim.host, nowMs: claim.nowMs, isPidAlive: claim.isPidAlive }, claim.pid),
  });
  if (outcome.acquired) return outcome;
  const row = outcome.holder;
  return {
    acquired: false,
    holder: { task: row.task ?? '?', runId: row.run_id ?? '?', pid: row.pid, host: row.host, startedAt: row.started_at, heartbeatAt: row.heartbeat_at },
  };
}

/** Extends the lease. Resolves false when this run no longer holds it (it must then abort). */
export function renewLease(store: Store, runId: string, nowMs: number, leaseMs: number): Promise<boolean> {
  return renewLeaseRow(store, runId, iso(nowMs), iso(nowMs + leaseMs));
}

export interface ProgressUpdate {
  phase: string;
  done?: number | null;
  total?: number | null;
  message?: string | null;
}

/** Records progress for `status`. Resolves false when this run no longer holds the lease. */
export function writeProgress(store: Store, runId: string, progress: ProgressUpdate): Promise<boolean> {
  return writeProgressRow(store, runId, { phase: progress.phase, done: progress.done ?? null, total: progress.total ?? null, message: progress.message ?? null });
}

/**
 * Records the run's outcome and frees the lease, in one transaction. Idempotent. When another
 * process has taken the lease over meanwhile, only the run row is written.
 */
export function releaseLease(store: Store, release: LeaseRelease): Promise<void> {
  const counts = runCounts(release.result);
  return releaseLeaseRow(store, {
    runId: release.runId,
    status: release.status,
    result: release.result ? JSON.stringify(release.result) : null,
    error: release.error,
    exitCode: release.exitCode,
    finishedAt: iso(release.nowMs),
    durationMs: release.nowMs - release.startedMs,
    ticketsSynced: counts.tickets_synced,
    ticketsProcessed: counts.tickets_processed,
    issuesExtracted: counts.issues_extracted,
  });
}
