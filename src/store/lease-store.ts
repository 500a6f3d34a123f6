import type { LeaseClaimOutcome, LeaseClaimRow, LeaseProgressRow, LeaseReleaseRow } from './lease-rows.js';
import { claimPostgresLease, releasePostgresLease, renewPostgresLease, writePostgresProgress } from './postgres/postgres-lease.js';
import { claimSqliteLease, releaseSqliteLease, renewSqliteLease, writeSqliteProgress } from './sqlite/sqlite-lease.js';
import type { Store } from './store.js';

/*
 * The lease's seam: one implementation per dialect (DESIGN.md, "A second database"). Callers
 * (src/worker/lease.ts) await these whatever the database; on SQLite they complete synchronously.
 * postgres-lease.ts imports pg's types only, so SQLite users load no pg code through this file.
 */

export async function claimLease(store: Store, claim: LeaseClaimRow): Promise<LeaseClaimOutcome> {
  return store.dialect === 'sqlite' ? claimSqliteLease(store.sqlite, claim) : claimPostgresLease(store.pool, claim);
}

export async function renewLeaseRow(store: Store, runId: string, heartbeatAt: string, leaseExpiresAt: string): Promise<boolean> {
  return store.dialect === 'sqlite' ? renewSqliteLease(store.sqlite, runId, heartbeatAt, leaseExpiresAt) : renewPostgresLease(store.pool, runId, heartbeatAt, leaseExpiresAt);
}

export async function writeProgressRow(store: Store, runId: string, progress: LeaseProgressRow): Promise<boolean> {
  return store.dialect === 'sqlite' ? writeSqliteProgress(store.sqlite, runId, progress) : writePostgresProgress(store.pool, runId, progress);
}

export async function releaseLeaseRow(store: Store, release: LeaseReleaseRow): Promise<void> {
  return store.dialect === 'sqlite' ? releaseSqliteLease(store.sqlite, release) : releasePostgresLease(store.pool, release);
}
