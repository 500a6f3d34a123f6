import type BetterSqlite3 from 'better-sqlite3';

/** The alerts part of `status`: what is waiting, and the deliveries given up for good. */
export interface AlertStatus {
  pending: number;
  failed: number;
  /** The newest few failed deliveries: what an operator has to fix. */
  recent_failures: Array<{ alert_id: number; channel: string; summary: string; error: string | null; at: string }>;
}

/**
 * Raw prepared statements, not Kysely (status starts without it; see store/status-queries.ts).
 * Indexed by alert_deliveries_status; cheap whatever the outbox's size. Read-only.
 */
export function readAlertStatus(sqlite: BetterSqlite3.Database): AlertStatus {
  const counts = sqlite
    .prepare(`SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'failed'), 0) AS failed FROM alert_deliveries WHERE status IN ('pending', 'failed')`)
    .get() as { pending: number; failed: number };
  const recent = sqlite
    .prepare(
      `SELECT d.alert_id, d.channel, a.summary, d.last_error AS error, d.updated_at AS at
       FROM alert_deliveries d JOIN alert_outbox a ON a.id = d.alert_id
       WHERE d.status = 'failed' ORDER BY d.alert_id DESC LIMIT 3`,
    )
    .all() as AlertStatus['recent_failures'];
  return { pending: counts.pending, failed: counts.failed, recent_failures: recent };
}
