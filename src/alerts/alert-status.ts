import { queryAll, queryOne } from '../store/raw-query.js';
import type { Store } from '../store/store.js';

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
export async function readAlertStatus(store: Store): Promise<AlertStatus> {
  const [counts, recent] = await Promise.all([
    queryOne<{ pending: number; failed: number }>(
      store,
      `SELECT count(CASE WHEN status = 'pending' THEN 1 END) AS pending, count(CASE WHEN status = 'failed' THEN 1 END) AS failed
       FROM alert_deliveries WHERE status IN ('pending', 'failed')`,
    ),
    queryAll<AlertStatus['recent_failures'][number]>(
      store,
      `SELECT d.alert_id, d.channel, a.summary, d.last_error AS error, d.updated_at AS at
       FROM alert_deliveries d JOIN alert_outbox a ON a.id = d.alert_id
       WHERE d.status = 'failed' ORDER BY d.alert_id DESC LIMIT 3`,
    ),
  ]);
  return { pending: counts!.pending, failed: counts!.failed, recent_failures: recent };
}
