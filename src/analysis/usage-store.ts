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
