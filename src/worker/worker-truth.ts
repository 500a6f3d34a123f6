import type { WorkerStatusTable } from '../store/schema-core.js';

export interface Observer {
  /** This machine's host name: a pid can only be checked on the host that wrote it. */
  host: string;
  nowMs: number;
  isPidAlive: (pid: number) => boolean;
}

/**
 * Why a worker row that says "running" is not running any more, or null when it may be: its
 * process is gone from this host (SIGKILL, OOM, reboot), or its lease expired without a
 * heartbeat. The same rule the next run applies when it takes the lease over (lease.ts), so a
 * reader can tell the truth without waiting for that run. Pure apart from `isPidAlive`.
 */
export function abandonedReason(row: Pick<WorkerStatusTable, 'status' | 'pid' | 'host' | 'heartbeat_at' | 'lease_expires_at'>, seen: Observer, ownPid?: number): string | null {
  if (row.status !== 'running') return null;
  if (row.host === seen.host && row.pid !== null && row.pid !== ownPid && !seen.isPidAlive(row.pid)) {
    return `process ${row.pid}@${row.host} is gone`;
  }
  if (!row.lease_expires_at || Date.parse(row.lease_expires_at) < seen.nowMs) {
    return `no heartbeat since ${row.heartbeat_at ?? 'never'}`;
  }
  return null;
}
