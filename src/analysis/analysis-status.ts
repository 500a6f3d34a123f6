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

const USAGE_FIELDS = ['calls', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'cost_usd', 'unpriced_calls'] as const;

/**
 * Usage from the UTC day `today` and from `since` on, from the daily rollup (migration 0005), in
 * one read: the sums for today count only today's rows (sum() skips the NULLs of the others), as
 * a read of its own would, in the same order.
 */
async function usageTodayAndSince(store: Store, today: string, since: string): Promise<[UsageSummary, UsageSummary]> {
  const sums = USAGE_FIELDS.map((f) => `coalesce(sum(CASE WHEN day >= ? THEN ${f} END), 0) AS today_${f}, coalesce(sum(${f}), 0) AS ${f}`);
  const row = (await queryOne<Record<string, number>>(store, `SELECT ${sums.join(', ')} FROM api_usage_daily WHERE day >= ?`, [
    ...USAGE_FIELDS.map(() => today),
    since,
  ]))!;
  const summary = (prefix: string): UsageSummary => {
    const usage = Object.fromEntries(USAGE_FIELDS.map((f) => [f, row[prefix + f]!])) as unknown as UsageSummary;
    return { ...usage, cost_usd: Math.round(usage.cost_usd * 1e6) / 1e6 };
  };
  return [summary('today_'), summary('')];
}

/**
 * Usage today and over the last 30 days (today and the 29 UTC days before it), and open
 * batches. Read-only.
 */
export async function readAnalysisStatus(store: Store, nowMs: number): Promise<AnalysisStatus> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const [open, [usage_today, usage_30d]] = await Promise.all([
    queryAll<OpenBatch>(
      store,
      `SELECT id, status, model, request_count AS requests, created_at, expires_at
       FROM message_batches WHERE status != 'collected' ORDER BY created_at`,
    ),
    usageTodayAndSince(store, day(nowMs), day(nowMs - 29 * 86_400_000)),
  ]);
  return { usage_today, usage_30d, open_batches: open };
}
