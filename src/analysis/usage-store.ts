import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { costUsd, type CallMode, type TokenUsage } from './pricing.js';

/** The usage block of a Messages API response; cache fields may be null or absent. */
export interface ApiUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export interface UsageRecord {
  at: string;
  runId: string | null;
  ticketId: number | null;
  purpose: string;
  model: string;
  mode: CallMode;
  usage: ApiUsage;
  requestId: string | null;
}

/** Normalises an API usage block (nulls become 0). */
export function tokenUsage(usage: ApiUsage): TokenUsage {
  return {
    input_tokens: usage.input_tokens ?? 0,
    output_tokens: usage.output_tokens ?? 0,
    cache_creation_input_tokens: usage.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
  };
}

/**
 * Records one call's usage with its USD cost (null for a model without a price).
 * Returns the cost (0 when unknown, so budgets stay numeric). Every call that was billed
 * must pass through here: it is what `status` and --max-cost count.
 */
export async function recordUsage(db: Kysely<Database>, record: UsageRecord): Promise<{ usage: TokenUsage; costUsd: number | null }> {
  const usage = tokenUsage(record.usage);
  const cost = costUsd(usage, record.model, record.mode);
  await db
    .insertInto('api_usage')
    .values({
      at: record.at,
      run_id: record.runId,
      ticket_id: record.ticketId,
      purpose: record.purpose,
      model: record.model,
      mode: record.mode,
      ...usage,
      cost_usd: cost,
      request_id: record.requestId,
    })
    .execute();
  return { usage, costUsd: cost };
}

export interface UsageWindow {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** USD of the calls with a known price. */
  cost_usd: number;
  /** Calls whose model had no price (their tokens are counted, their cost is not). */
  unpriced_calls: number;
}

/** Token and cost totals of calls at or after `sinceIso`. Read-only. */
export async function usageSince(db: Kysely<Database>, sinceIso: string): Promise<UsageWindow> {
  const row = await sql<UsageWindow>`
    SELECT count(*) AS calls,
      coalesce(sum(input_tokens), 0) AS input_tokens,
      coalesce(sum(output_tokens), 0) AS output_tokens,
      coalesce(sum(cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
      coalesce(sum(cache_read_input_tokens), 0) AS cache_read_input_tokens,
      coalesce(sum(cost_usd), 0) AS cost_usd,
      coalesce(sum(cost_usd IS NULL), 0) AS unpriced_calls
    FROM api_usage WHERE at >= ${sinceIso}
  `.execute(db);
  const r = row.rows[0]!;
  return { ...r, cost_usd: Math.round(r.cost_usd * 1e6) / 1e6 };
}
