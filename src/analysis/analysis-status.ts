import type BetterSqlite3 from 'better-sqlite3';

/*
 * What `status` shows of analysis: tokens and cost today and over 30 days, and the Message
 * Batches still open. Raw prepared statements like store/status-queries.ts: `status` loads
 * neither Kysely nor the SDK. Both queries walk small indexes (api_usage_at, message_batches_status).
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

function usageSince(sqlite: BetterSqlite3.Database, sinceIso: string): UsageSummary {
  const row = sqlite
    .prepare(
      `SELECT count(*) AS calls,
        coalesce(sum(input_tokens), 0) AS input_tokens,
        coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
        coalesce(sum(cache_read_input_tokens), 0) AS cache_read_input_tokens,
        coalesce(sum(cost_usd), 0) AS cost_usd,
        coalesce(sum(cost_usd IS NULL), 0) AS unpriced_calls
       FROM api_usage WHERE at >= ?`,
    )
    .get(sinceIso) as UsageSummary;
  return { ...row, cost_usd: Math.round(row.cost_usd * 1e6) / 1e6 };
}

/** Usage since UTC midnight and over the last 30 days, and open batches. Read-only. */
export function readAnalysisStatus(sqlite: BetterSqlite3.Database, nowMs: number): AnalysisStatus {
  const midnight = new Date(nowMs);
  midnight.setUTCHours(0, 0, 0, 0);
  const open = sqlite
    .prepare(
      `SELECT id, status, model, request_count AS requests, created_at, expires_at
       FROM message_batches WHERE status != 'collected' ORDER BY created_at`,
    )
    .all() as OpenBatch[];
  return {
    usage_today: usageSince(sqlite, midnight.toISOString()),
    usage_30d: usageSince(sqlite, new Date(nowMs - 30 * 86_400_000).toISOString()),
    open_batches: open,
  };
}
