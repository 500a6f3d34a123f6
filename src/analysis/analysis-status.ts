import { queryAll, queryOne } from '../store/raw-query.js';
import type { Store } from '../store/store.js';

/*
 * What `status` shows of analysis: tokens and cost today and over 30 days, and the Message
 * Batches still open. Raw prepared statements like store/status-queries.ts: `status` loads
 * neither Kysely nor the SDK. Usage comes from the daily rollup (at most 31 rows), batches walk
 * the message_batches_status index.
 */

export interface UsageSummary {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** USD of the calls whose model has a price. */
  cost_usd: number;
  /** Calls of models without a price: counted in tokens only. */
  unpriced_calls: number;
}

export interface OpenBatch {
  id: string;
  status: string;
  model: string;
  requests: number;
  created_at: string;
  expires_at: string | null;
}

export interface AnalysisStatus {
  usage_today: UsageSummary;
  usage_30d: UsageSummary;
  open_batches: OpenBatch[];
}

/** Usage from the UTC day `sinceDay` (YYYY-MM-DD) on, from the daily rollup (migration 0005). */
async function usageSince(store: Store, sinceDay: string): Promise<UsageSummary> {
  const row = (await queryOne<UsageSummary>(
    store,
    `SELECT coalesce(sum(calls), 0) AS calls,
        coalesce(sum(input_tokens), 0) AS input_tokens,
        coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
        coalesce(sum(cache_read_input_tokens), 0) AS cache_read_input_tokens,
        coalesce(sum(cost_usd), 0) AS cost_usd,
        coalesce(sum(unpriced_calls), 0) AS unpriced_calls
       FROM api_usage_daily WHERE day >= ?`,
    [sinceDay],
  ))!;
  return { ...row, cost_usd: Math.round(row.cost_usd * 1e6) / 1e6 };
}

/**
 * Usage today and over the last 30 days (today and the 29 UTC days before it), and open
 * batches. Read-only.
 */
export async function readAnalysisStatus(store: Store, nowMs: number): Promise<AnalysisStatus> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const [open, usage_today, usage_30d] = await Promise.all([
    queryAll<OpenBatch>(
      store,
      `SELECT id, status, model, request_count AS requests, created_at, expires_at
       FROM message_batches WHERE status != 'collected' ORDER BY created_at`,
    ),
    usageSince(store, day(nowMs)),
    usageSince(store, day(nowMs - 29 * 86_400_000)),
  ]);
  return { usage_today, usage_30d, open_batches: open };
}
